// Validation of an issue document: the zod schema (shape and ranges) followed by the checks a
// schema cannot express (unique ids, references between records, story threads). Every problem
// is reported with a path into issue.json and what was expected, e.g.
//   pages[2].frames[5].columns: expected integer >= 1, got 0
import type { z } from 'zod';
import { Issue, type Frame, type IssueInput } from './schema';

export interface ModelProblem {
  /** Path into issue.json in JavaScript notation: pages[2].frames[5].columns */
  path: string;
  message: string;
}

export type ValidateResult = { ok: true; issue: Issue } | { ok: false; problems: ModelProblem[] };

/** Formats a zod path the way a person reads it: a.b[2].c */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let s = '';
  for (const p of path) {
    if (typeof p === 'number') s += `[${p}]`;
    else s += s ? `.${String(p)}` : String(p);
  }
  return s || '(root)';
}

function valueAt(root: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let v: unknown = root;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[p];
  }
  return v;
}

function show(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (Array.isArray(v)) return `a list of ${v.length}`;
  if (v === null) return 'null';
  if (typeof v === 'object') return 'an object';
  return String(v);
}

type AnySchema = z.ZodType & { _zod: { def: Record<string, unknown> } };

/** The schema that governs `path` for this input (used only to word messages). */
function schemaAt(schema: AnySchema, path: ReadonlyArray<PropertyKey>, root: unknown): AnySchema | null {
  let s: AnySchema | null = schema;
  let v: unknown = root;
  for (let i = 0; i <= path.length && s; i++) {
    // unwrap wrappers first
    for (;;) {
      const def: Record<string, unknown> = s._zod.def;
      if (def.type === 'default' || def.type === 'optional' || def.type === 'nullable' || def.type === 'prefault') {
        s = def.innerType as AnySchema;
      } else if (def.type === 'pipe') s = def.in as AnySchema;
      else break;
    }
    if (i === path.length) break;
    const def: Record<string, unknown> = s._zod.def;
    const key = path[i]!;
    if (def.type === 'union') {
      const kind = v && typeof v === 'object' ? (v as { kind?: unknown }).kind : undefined;
      const opts = def.options as AnySchema[];
      s =
        opts.find((o) => {
          const shape = o._zod.def.shape as Record<string, AnySchema> | undefined;
          const lit = shape?.kind?._zod.def.values as unknown[] | undefined;
          return lit?.includes(kind);
        }) ?? null;
      if (!s) return null;
      i--; // re-examine the same key against the chosen option
      continue;
    }
    if (def.type === 'object') s = ((def.shape as Record<string, AnySchema>)[String(key)] ?? null) as AnySchema | null;
    else if (def.type === 'array') s = def.element as AnySchema;
    else return null;
    v = v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[key] : undefined;
  }
  return s;
}

function describeIssue(iss: z.core.$ZodIssue, input: unknown): string {
  const got = valueAt(input, iss.path);
  const leaf = schemaAt(Issue as unknown as AnySchema, iss.path, input);
  const isInt = (leaf as unknown as { isInt?: boolean } | null)?.isInt === true;
  const num = isInt ? 'integer' : 'number';
  switch (iss.code) {
    case 'too_small': {
      const i = iss as z.core.$ZodIssueTooSmall;
      if (i.origin === 'array') return `expected at least ${String(i.minimum)} item(s), got ${show(got)}`;
      if (i.origin === 'string') return `expected at least ${String(i.minimum)} character(s), got ${show(got)}`;
      return `expected ${num} ${i.inclusive ? '>=' : '>'} ${String(i.minimum)}, got ${show(got)}`;
    }
    case 'too_big': {
      const i = iss as z.core.$ZodIssueTooBig;
      if (i.origin === 'array') return `expected at most ${String(i.maximum)} item(s), got ${show(got)}`;
      if (i.origin === 'string') return `expected at most ${String(i.maximum)} character(s), got a text of ${String((got as string)?.length)}`;
      return `expected ${num} ${i.inclusive ? '<=' : '<'} ${String(i.maximum)}, got ${show(got)}`;
    }
    case 'invalid_type': {
      const i = iss as z.core.$ZodIssueInvalidType;
      const exp = i.expected === 'int' ? 'integer' : i.expected;
      return got === undefined ? `missing: expected ${exp}` : `expected ${exp}, got ${show(got)}`;
    }
    case 'invalid_value': {
      const i = iss as z.core.$ZodIssueInvalidValue;
      return `expected ${i.values.map((x) => JSON.stringify(x)).join(' or ')}, got ${show(got)}`;
    }
    case 'invalid_union': {
      const i = iss as z.core.$ZodIssueInvalidUnion & { options?: unknown[]; discriminator?: string };
      if (i.options) return `expected ${i.options.map((x) => JSON.stringify(x)).join(' or ')}, got ${show(got)}`;
      return `does not match any allowed form, got ${show(got)}`;
    }
    case 'invalid_format':
      return `${iss.message.replace(/^Invalid input: /, '')}, got ${show(got)}`;
    case 'unrecognized_keys':
      return iss.message;
    default:
      return `${iss.message}, got ${show(got)}`;
  }
}

