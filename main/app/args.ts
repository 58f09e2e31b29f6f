// Files to open from the command line: the first start's argv, a second instance's argv (single
// instance: it hands its argv to us and quits), and macOS 'open-file' events.
import { isAbsolute, resolve } from 'node:path';

export const ISSUE_EXTENSION = '.banmian';

/**
 * The .banmian paths in an argv, resolved against the working directory of the process that got
 * them. Skips the executable, the app path (`electron .` in development), Chromium switches
 * (`--foo`, `--foo=bar`) and anything that is not a .banmian file.
 */
export function issuePathsFromArgv(argv: readonly string[], cwd: string): string[] {
  const out: string[] = [];
  // argv[0] is the executable; in development argv[1] is the app folder. Neither ends in .banmian.
  for (const arg of argv.slice(1)) {
    if (arg.startsWith('-')) continue;
    if (!arg.toLowerCase().endsWith(ISSUE_EXTENSION)) continue;
    const p = isAbsolute(arg) ? arg : resolve(cwd, arg);
    if (!out.includes(p)) out.push(p);
  }
  return out;
}

/**
 * macOS sends 'open-file' before 'ready' when the app is launched by double-clicking a file: the
 * paths are queued until windows can be made, then handed over in order.
 */
export class OpenFileQueue {
  #ready = false;
  readonly #pending: string[] = [];
  constructor(private readonly open: (path: string) => void) {}

  push(path: string): void {
    if (this.#ready) this.open(path);
    else this.#pending.push(path);
  }

  /** Call once the app can open windows; returns how many queued paths were opened. */
  start(): number {
    this.#ready = true;
    const n = this.#pending.length;
    for (const p of this.#pending.splice(0)) this.open(p);
    return n;
  }

  get hasPending(): boolean {
    return this.#pending.length > 0;
  }
}
