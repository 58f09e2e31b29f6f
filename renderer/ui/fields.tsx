// Small form fields. Numbers are edited as text and committed on Enter or blur, so typing "12.5"
// is one undo step, not four.
import { useEffect, useState, type ReactElement, type ReactNode } from 'react';

export function NumberField(p: { label: string; value: number; onCommit: (v: number) => void; step?: number; min?: number; max?: number; digits?: number; testId?: string }): ReactElement {
  const fmt = (v: number) => String(Math.round(v * 10 ** (p.digits ?? 2)) / 10 ** (p.digits ?? 2));
  const [draft, setDraft] = useState(fmt(p.value));
  const [focused, setFocused] = useState(false);
  useEffect(() => {
    if (!focused) setDraft(fmt(p.value));
  }, [p.value, focused]);
  const commit = () => {
    const v = Number(draft.replace(/，/g, '.').trim());
    if (!Number.isFinite(v)) return setDraft(fmt(p.value));
    const c = Math.min(p.max ?? Infinity, Math.max(p.min ?? -Infinity, v));
    if (Math.abs(c - p.value) > 1e-9) p.onCommit(c);
    setDraft(fmt(c));
  };
  return (
    <label className="field">
      <span>{p.label}</span>
      <input
        type="text"
        inputMode="decimal"
        value={draft}
        data-testid={p.testId}
        onFocus={() => setFocused(true)}
        onBlur={() => {
          setFocused(false);
          commit();
        }}
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          if (e.key === 'Escape') setDraft(fmt(p.value));
        }}
      />
    </label>
  );
}

export function TextField(p: { label: string; value: string; onCommit: (v: string) => void; multiline?: boolean; testId?: string }): ReactElement {
  const [draft, setDraft] = useState(p.value);
  const [focused, setFocused] = useState(false);
  useEffect(() => {
    if (!focused) setDraft(p.value);
  }, [p.value, focused]);
  const commit = () => draft !== p.value && p.onCommit(draft);
  const common = {
    value: draft,
    'data-testid': p.testId,
    onFocus: () => setFocused(true),
    onBlur: () => {
      setFocused(false);
      commit();
    },
  };
  return (
    <label className="field">
      <span>{p.label}</span>
      {p.multiline ? (
        <textarea rows={3} {...common} onChange={(e) => setDraft(e.target.value)} />
      ) : (
        <input type="text" {...common} onChange={(e) => setDraft(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && commit()} />
      )}
    </label>
  );
}

export function Select<T extends string>(p: { label: string; value: T; options: ReadonlyArray<{ value: T; label: string }>; onChange: (v: T) => void; testId?: string }): ReactElement {
  return (
    <label className="field">
      <span>{p.label}</span>
      <select value={p.value} data-testid={p.testId} onChange={(e) => p.onChange(e.target.value as T)}>
        {p.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

export function Check(p: { label: string; checked: boolean; onChange: (v: boolean) => void; testId?: string }): ReactElement {
  return (
    <label className="check">
      <input type="checkbox" checked={p.checked} data-testid={p.testId} onChange={(e) => p.onChange(e.target.checked)} />
      {p.label}
    </label>
  );
}

export function Section(p: { title: string; children: ReactNode; testId?: string }): ReactElement {
  return (
    <section className="panel-section" data-testid={p.testId}>
      <h3>{p.title}</h3>
      {p.children}
    </section>
  );
}

/** Lets the user pick one file in an <input type=file>; `read` turns it into the answer (null = cancelled). */
function pickWith<T>(accept: string, read: (f: File) => Promise<T>): Promise<T | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = accept;
    input.onchange = async () => {
      const f = input.files?.[0];
      resolve(f ? await read(f) : null);
    };
    input.oncancel = () => resolve(null);
    input.click();
  });
}

/** Reads a file the user picked as text (UTF-8). */
export function pickTextFile(accept: string): Promise<{ name: string; text: string } | null> {
  return pickWith(accept, async (f) => ({ name: f.name, text: await f.text() }));
}

/** Reads a file the user picked as bytes (a .docx, or text of unknown encoding). */
export function pickFile(accept: string): Promise<{ name: string; bytes: Uint8Array } | null> {
  return pickWith(accept, async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) }));
}

/**
 * What the text import buttons accept: plain text and Word documents. An old .doc is offered too,
 * so that picking one gets the message saying how to save it as .docx rather than a greyed-out file.
 */
export const TEXT_OR_DOCX = '.txt,.docx,.doc,text/plain,application/vnd.openxmlformats-officedocument.wordprocessingml.document';
