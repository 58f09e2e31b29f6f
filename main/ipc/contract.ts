// The IPC contract: every channel between the renderer and the main process, in one table.
//
// Each request channel names a zod schema for what the renderer sends and (as a phantom type) what
// main answers. main/ipc/handlers.ts registers exactly these channels and parses every payload with
// these schemas; main/preload.ts builds its named functions from the same table; the renderer sees
// only the `BanmianApi` type (import type, never a value: HOUSE_STYLE.md "Which way imports go").
//
// Naming: a channel is `<namespace>.<method>`; the preload exposes it as `api.<namespace>.<method>`.
// Events from main to the renderer are `<namespace>:<event>` and are exposed as `api.on.<name>`.
//
// Every answer is a Result: `{ ok: true, value }` or `{ ok: false, error }`. Handlers never throw
// into the renderer; a refused sender, a malformed payload and a failed save all come back as an
// `IpcError` with an English and a Chinese message.
import { z } from 'zod';
import { Asset, AssetId, Issue, PagePreset } from '../../renderer/model/schema';
import { IssueFragment } from '../../renderer/model/fragment';

// ---------------------------------------------------------------------------------------------
// shared pieces

/**
 * A document's id: main makes it (a random UUID) when it opens a window for an issue. It also
 * names the recovery file (userData/recovery/<documentId>.banmian), hence the narrow alphabet.
 */
export const DocumentId = z
  .string()
  .regex(/^[A-Za-z0-9-]{1,64}$/, 'document ids use only letters, digits and -')
  .brand<'DocumentId'>();
export type DocumentId = z.infer<typeof DocumentId>;

/** A progress-job id chosen by the renderer, echoed in the progress events of that job. */
export const JobId = z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'job ids use only letters, digits and _ . : -');

/** A file path as the OS spells it; 4096 is PATH_MAX on Linux and macOS' is 1024, so longer is never real. */
const FilePath = z.string().min(1).max(4096).refine((p) => !p.includes('\0'), 'paths may not contain NUL');

/** Raw bytes. Electron's structured clone keeps Uint8Array (and Buffer arrives as Uint8Array). */
const Bytes = z.custom<Uint8Array>((v) => v instanceof Uint8Array, 'expected bytes (Uint8Array)');

/** One asset with its bytes; the unit in which images cross the IPC boundary. */
export const AssetWithBytes = z.object({ asset: Asset, bytes: Bytes });
export type AssetWithBytes = z.infer<typeof AssetWithBytes>;

/** Bytes for assets the renderer added or replaced; main keeps the rest from the opened file. */
const AssetBytes = z.array(z.object({ id: AssetId, bytes: Bytes })).max(100_000);

/** What the renderer sends to save a document. */
const SaveRequest = z.object({ documentId: DocumentId, issue: Issue, assets: AssetBytes.optional() });

const Empty = z.object({}).strict();

// ---------------------------------------------------------------------------------------------
// results and errors

export type IpcErrorCode =
  /** The payload failed the channel's schema. */
  | 'bad-request'
  /** The sender is not the main frame of one of our windows showing banmian://app/. */
  | 'forbidden'
  /** The documentId names no open document of this window. */
  | 'no-document'
  /** A font the renderer asked for is not installed or bundled. */
  | 'no-font'
  /** The PDF writer is not available in this build yet. */
  | 'not-available'
  /** The PDF export worker stopped in the middle of a job; the next export starts a new one. */
  | 'export-interrupted'
  /** Anything unexpected; details are in the main-process log, not sent to the renderer. */
  | 'internal'
  /** IssueFileError codes (main/files/errors.ts) pass through unchanged. */
  | (string & {});

export interface IpcError {
  code: IpcErrorCode;
  /** English, one line, says what to do. */
  message: string;
  /** The same in Chinese. */
  messageZh: string;
  /** Schema problems, `path: message`, when the code is 'bad-request' or 'invalid'. */
  problems?: string[];
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: IpcError };

// ---------------------------------------------------------------------------------------------
// response shapes

