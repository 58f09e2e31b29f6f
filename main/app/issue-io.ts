// The slice of main/files/issue-file.ts that the shell uses, as structural types: the shell's
// modules take these functions as parameters (main/main.ts passes the real ones), so they can be
// tested with fakes and do not depend on how the file module is organised inside.
import type { AssetId, Issue } from '../../renderer/model/schema';

export interface OpenedIssueLike {
  issue: Issue;
  assets: Map<AssetId, Uint8Array>;
  missingAssets: AssetId[];
  warnings: ReadonlyArray<{ code: string; message: string; messageZh: string }>;
}

export interface IssueIo {
  openIssueFile(path: string): Promise<OpenedIssueLike>;
  /** Atomic: the previous file survives a failed save. */
  saveIssueFile(path: string, issue: Issue, assets: ReadonlyMap<AssetId, Uint8Array>, opts?: { backup?: boolean }): Promise<unknown>;
}
