// A small, lenient, streaming XML reader for the parts of a Word document (renderer/import/docx.ts).
//
// It calls back for each start tag, end tag and piece of text, with element and attribute names
// resolved through their namespace declarations, so a part that binds WordprocessingML to another
// prefix (`<ns0:p>`) or to the ISO "Strict" namespace reads the same as Word's own `<w:p>`.
// Known namespaces get short fixed prefixes (NS below); others keep their URI in braces.
//
// What it does not do, on purpose:
// - No DTD: a DOCTYPE is skipped and entities it declares are never expanded (no "billion
//   laughs"). Only the five predefined entities and numeric character references are decoded;
//   an unknown `&name;` stays as it is written.
// - No validation: a part that is cut off or has a stray end tag is read as far as it makes
//   sense (unclosed elements are closed at the end, an end tag with no open partner is ignored,
//   one that closes an outer element closes the inner ones first). It never throws, and its work
//   is linear in the length of the text.
//
// Pure: no DOM, no Node; runs in the renderer and in the CLI alike.

/** Namespace URI → the fixed prefix the callbacks see. */
const NS: Readonly<Record<string, string>> = {
  'http://schemas.openxmlformats.org/wordprocessingml/2006/main': 'w',
  // ISO/IEC 29500 Strict spells the same vocabulary with other URIs.
  'http://purl.oclc.org/ooxml/wordprocessingml/main': 'w',
  'http://schemas.openxmlformats.org/markup-compatibility/2006': 'mc',
  'http://schemas.openxmlformats.org/officeDocument/2006/relationships': 'r',
  'http://purl.oclc.org/ooxml/officeDocument/relationships': 'r',
  'http://schemas.openxmlformats.org/package/2006/relationships': 'pr',
  'http://schemas.openxmlformats.org/package/2006/content-types': 'ct',
  'http://www.w3.org/XML/1998/namespace': 'xml',
};
const XML_NS = 'http://www.w3.org/XML/1998/namespace';

export interface XmlHandler {
  /** `name` is `prefix:local` with the fixed prefix of its namespace (see NS), or `{uri}local`, or `local`. */
  open(name: string, attrs: ReadonlyMap<string, string>): void;
  close(name: string): void;
  /** Character data with references decoded; CDATA sections arrive here too. */
  text(t: string): void;
}

const PREDEFINED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** A numeric character reference's code point, or U+FFFD when it names no character XML allows. */
function fromCodePoint(cp: number): string {
  const ok = cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
  return ok ? String.fromCodePoint(cp) : '\ufffd';
}

/** Decodes `&lt;` `&gt;` `&amp;` `&quot;` `&apos;`, `&#20013;` and `&#x4E2D;`; leaves any other `&…;` as written. */
export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#[xX][0-9a-fA-F]{1,8}|#[0-9]{1,10}|[A-Za-z][A-Za-z0-9._-]{0,31});/g, (all, ref: string) => {
    if (ref[0] !== '#') return PREDEFINED[ref] ?? all;
    const hex = ref[1] === 'x' || ref[1] === 'X';
    return fromCodePoint(parseInt(ref.slice(hex ? 2 : 1), hex ? 16 : 10));
  });
}

/** XML's end-of-line handling (§2.11): CRLF and lone CR read as LF. */
const eol = (s: string): string => (s.includes('\r') ? s.replace(/\r\n?/g, '\n') : s);

interface Scope {
  /** The raw tag name as written, to match its end tag. */
  raw: string;
  /** The resolved name reported to the handler. */
  name: string;
  /** Namespace bindings declared on this element (prefix → URI; '' is the default namespace). */
  bindings: Map<string, string> | null;
}

const isNameChar = (c: number): boolean => !(c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x2f || c === 0x3e || c === 0x3d);

/**
 * Parses `src` and calls `h` for each start tag, end tag and text. An empty element (`<a/>`)
 * gives an open and a close. See the file comment for what is lenient.
 */
