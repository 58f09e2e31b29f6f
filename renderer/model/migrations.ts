// Versioned migrations of issue.json. Each entry upgrades a document from version `from` to
// `from + 1`, working on plain JSON (never on typed data: an old file does not have today's
// types). Opening a file runs every step from its version up to FORMAT_VERSION, then validates.
// A file from a NEWER version is refused with both versions named: silently dropping fields we
// do not know would lose the user's work on the next save.
import { FORMAT_ID, FORMAT_VERSION } from './schema';

export interface Migration {
  from: number;
  /** What changed, for the changelog and for error messages. */
  description: string;
  up: (doc: Record<string, unknown>) => Record<string, unknown>;
}

/**
 * Version 1 is the first released format, so the list is empty; when version 2 comes, its
 * migration `{ from: 1, ... }` goes here and FORMAT_VERSION becomes 2.
 */
export const MIGRATIONS: readonly Migration[] = [];

export class FormatError extends Error {
  constructor(
    message: string,
    readonly kind: 'not-an-issue' | 'newer-version' | 'bad-version',
  ) {
    super(message);
    this.name = 'FormatError';
  }
}

/** Upgrades a parsed issue.json to the current version (returns the same object when current). */
export function migrate(doc: unknown, migrations: readonly Migration[] = MIGRATIONS, current = FORMAT_VERSION): Record<string, unknown> {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    throw new FormatError('issue.json does not hold an object: this is not a Banmian issue', 'not-an-issue');
  }
  const d = doc as Record<string, unknown>;
  if (d.format !== FORMAT_ID) {
    throw new FormatError(`issue.json has format ${JSON.stringify(d.format)}, expected "${FORMAT_ID}": this is not a Banmian issue`, 'not-an-issue');
  }
  const v = d.version;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) {
    const got = v === undefined ? 'no version' : `version ${JSON.stringify(v)}`;
    throw new FormatError(`issue.json has ${got}; expected a whole number from 1 to ${current}. The file is damaged: open its backup (.bak) if there is one`, 'bad-version');
  }
  if (v > current) {
    throw new FormatError(
      `this issue was saved by a newer Banmian (file format version ${v}; this Banmian reads up to version ${current}). Update Banmian to open it; the file is left unchanged.`,
      'newer-version',
    );
  }
  let out = d;
  for (let from = v; from < current; from++) {
    const m = migrations.find((x) => x.from === from);
    if (!m) throw new FormatError(`no migration from format version ${from} to ${from + 1}`, 'bad-version');
    out = { ...m.up(out), version: from + 1 };
  }
  return out;
}