export type Locale = 'zh' | 'en';

export interface LocaleInfo {
  /** The UI language Banmian chose: zh for any zh* system language, else en. */
  locale: Locale;
  /** The OS's preferred languages, most preferred first (BCP 47). */
  languages: string[];
  platform: 'darwin' | 'win32' | 'linux' | (string & {});
}

export interface DocumentOpened {
  documentId: DocumentId;
}

export interface WarningInfo {
  code: string;
  message: string;
  messageZh: string;
}

/** Everything a new window needs to show its document (api.issue.current()). */
export interface DocumentPayload {
  documentId: DocumentId;
  /** The file the document is saved in; null for a new or recovered-unsaved issue. */
  path: string | null;
  /** Window title: file name without folder, or 未命名/Untitled. */
  title: string;
  issue: Issue;
  assets: AssetWithBytes[];
  /** Assets listed in issue.json whose bytes are missing; shown as placeholders. */
  missingAssets: AssetId[];
  warnings: WarningInfo[];
  /** True when this is a recovered autosave: the document starts dirty. */
  recovered: boolean;
  /** True for the bundled sample issue: Save goes to Save As, never over the sample. */
  isSample: boolean;
}

export interface Saved {
  path: string;
  title: string;
}

export interface RecentFile {
  path: string;
  /** File name without folder, for the menu and the start screen. */
  name: string;
}

export interface FontInfo {
  /** Stable id of the face (PostScript name + '#' + fingerprint); safe as a CSS family name. */
  fontId: string;
  postscriptName: string;
  family: string;
  /** Where it came from: bundled with Banmian, added by the user, or installed on this computer. */
  source: 'bundled' | 'user' | 'system';
}

/** A face's bytes for a FontFace in the renderer. */
export interface FontBytes {
  /** The face actually delivered: the requested one, or its bundled stand-in. */
  fontId: string;
  postscriptName: string;
  /** A standalone font (a face inside a .ttc is extracted first). */
  bytes: Uint8Array;
  /** Set when the requested font is not on this computer and a bundled face stands in. */
  substitution: { message: string; messageZh: string } | null;
}

/** Which face fonts.resolve will deliver, and where the app protocol serves its bytes. */
export interface FontResolved {
  fontId: string;
  postscriptName: string;
  /** URL of the face's bytes relative to the app's pages (banmian://app/fonts/<fontId>). */
  url: string;
  substitution: { message: string; messageZh: string } | null;
}

export interface ImportImagesResult {
  imported: AssetWithBytes[];
  failed: Array<{ path: string; error: IpcError }>;
}

/** What clipboard.readFrames answers: the copied frames and the bytes of the images they place. */
export interface ClipboardFrames {
  fragment: IssueFragment;
  /** Bytes of the fragment's assets main has (all of them, unless an image was already missing in the source). */
  assets: AssetWithBytes[];
}

/**
 * An image as the screen shows it when Chromium cannot decode the original (TIFF) or would show
 * its colours wrong (CMYK JPEG): made by main with sharp (main/files/images.ts screenPreview).
 */
export interface ImagePreview {
  assetId: AssetId;
  /** Always an 8-bit sRGB JPEG. */
  mime: 'image/jpeg';
  /** Pixel size of the preview: the asset's, reduced to at most 2048 px on the long side. */
  width: number;
  height: number;
  bytes: Uint8Array;
}

export interface RecoveryEntry {
  documentId: DocumentId;
  /** The file the document was last saved to; null if it was never saved. */
  path: string | null;
  title: string;
  /** When the snapshot was written, ISO 8601. */
  savedAt: string;
}

/** The printing plant's colour profile as the app stores it (main/app/press-profile.ts). */
export interface PlantProfileInfo {
  /** The profile's description tag (its file name when it has none). */
  name: string;
  path: string;
  /** false when the file is missing, unreadable or no longer a CMYK output profile: exports fail until it is chosen again or cleared. */
  available: boolean;
  /** Why it cannot be used, in both languages; null when available. */
  problem: { message: string; messageZh: string } | null;
}

