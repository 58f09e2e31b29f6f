// Registration of the IPC handlers: the one gate every renderer request passes.
//
// For each channel of the contract, in this order:
//   1. the sender must be the MAIN frame of one of our windows, showing banmian://app/ (a frame
//      that navigated elsewhere, an iframe, or a web contents we did not create is refused);
//   2. the payload is parsed with the channel's zod schema (malformed -> 'bad-request');
//   3. only then is the channel's implementation called (main/ipc/implementation.ts).
// Whatever happens, the renderer receives a Result; nothing is thrown across the boundary, and
// unexpected errors are logged in main and reported as 'internal' without their stack.
import { CHANNELS, CHANNEL_NAMES, type Channel, type IpcError, type RequestOf, type ResponseOf, type Result } from './contract';
import { isAppUrl } from '../app/protocol';
import { IssueFileError } from '../files/errors';

/** The part of Electron's WebFrameMain the sender check reads. */
export interface FrameLike {
  readonly url: string;
  /** null for a top-level (main) frame. */
  readonly parent: unknown;
}

/** The part of Electron's IpcMainInvokeEvent the handlers read. */
export interface InvokeEventLike {
  readonly sender: { readonly id: number };
  readonly senderFrame: FrameLike | null;
}

/** The part of Electron's ipcMain used here. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

/** Who called: the web contents id of a window we trust. */
export interface CallContext {
  readonly senderId: number;
}

export type Handler<C extends Channel> = (request: RequestOf<C>, ctx: CallContext) => Promise<ResponseOf<C>> | ResponseOf<C>;
export type Handlers = { readonly [C in Channel]: Handler<C> };

export interface SenderPolicy {
  /** True for the web contents of a window this app created for a document. */
  isOurWebContents(id: number): boolean;
}

export interface Logger {
  error(message: string, error?: unknown): void;
}

export function ipcError(code: IpcError['code'], message: string, messageZh: string, problems?: string[]): IpcError {
  return problems ? { code, message, messageZh, problems } : { code, message, messageZh };
}

/** Why a sender is refused, or null when it is one of our windows' main frames on banmian://app/. */
export function refuseSender(event: InvokeEventLike, policy: SenderPolicy): string | null {
  const frame = event.senderFrame;
  // senderFrame is null when the frame was destroyed or navigated away after sending.
  if (!frame) return 'the sending frame is gone';
  if (frame.parent !== null) return 'the sender is not a main frame';
  if (!isAppUrl(frame.url)) return `the sender is not showing banmian://app/ (${truncate(frame.url, 80)})`;
  if (!policy.isOurWebContents(event.sender.id)) return 'the sender is not a Banmian window';
  return null;
}

const FORBIDDEN = (why: string): IpcError =>
  ipcError('forbidden', `Request refused: ${why}.`, `请求被拒绝：发送方不是版面的窗口（${why}）。`);

/** Turns anything thrown by an implementation into an IpcError for the renderer. */
export function toIpcError(e: unknown, log?: Logger, channel?: string): IpcError {
  if (e instanceof IssueFileError) {
    const problems = e.problems.map((p) => `${p.path}: ${p.message}`);
    return ipcError(e.code, e.message, e.messageZh, problems.length ? problems : undefined);
  }
  if (e instanceof IpcFailure) return e.error;
  log?.error(`banmian: ${channel ?? 'ipc'} failed`, e);
  return ipcError(
    'internal',
    'Something went wrong in Banmian. Try again; if it keeps happening, save under a new name (File > Save As) and restart.',
    '版面内部出错。请重试；如果反复出现，请另存为新文件（“文件 > 另存为”）后重新启动。',
  );
}

/** Throw this from an implementation to answer with a specific IpcError. */
export class IpcFailure extends Error {
  constructor(readonly error: IpcError) {
    super(error.message);
  }
}

/** The zod issues as `path: message` lines (at most 20: enough to see what is wrong). */
function zodProblems(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>): string[] {
  return issues.slice(0, 20).map((i) => `${i.path.map(String).join('.') || '(request)'}: ${i.message}`);
}

/**
 * Registers one handler per contract channel on ipcMain. Returns a function that removes them
 * (tests, and a clean shutdown).
 */
export function registerHandlers(ipcMain: IpcMainLike, handlers: Handlers, policy: SenderPolicy, log?: Logger): () => void {
  for (const channel of CHANNEL_NAMES) {
    ipcMain.handle(channel, (event, ...args) => dispatch(channel, handlers, policy, event, args, log));
  }
  return () => {
    for (const channel of CHANNEL_NAMES) ipcMain.removeHandler(channel);
  };
}

async function dispatch<C extends Channel>(
  channel: C,
  handlers: Handlers,
  policy: SenderPolicy,
  event: InvokeEventLike,
  args: unknown[],
  log?: Logger,
): Promise<Result<ResponseOf<C>>> {
  const why = refuseSender(event, policy);
  if (why) return { ok: false, error: FORBIDDEN(why) };
  // Exactly one argument, the request object; an omitted one means {} (channels without fields).
  if (args.length > 1) {
    return { ok: false, error: badRequest(channel, [`(request): expected one argument, got ${args.length}`]) };
  }
  const parsed = CHANNELS[channel].request.safeParse(args.length === 0 || args[0] === undefined ? {} : args[0]);
  if (!parsed.success) return { ok: false, error: badRequest(channel, zodProblems(parsed.error.issues)) };
  try {
    const handler = handlers[channel] as Handler<C>;
    const value = await handler(parsed.data as RequestOf<C>, { senderId: event.sender.id });
    return { ok: true, value };
  } catch (e) {
    return { ok: false, error: toIpcError(e, log, channel) };
  }
}

function badRequest(channel: string, problems: string[]): IpcError {
  const first = problems[0] ?? '';
  return ipcError(
    'bad-request',
    `Malformed request on ${channel}: ${first}. This is a bug in Banmian's window; save your work under a new name and restart.`,
    `${channel} 请求格式错误：${first}。这是版面窗口的程序错误；请另存为新文件后重新启动。`,
    problems,
  );
}

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n)}…` : s;
}
