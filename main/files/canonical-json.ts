// issue.json is written in one canonical form so that saving the same document twice gives the
// same bytes (and a save/open/save round trip is byte-stable): keys in a fixed order, two-space
// indentation, '\n' line ends and a final newline. Reading accepts any valid JSON.

/** Keys written first, in this order, wherever they occur; the rest follow in code-unit order. */
const LEADING_KEYS = ['format', 'version', 'id', 'kind'];

function compareKeys(a: string, b: string): number {
  const ia = LEADING_KEYS.indexOf(a);
  const ib = LEADING_KEYS.indexOf(b);
  if (ia >= 0 || ib >= 0) return (ia < 0 ? LEADING_KEYS.length : ia) - (ib < 0 ? LEADING_KEYS.length : ib);
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Serialises plain JSON data canonically. Properties whose value is undefined are left out (as
 * JSON.stringify does); anything that is not JSON (NaN, Infinity, functions, undefined in a list)
 * throws, because it would not survive a round trip.
 */
export function canonicalJson(value: unknown): string {
  const parts: string[] = [];
  write(value, '', parts, 'issue');
  parts.push('\n');
  return parts.join('');
}

function write(v: unknown, indent: string, out: string[], where: string): void {
  if (v === null) {
    out.push('null');
    return;
  }
  switch (typeof v) {
    case 'string':
      out.push(JSON.stringify(v));
      return;
    case 'boolean':
      out.push(v ? 'true' : 'false');
      return;
    case 'number':
      if (!Number.isFinite(v)) throw new TypeError(`canonicalJson: ${where} is ${v}, which JSON cannot hold`);
      out.push(JSON.stringify(v));
      return;
    case 'object':
      break;
    default:
      throw new TypeError(`canonicalJson: ${where} is a ${typeof v}, which JSON cannot hold`);
  }
  const inner = `${indent}  `;
  if (Array.isArray(v)) {
    if (v.length === 0) {
      out.push('[]');
      return;
    }
    out.push('[\n');
    v.forEach((item, i) => {
      if (i > 0) out.push(',\n');
      out.push(inner);
      write(item, inner, out, `${where}[${i}]`);
    });
    out.push(`\n${indent}]`);
    return;
  }
  const obj = v as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort(compareKeys);
  if (keys.length === 0) {
    out.push('{}');
    return;
  }
  out.push('{\n');
  keys.forEach((k, i) => {
    if (i > 0) out.push(',\n');
    out.push(`${inner}${JSON.stringify(k)}: `);
    write(obj[k], inner, out, `${where}.${k}`);
  });
  out.push(`\n${indent}}`);
}