/** Validates a parsed issue.json value: schema first, then references. */
export function validateIssue(input: unknown): ValidateResult {
  const r = Issue.safeParse(input);
  if (!r.success) {
    const problems = r.error.issues.map((iss) => ({ path: formatPath(iss.path), message: describeIssue(iss, input) }));
    return { ok: false, problems: dedupe(problems) };
  }
  const problems = checkReferences(r.data);
  return problems.length ? { ok: false, problems } : { ok: true, issue: r.data };
}

function dedupe(ps: ModelProblem[]): ModelProblem[] {
  const seen = new Set<string>();
  return ps.filter((p) => {
    const k = `${p.path}\u0000${p.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Checks a schema-valid issue for dangling references, duplicate ids and broken threads. */
export function checkReferences(issue: Issue): ModelProblem[] {
  const problems: ModelProblem[] = [];
  const add = (path: string, message: string) => problems.push({ path, message });

  const uniq = <T extends { id: string }>(list: readonly T[], name: string) => {
    const seen = new Map<string, number>();
    list.forEach((x, i) => {
      const prev = seen.get(x.id);
      if (prev !== undefined) add(`${name}[${i}].id`, `duplicate id "${x.id}" (also ${name}[${prev}])`);
      else seen.set(x.id, i);
    });
    return new Set(seen.keys());
  };
  const swatches = uniq(issue.swatches, 'swatches');
  const pstyles = uniq(issue.paragraphStyles, 'paragraphStyles');
  const cstyles = uniq(issue.characterStyles, 'characterStyles');
  const stories = uniq(issue.stories, 'stories');
  const masters = uniq(issue.masters, 'masters');
  const assets = uniq(issue.assets, 'assets');
  uniq(issue.pages, 'pages');

  const need = (set: Set<string>, id: string | null | undefined, path: string, what: string) => {
    if (id != null && !set.has(id)) add(path, `refers to ${what} "${id}", which does not exist`);
  };
  issue.paragraphStyles.forEach((s, i) => need(swatches, s.color, `paragraphStyles[${i}].color`, 'swatch'));
  issue.characterStyles.forEach((s, i) => need(swatches, s.color, `characterStyles[${i}].color`, 'swatch'));
  issue.stories.forEach((s, si) =>
    s.paragraphs.forEach((p, pi) => {
      need(pstyles, p.style, `stories[${si}].paragraphs[${pi}].style`, 'paragraph style');
      p.runs.forEach((r, ri) => need(cstyles, r.style, `stories[${si}].paragraphs[${pi}].runs[${ri}].style`, 'character style'));
    }),
  );

  // Frame ids are unique across the whole issue (threads cross pages).
  const frames = new Map<string, { frame: Frame; path: string }>();
  const allFrames: Array<{ frame: Frame; path: string }> = [];
  issue.masters.forEach((m, mi) => m.frames.forEach((f, fi) => allFrames.push({ frame: f, path: `masters[${mi}].frames[${fi}]` })));
  issue.pages.forEach((p, pi) => {
    need(masters, p.masterId, `pages[${pi}].masterId`, 'master');
    p.frames.forEach((f, fi) => allFrames.push({ frame: f, path: `pages[${pi}].frames[${fi}]` }));
  });
  for (const e of allFrames) {
    const prev = frames.get(e.frame.id);
    if (prev) add(`${e.path}.id`, `duplicate frame id "${e.frame.id}" (also ${prev.path})`);
    else frames.set(e.frame.id, e);
  }

  const pointedBy = new Map<string, string>();
  for (const { frame: f, path } of allFrames) {
    switch (f.kind) {
      case 'text': {
        need(stories, f.storyId, `${path}.storyId`, 'story');
        if (f.next !== null) {
          const n = frames.get(f.next);
          if (!n) add(`${path}.next`, `threads to frame "${f.next}", which does not exist`);
          else if (n.frame.kind !== 'text') add(`${path}.next`, `threads to a ${n.frame.kind} frame; only text frames can continue a story`);
          else if (n.frame.storyId !== f.storyId) add(`${path}.next`, `threads to a frame of another story ("${n.frame.storyId}")`);
          else if (pointedBy.has(f.next)) add(`${path}.next`, `frame "${f.next}" is already threaded from ${pointedBy.get(f.next)}`);
          else pointedBy.set(f.next, path);
        }
        break;
      }
      case 'headline':
        f.decks.forEach((d, di) => need(pstyles, d.style, `${path}.decks[${di}].style`, 'paragraph style'));
        need(stories, f.storyId, `${path}.storyId`, 'story');
        break;
      case 'image':
        need(assets, f.assetId, `${path}.assetId`, 'asset');
        break;
      case 'caption': {
        need(stories, f.storyId, `${path}.storyId`, 'story');
        const img = frames.get(f.imageId);
        if (!img) add(`${path}.imageId`, `belongs to image frame "${f.imageId}", which does not exist`);
        else if (img.frame.kind !== 'image') add(`${path}.imageId`, `belongs to a ${img.frame.kind} frame; a caption belongs to an image frame`);
        break;
      }
      case 'sponsor':
        need(assets, f.logoAssetId, `${path}.logoAssetId`, 'asset');
        need(swatches, f.stroke, `${path}.stroke`, 'swatch');
        break;
      case 'rule':
        need(swatches, f.color, `${path}.color`, 'swatch');
        break;
      case 'box':
        need(swatches, f.fill, `${path}.fill`, 'swatch');
        need(swatches, f.stroke, `${path}.stroke`, 'swatch');
        break;
      case 'masthead':
        need(assets, f.logoAssetId, `${path}.logoAssetId`, 'asset');
        break;
      case 'folio':
      case 'qr':
        break;
    }
  }
  // A thread must not loop back on itself: follow each chain; a cycle is reported once, at the
  // first of its frames in document order.
  const inCycle = new Set<string>();
  for (const { frame: f, path } of allFrames) {
    if (f.kind !== 'text' || f.next === null || inCycle.has(f.id)) continue;
    const seen: string[] = [f.id];
    let cur: Frame | undefined = frames.get(f.next)?.frame;
    while (cur && cur.kind === 'text' && !seen.includes(cur.id)) {
      seen.push(cur.id);
      cur = cur.next ? frames.get(cur.next)?.frame : undefined;
    }
    if (cur && cur.id === f.id) {
      for (const idInLoop of seen) inCycle.add(idInLoop);
      add(`${path}.next`, `the thread through this frame loops back on itself (${seen.join(' → ')} → ${f.id}); break the loop`);
    }
  }
  return problems;
}

/** Parses and validates, throwing a single readable error: for tests and trusted callers. */
export function parseIssue(input: IssueInput | unknown): Issue {
  const r = validateIssue(input);
  if (!r.ok) throw new Error(r.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
  return r.issue;
}
