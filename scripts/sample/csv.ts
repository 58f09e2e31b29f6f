// A small RFC 4180 reader for assets/samples/sponsors.csv: comma-separated, double-quoted fields
// may hold commas, quotes ("") and line breaks; the first row names the columns.

/** Parses CSV text into rows of fields. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const s = text.replace(/^\ufeff/, '');
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && s[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (quoted) throw new Error('CSV: a quoted field is not closed');
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.some((f) => f.trim() !== ''));
}

export interface SponsorRow {
  title: string;
  company: string;
  /** Detail lines, empty fields dropped. */
  lines: string[];
}

/** sponsors.csv -> one record per box: title, company, then any number of detail-line columns. */
export function readSponsors(text: string): SponsorRow[] {
  const [head, ...rows] = parseCsv(text);
  if (!head || head[0] !== 'title' || head[1] !== 'company') throw new Error('sponsors.csv: the first row must be "title,company,line1,…"');
  return rows.map((r, i) => {
    const [title = '', company = '', ...lines] = r.map((f) => f.trim());
    if (!title && !company) throw new Error(`sponsors.csv row ${i + 2}: a box needs a title or a company`);
    return { title, company, lines: lines.filter((l) => l !== '') };
  });
}
