// Typed access to the preload API (window.api). The renderer imports only the TYPE of the
// contract from main/ (HOUSE_STYLE.md "Which way imports go"); every call returns a Result, and
// `call` turns a failed one into an ApiError that carries both the English and the Chinese message.
import type { BanmianApi, IpcError, Result } from '../main/ipc/contract';

export type {
  BanmianApi,
  DocumentId,
  DocumentPayload,
  FontBytes,
  ImagePreview,
  IpcError,
  LocaleInfo,
  MenuCommand,
  PdfExportOptions,
  PlantProfileInfo,
  ProgressEvent,
  Result,
  AssetWithBytes,
  ClipboardFrames,
} from '../main/ipc/contract';

declare global {
  interface Window {
    api?: BanmianApi;
  }
}

export class ApiError extends Error {
  readonly code: string;
  readonly messageZh: string;
  readonly problems: string[];
  constructor(e: IpcError) {
    super(e.message);
    this.name = 'ApiError';
    this.code = e.code;
    this.messageZh = e.messageZh;
    this.problems = e.problems ?? [];
  }
}

/** The preload API; throws (in both languages) when the page runs outside Banmian. */
export function api(): BanmianApi {
  const a = window.api;
  if (!a) throw new ApiError({ code: 'no-api', message: 'This page must run inside the Banmian app (window.api is missing).', messageZh: '此页面必须在版面程序中运行（缺少 window.api）。' });
  return a;
}

/** Awaits a Result and returns its value, or throws an ApiError. */
export async function call<T>(p: Promise<Result<T>>): Promise<T> {
  const r = await p;
  if (r.ok) return r.value;
  throw new ApiError(r.error);
}

/** Any thrown thing as an error message pair for the error dialog. */
export function errorMessages(e: unknown): { en: string; zh: string; problems: string[] } {
  if (e instanceof ApiError) return { en: e.message, zh: e.messageZh, problems: e.problems };
  // Errors raised in the renderer itself that carry their Chinese wording (the .docx import's
  // DocxImportError): shown in both languages like an ApiError.
  const zh = e instanceof Error ? (e as Error & { messageZh?: unknown }).messageZh : undefined;
  if (e instanceof Error && typeof zh === 'string') return { en: e.message, zh, problems: [] };
  const msg = e instanceof Error ? e.message : String(e);
  return { en: msg, zh: `出错了：${msg}`, problems: [] };
}

let jobCounter = 0;
/** A job id for progress events of one import or export. */
export const newJobId = (kind: string): string => `${kind}-${Date.now().toString(36)}-${(jobCounter++).toString(36)}`;
