// File names of exported PDFs, from the pattern: {paper} {date} {page} (two digits).

/** Characters no file system accepts (Windows is the strictest), and control characters. */
const BAD = /[<>:"/\\|?*\u0000-\u001f]/g;

/**
 * `天山社区晨报-2026-11-22-03.pdf` from '{paper}-{date}-{page}'. `page` null: the whole-issue
 * file ({page} becomes "all"). Unknown tokens are kept as written.
 */
export function fileNameFor(pattern: string, meta: { paper: string; date: string }, page: number | null): string {
  const values: Record<string, string> = {
    paper: meta.paper,
    date: meta.date,
    page: page === null ? 'all' : String(page).padStart(2, '0'),
  };
  let name = pattern.replace(/\{(\w+)\}/g, (m, k: string) => values[k] ?? m).replace(BAD, '_').trim();
  if (!name || name === '.' || name === '..') name = `page-${values.page}`;
  // Pattern without {page}: keep per-page files apart.
  if (page !== null && !pattern.includes('{page}')) name += `-${values.page}`;
  return `${name}.pdf`;
}