export interface PdfExported {
  path: string;
  pages: number;
  warnings: WarningInfo[];
}

// ---------------------------------------------------------------------------------------------
// PDF export options (the writer itself comes later; main/ipc calls an injected exportPdf)

export const PdfExportOptions = z.object({
  /** Press: PDF/X with bleed and CMYK; proof: screen-friendly, no bleed. */
  purpose: z.enum(['press', 'proof']).default('press'),
  /** 1-based page numbers; empty or absent = all pages. */
  pages: z.array(z.number().int().min(1).max(2000)).max(2000).optional(),
  /** Crop and registration marks outside the trim. */
  marks: z.boolean().optional(),
  /** Bleed in millimetres; absent = the issue's output settings. */
  bleedMm: z.number().finite().min(0).max(5).optional(),
  /** PDF/X level; absent = the issue's output settings. */
  pdfx: z.enum(['1a', '4']).optional(),
  /** One file for the issue, or one file per page (named from the issue) beside the chosen name. */
  split: z.enum(['single', 'pages']).optional(),
});
export type PdfExportOptions = z.infer<typeof PdfExportOptions>;

// ---------------------------------------------------------------------------------------------
// the request channels

/** Carries a response type without a runtime value. */
interface Res<T> {
  readonly __response?: T;
}
const res = <T>(): Res<T> => ({});

interface ChannelSpec<S extends z.ZodType = z.ZodType, T = unknown> {
  request: S;
  response: Res<T>;
}
const channel = <S extends z.ZodType, T>(request: S, response: Res<T>): ChannelSpec<S, T> => ({ request, response });

