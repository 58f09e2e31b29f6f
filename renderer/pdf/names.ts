// File names of exported PDFs, from the pattern: {paper} {date} {page} (two digits).

/** Characters no file system accepts (Windows is the strictest), and control characters. */
const BAD = /[<>:"/\\|?*\u0000-\u001f]/g;

const two = (n: number) => String(n).padStart(2, '0');

/**
 * The {page} token of a file holding some of the pages, in order: runs of consecutive pages as
 * `02-03`, runs joined by `_` (pages 1, 3, 4 → `01_03-04`); one page is just `02`.
 */
export function pageRangeToken(pages: readonly number[]): string {
  const sorted = [...new Set(pages)].sort((a, b) => a - b);
  const runs: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    runs.push(i === j ? two(sorted[i]!) : `${two(sorted[i]!)}-${two(sorted[j]!)}`);
    i = j + 1;
  }
  return runs.join('_');
}

/**
 * `天山社区晨报-2026-11-22-03.pdf` from '{paper}-{date}-{page}'. `page` null: the whole-issue
 * file ({page} becomes "all"); a list of page numbers: one file holding only those pages
 * (`…-02-03.pdf`, see pageRangeToken), so that a partial export never takes the whole issue's
 * name. Unknown tokens are kept as written.
 */
export function fileNameFor(pattern: string, meta: { paper: string; date: string }, page: number | null | readonly number[]): string {
  const values: Record<string, string> = {
    paper: meta.paper,
    date: meta.date,
    page: page === null ? 'all' : typeof page === 'number' ? two(page) : pageRangeToken(page),
  };
  let name = pattern.replace(/\{(\w+)\}/g, (m, k: string) => values[k] ?? m).replace(BAD, '_').trim();
  if (!name || name === '.' || name === '..') name = `page-${values.page}`;
  // Pattern without {page}: keep per-page files apart.
  if (page !== null && !pattern.includes('{page}')) name += `-${values.page}`;
  return `${name}.pdf`;
}
