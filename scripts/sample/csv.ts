// assets/samples/sponsors.csv: read with the editor's own CSV parser (the sponsor-grid tool's),
// so the sample is built from the file exactly as a user importing it would get it; the first
// row names the columns.
import { parseCsv } from '../../renderer/editor/factories';

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