export const CHANNELS = {
  // app
  'app.locale': channel(Empty, res<LocaleInfo>()),

  // issues and windows: one window per document
  /** The document of the calling window (called once when a window starts). */
  'issue.current': channel(Empty, res<DocumentPayload>()),
  /** Opens a new window with a new issue. */
  'issue.new': channel(z.object({ preset: PagePreset }), res<DocumentOpened>()),
  /** Shows the open dialog; opens the file in a new window (or focuses the window that has it). null = cancelled. */
  'issue.open': channel(Empty, res<DocumentOpened | null>()),
  /** Opens a file by path (recent list, drag and drop). */
  'issue.openPath': channel(z.object({ path: FilePath }), res<DocumentOpened>()),
  /** Saves to the document's file; asks for a name first if it has none. null = the user cancelled the dialog. */
  'issue.save': channel(SaveRequest, res<Saved | null>()),
  /** Always asks for a name. null = cancelled. */
  'issue.saveAs': channel(SaveRequest, res<Saved | null>()),
  'issue.recent': channel(Empty, res<RecentFile[]>()),
  /** The renderer reports unsaved changes; main asks before closing a dirty window. */
  'issue.setDirty': channel(z.object({ documentId: DocumentId, dirty: z.boolean() }), res<void>()),
  /** Close this window (goes through the unsaved-changes question). */
  'issue.close': channel(z.object({ documentId: DocumentId }), res<void>()),
  /**
   * The answer to an `issue:save-before-close` event: proceed = the save succeeded, so close;
   * false = the save failed or was cancelled, so the window stays.
   */
  'issue.closeAnswer': channel(
    z.object({ documentId: DocumentId, requestId: z.string().regex(/^[A-Za-z0-9-]{1,64}$/), proceed: z.boolean() }),
    res<void>(),
  ),

  // fonts: the renderer registers FontFaces from these bytes and measures text with them
  'fonts.list': channel(Empty, res<FontInfo[]>()),
  'fonts.bytes': channel(z.object({ postscriptName: z.string().min(1).max(200) }), res<FontBytes>()),
  /** Start-up path: the face to be delivered and its URL; the renderer fetches the bytes (no IPC copy). */
  'fonts.resolve': channel(z.object({ postscriptName: z.string().min(1).max(200) }), res<FontResolved>()),

  // images
  /**
   * Reads images into the document. paths (drag and drop, via api.files.pathForFile) or, when
   * absent, the open dialog. Progress: `assets:progress`. null = dialog cancelled.
   */
  'assets.importImages': channel(
    z.object({ documentId: DocumentId, jobId: JobId, paths: z.array(FilePath).min(1).max(1000).optional() }),
    res<ImportImagesResult | null>(),
  ),
  /**
   * A screen preview (sRGB JPEG) of one of the document's images, for formats the renderer
   * cannot decode (TIFF) or colour-manage (CMYK). Main uses the bytes it holds for the document;
   * previews are cached by asset hash.
   */
  'assets.preview': channel(z.object({ documentId: DocumentId, assetId: AssetId }), res<ImagePreview>()),

  // PDF
  /** Shows the save dialog and writes the PDF. Progress: `export:progress`. null = cancelled. */
  'export.pdf': channel(
    z.object({ documentId: DocumentId, jobId: JobId, issue: Issue, options: PdfExportOptions }),
    res<PdfExported | null>(),
  ),

  // the printing plant's CMYK output profile: an app setting (userData), used by every export
  /** The stored plant profile and whether its file can still be used; null = none set (exports use the generic profile and warn). */
  'press.profile': channel(Empty, res<PlantProfileInfo | null>()),
  /** Shows the open dialog for .icc/.icm, checks the file is a CMYK output profile and stores it. null = cancelled. */
  'press.chooseProfile': channel(Empty, res<PlantProfileInfo | null>()),
  'press.clearProfile': channel(Empty, res<void>()),

  // native editing for text fields (the Edit menu sends commands; for an input with focus the
  // renderer hands them back to Chromium through this channel)
  'edit.native': channel(z.object({ action: z.enum(['undo', 'redo', 'cut', 'copy', 'paste', 'delete', 'selectAll']) }), res<void>()),

  // copy and paste of frames, between any windows of this app (main holds the clipboard)
  /**
   * Copy: main keeps the fragment with the bytes of its images, taken from the calling window's
   * document, and puts the fragment's plain text on the system clipboard.
   */
  'clipboard.writeFrames': channel(z.object({ documentId: DocumentId, fragment: IssueFragment }), res<void>()),
  /**
   * Paste: the frames last copied in any window, or null when there are none or the system
   * clipboard has changed since (something else was copied). The images' bytes are added to the
   * calling window's document, so its saves and exports have them.
   */
  'clipboard.readFrames': channel(z.object({ documentId: DocumentId }), res<ClipboardFrames | null>()),

  // autosave and crash recovery
  /** An autosave snapshot, in answer to `recovery:snapshot-due` (once a minute while dirty). */
  'recovery.snapshot': channel(z.object({ documentId: DocumentId, issue: Issue }), res<void>()),
  /** Snapshots left by a session that did not close cleanly. */
  'recovery.check': channel(Empty, res<RecoveryEntry[]>()),
  /** Opens a recovered snapshot in a new window. */
  'recovery.open': channel(z.object({ documentId: DocumentId }), res<DocumentOpened>()),
  'recovery.discard': channel(z.object({ documentId: DocumentId }), res<void>()),
} as const satisfies Record<string, ChannelSpec>;

export type Channel = keyof typeof CHANNELS;
export const CHANNEL_NAMES = Object.keys(CHANNELS) as Channel[];

/** What the renderer passes (before zod defaults are applied). */
export type RequestIn<C extends Channel> = z.input<(typeof CHANNELS)[C]['request']>;
/** What a handler receives (after parsing). */
export type RequestOf<C extends Channel> = z.output<(typeof CHANNELS)[C]['request']>;
export type ResponseOf<C extends Channel> = (typeof CHANNELS)[C]['response'] extends Res<infer T> ? T : never;

// ---------------------------------------------------------------------------------------------
// events: main -> renderer

