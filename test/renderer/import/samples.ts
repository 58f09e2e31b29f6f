// The sample copy in ../shared/samples (beside the repository, as in CI): real pages of Shanghai
// community papers, extracted from PDF with the faults the import has to clean.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = process.env.BANMIAN_ROOT ?? fileURLToPath(new URL('../../..', import.meta.url));

export const SAMPLE_NAMES = ['tianshan-front', 'jiangpu-community', 'xinmin-community'] as const;
export type SampleName = (typeof SAMPLE_NAMES)[number];

/** The raw text of a sample; throws (the test fails) when ../shared/samples is missing. */
export function sample(name: SampleName): string {
  return readFileSync(join(root, '..', 'shared', 'samples', `${name}.txt`), 'utf8');
}

/** Full-width marks and curly quotes mapped back to ASCII, for the "words never change" check. */
const BACK: Readonly<Record<string, string>> = {
  '，': ',', '。': '.', '：': ':', '；': ';', '？': '?', '！': '!', '（': '(', '）': ')',
  '“': '"', '”': '"', '‘': "'", '’': "'",
};

/** The character sequence of a text with all whitespace removed and punctuation width undone. */
export function skeleton(s: string): string {
  return Array.from(s.replace(/[\s\u200b-\u200d\u2060\ufeff\u00ad\u0000-\u0008\u000e-\u001f\u007f]/gu, ''))
    .map((c) => BACK[c] ?? c)
    .join('');
}