export function parseXml(src: string, h: XmlHandler): void {
  const stack: Scope[] = [];
  const n = src.length;
  let i = src.charCodeAt(0) === 0xfeff ? 1 : 0;

  const lookup = (prefix: string): string | undefined => {
    if (prefix === 'xml') return XML_NS;
    for (let k = stack.length - 1; k >= 0; k--) {
      const u = stack[k]!.bindings?.get(prefix);
      if (u !== undefined) return u;
    }
    return undefined;
  };
  const resolve = (raw: string, isAttr: boolean, own: Map<string, string> | null): string => {
    const colon = raw.indexOf(':');
    const prefix = colon < 0 ? '' : raw.slice(0, colon);
    const local = colon < 0 ? raw : raw.slice(colon + 1);
    // Unprefixed attributes are in no namespace; unprefixed elements in the default one.
    if (colon < 0 && isAttr) return local;
    const uri = own?.get(prefix) ?? lookup(prefix);
    if (uri === undefined || uri === '') return colon < 0 ? local : raw;
    const short = NS[uri];
    return short !== undefined ? `${short}:${local}` : `{${uri}}${local}`;
  };
  const closeTo = (depth: number): void => {
    while (stack.length > depth) h.close(stack.pop()!.name);
  };

  while (i < n) {
    const lt = src.indexOf('<', i);
    const textEnd = lt < 0 ? n : lt;
    if (textEnd > i) h.text(decodeEntities(eol(src.slice(i, textEnd))));
    if (lt < 0) break;
    i = lt;
    if (src.startsWith('<!--', i)) {
      const e = src.indexOf('-->', i + 4);
      i = e < 0 ? n : e + 3;
    } else if (src.startsWith('<![CDATA[', i)) {
      const e = src.indexOf(']]>', i + 9);
      h.text(eol(src.slice(i + 9, e < 0 ? n : e)));
      i = e < 0 ? n : e + 3;
    } else if (src.startsWith('<?', i)) {
      const e = src.indexOf('?>', i + 2);
      i = e < 0 ? n : e + 2;
    } else if (src.startsWith('<!', i)) {
      // DOCTYPE (with an internal subset in brackets) or another declaration: skipped whole.
      let depth = 0;
      let quote = 0;
      let k = i + 2;
      for (; k < n; k++) {
        const c = src.charCodeAt(k);
        if (quote) {
          if (c === quote) quote = 0;
        } else if (c === 0x22 || c === 0x27) quote = c;
        else if (c === 0x5b) depth++;
        else if (c === 0x5d) depth = Math.max(0, depth - 1);
        else if (c === 0x3e && depth === 0) break;
      }
      i = k + 1;
    } else if (src.charCodeAt(i + 1) === 0x2f) {
      const e = src.indexOf('>', i + 2);
      const raw = src.slice(i + 2, e < 0 ? n : e).trim();
      i = e < 0 ? n : e + 1;
      for (let k = stack.length - 1; k >= 0; k--) {
        if (stack[k]!.raw === raw) {
          closeTo(k);
          break;
        }
      }
    } else {
      // A start tag: name, attributes with quoted (or, leniently, bare) values, then > or />.
      let k = i + 1;
      while (k < n && isNameChar(src.charCodeAt(k))) k++;
      const raw = src.slice(i + 1, k);
      if (raw === '') {
        // A lone '<' is text.
        h.text('<');
        i++;
        continue;
      }
      const pairs: Array<[string, string]> = [];
      let selfClosing = false;
      for (;;) {
        while (k < n && /\s/.test(src[k]!)) k++;
        if (k >= n) break;
        const c = src.charCodeAt(k);
        if (c === 0x3e) {
          k++;
          break;
        }
        if (c === 0x2f) {
          k++;
          if (src.charCodeAt(k) === 0x3e) {
            selfClosing = true;
            k++;
            break;
          }
          continue;
        }
        const a0 = k;
        while (k < n && isNameChar(src.charCodeAt(k))) k++;
        if (k === a0) {
          k++; // a stray '=' or similar: skip it
          continue;
        }
        const an = src.slice(a0, k);
        while (k < n && /\s/.test(src[k]!)) k++;
        let value = '';
        if (src.charCodeAt(k) === 0x3d) {
          k++;
          while (k < n && /\s/.test(src[k]!)) k++;
          const q = src.charCodeAt(k);
          if (q === 0x22 || q === 0x27) {
            const e = src.indexOf(q === 0x22 ? '"' : "'", k + 1);
            value = src.slice(k + 1, e < 0 ? n : e);
            k = e < 0 ? n : e + 1;
          } else {
            const v0 = k;
            while (k < n && !/[\s>]/.test(src[k]!) && !(src[k] === '/' && src[k + 1] === '>')) k++;
            value = src.slice(v0, k);
          }
        }
        // Attribute-value normalisation (XML §3.3.3): each whitespace character reads as a space.
        pairs.push([an, decodeEntities(value.replace(/[\t\n\r]/g, ' '))]);
      }
      i = k;
      let bindings: Map<string, string> | null = null;
      for (const [an, v] of pairs) {
        if (an === 'xmlns') (bindings ??= new Map()).set('', v);
        else if (an.startsWith('xmlns:')) (bindings ??= new Map()).set(an.slice(6), v);
      }
      const attrs = new Map<string, string>();
      for (const [an, v] of pairs) {
        if (an === 'xmlns' || an.startsWith('xmlns:')) continue;
        attrs.set(resolve(an, true, bindings), v);
      }
      const name = resolve(raw, false, bindings);
      stack.push({ raw, name, bindings });
      h.open(name, attrs);
      if (selfClosing) closeTo(stack.length - 1);
    }
  }
  closeTo(0);
}

/**
 * Decodes the bytes of an XML part: UTF-16 with a byte-order mark, otherwise the encoding its
 * declaration names (Word and WPS write UTF-8; an older tool may write GB18030 or GBK), UTF-8 when
 * the name is unknown. Malformed bytes become U+FFFD, which the import reports as a lost glyph.
 */
export function decodeXmlBytes(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 200));
  const m = /^(?:\ufeff|\u00ef\u00bb\u00bf)?<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head);
  const label = m?.[1]?.toLowerCase();
  if (label && label !== 'utf-8' && label !== 'utf8') {
    try {
      return new TextDecoder(label).decode(bytes);
    } catch {
      // an encoding this runtime does not know: fall through to UTF-8
    }
  }
  return new TextDecoder('utf-8').decode(bytes);
}