/** The commands of the native menu; main sends them to the focused window as `menu:command`. */
export const MenuCommand = z.enum([
  'file.new',
  'file.open',
  'file.save',
  'file.saveAs',
  'file.exportPdf',
  'file.close',
  'edit.undo',
  'edit.redo',
  'edit.cut',
  'edit.copy',
  'edit.paste',
  'edit.delete',
  'edit.selectAll',
  'view.zoomIn',
  'view.zoomOut',
  'view.fitPage',
  'view.actualSize',
  'view.toggleGrid',
  'layout.addPage',
  'layout.duplicatePage',
  'layout.deletePage',
  'layout.threadText',
  'layout.textWrap',
  'help.about',
  'help.openSample',
]);
export type MenuCommand = z.infer<typeof MenuCommand>;

export interface ProgressEvent {
  jobId: string;
  /** Units done so far (pages for export, files for import). */
  done: number;
  total: number;
  /** What is happening, for the status line: English and Chinese. */
  stage: string;
  stageZh: string;
}

interface EventSpec<T = unknown> {
  /** The name of the subscribe function under api.on. */
  method: string;
  payload: Res<T>;
}
const event = <M extends string, T>(method: M, payload: Res<T>) => ({ method, payload }) as const;

export const EVENTS = {
  'menu:command': event('menuCommand', res<{ command: MenuCommand }>()),
  'export:progress': event('exportProgress', res<ProgressEvent>()),
  'assets:progress': event('importProgress', res<ProgressEvent>()),
  /** The user chose Save in the unsaved-changes question: save, then answer with issue.closeAnswer. */
  'issue:save-before-close': event('saveBeforeClose', res<{ requestId: string }>()),
  /** Time for an autosave (main sends it once a minute to windows with unsaved changes): answer with recovery.snapshot. */
  'recovery:snapshot-due': event('snapshotDue', res<{ documentId: DocumentId }>()),
  /** The recent-files list changed (for a start screen that shows it). */
  'issue:recent-changed': event('recentChanged', res<{ recent: RecentFile[] }>()),
} as const satisfies Record<string, EventSpec>;

export type EventName = keyof typeof EVENTS;
export const EVENT_NAMES = Object.keys(EVENTS) as EventName[];
export type EventPayload<E extends EventName> = (typeof EVENTS)[E]['payload'] extends Res<infer T> ? T : never;

// ---------------------------------------------------------------------------------------------
// the API the preload exposes as window.api

type Namespace<C extends string> = C extends `${infer NS}.${string}` ? NS : never;
type MethodOf<C extends string, NS extends string> = C extends `${NS}.${infer M}` ? M : never;
type ChannelOf<NS extends string, M extends string> = `${NS}.${M}` & Channel;

/** The keys of T that are not optional. */
type RequiredKeys<T> = { [K in keyof T]-?: Record<never, never> extends Pick<T, K> ? never : K }[keyof T];

/** Channels whose request has no required field take an optional argument. */
type Call<C extends Channel> = [RequiredKeys<RequestIn<C>>] extends [never]
  ? (request?: RequestIn<C>) => Promise<Result<ResponseOf<C>>>
  : (request: RequestIn<C>) => Promise<Result<ResponseOf<C>>>;

export type Unsubscribe = () => void;

export type BanmianApi = {
  readonly [NS in Namespace<Channel>]: {
    readonly [M in MethodOf<Channel, NS>]: Call<ChannelOf<NS, M>>;
  };
} & {
  /** Subscriptions to main's events; each returns the function that unsubscribes. */
  readonly on: {
    readonly [E in EventName as (typeof EVENTS)[E]['method']]: (listener: (payload: EventPayload<E>) => void) => Unsubscribe;
  };
  /** Local helpers that do not cross IPC. */
  readonly files: {
    /** The path of a file dropped on the window (Electron's webUtils.getPathForFile); '' if it has none. */
    readonly pathForFile: (file: File) => string;
  };
};

/** Splits a channel name into the api namespace and method. */
export function apiPath(channel: Channel): [string, string] {
  const dot = channel.indexOf('.');
  return [channel.slice(0, dot), channel.slice(dot + 1)];
}
