// Pages: thumbnails drawn from the same LayoutResult as the canvas, page numbers (第N版),
// section names, the master (folio) toggle, add / duplicate / delete / reorder.
import { useEffect, useRef, type ReactElement } from 'react';
import { drawFrame } from '../canvas/draw';
import { sameLayout } from '../canvas/frameCache';
import type { GlyphSource } from '../canvas/glyphs';
import type { EditorState } from '../editor/state';
import type { LayoutResult, PageLayout } from '../engine/types';
import { useUi } from './context';
import { TextField } from './fields';

const THUMB_W = 120;

export function PagesPanel(p: { state: EditorState; layout: LayoutResult; glyphs: GlyphSource; images: (id: string) => CanvasImageSource | null; /** Changes when fonts or images finish loading. */ assetsVersion: number }): ReactElement {
  const { editor, t } = useUi();
  const s = p.state;
  const n = s.issue.pages.length;
  return (
    <div className="pages-panel" data-testid="pages-panel">
      <h3>{t.pages}</h3>
      <div className="page-actions">
        <button data-testid="page-add" onClick={() => editor.run('addPage')}>{t.addPage}</button>
        <button data-testid="page-duplicate" onClick={() => editor.run('duplicatePage')}>{t.duplicatePage}</button>
        <button data-testid="page-delete" disabled={n <= 1} onClick={() => editor.run('deletePage')}>{t.deletePage}</button>
        <button disabled={s.pageIndex === 0} onClick={() => editor.run('movePage', { from: s.pageIndex, to: s.pageIndex - 1 })}>{t.moveUp}</button>
        <button disabled={s.pageIndex >= n - 1} onClick={() => editor.run('movePage', { from: s.pageIndex, to: s.pageIndex + 1 })}>{t.moveDown}</button>
      </div>
      <TextField
        label={`${t.section} · ${t.page(s.pageIndex + 1)}`}
        value={s.issue.pages[s.pageIndex]?.section ?? ''}
        onCommit={(v) => editor.run('setSection', { index: s.pageIndex, section: v })}
        testId="page-section"
      />
      <ol className="thumbs">
        {s.issue.pages.map((page, i) => (
          <li
            key={page.id}
            className={i === s.pageIndex ? 'current' : ''}
            data-testid={`page-thumb-${i + 1}`}
            onClick={() => editor.run('goToPage', { index: i })}
            draggable
            onDragStart={(e) => e.dataTransfer.setData('text/x-banmian-page', String(i))}
            onDragOver={(e) => e.preventDefault()}
            onDrop={(e) => {
              const from = Number(e.dataTransfer.getData('text/x-banmian-page'));
              if (Number.isInteger(from)) editor.run('movePage', { from, to: i });
            }}
          >
            {p.layout.pages[i] && <Thumb page={p.layout.pages[i]!} glyphs={p.glyphs} images={p.images} version={p.assetsVersion} />}
            <div className="thumb-label">
              {t.page(i + 1)}
              {page.section ? ` · ${page.section}` : ''}
            </div>
            <label className="master-toggle" onClick={(e) => e.stopPropagation()}>
              <input
                type="checkbox"
                checked={page.masterId !== null}
                onChange={(e) => editor.run('setPageMaster', { index: i, masterId: e.target.checked ? (s.issue.masters[0]?.id ?? null) : null })}
              />
              {t.master}
            </label>
          </li>
        ))}
      </ol>
    </div>
  );
}

function Thumb({ page, glyphs, images, version }: { page: PageLayout; glyphs: GlyphSource; images: (id: string) => CanvasImageSource | null; version: number }): ReactElement {
  const ref = useRef<HTMLCanvasElement>(null);
  const drawn = useRef<{ frames: PageLayout['frames']; glyphs: GlyphSource; images: unknown; h: number; version: number } | null>(null);
  const h = Math.round((THUMB_W * page.height) / page.width);
  useEffect(() => {
    const c = ref.current;
    if (!c) return;
    // Every relayout makes new page objects; a page whose frames came out the same as those
    // last drawn (an edit on another page) is not drawn again.
    const last = drawn.current;
    if (last && last.glyphs === glyphs && last.images === images && last.h === h && last.version === version && sameLayout(last.frames, page.frames)) return;
    // Thumbnails are redrawn after the page settles for a moment, not on every keystroke.
    const timer = setTimeout(() => {
      drawn.current = { frames: page.frames, glyphs, images, h, version };
      const dpr = window.devicePixelRatio || 1;
      c.width = THUMB_W * dpr;
      c.height = h * dpr;
      const ctx = c.getContext('2d');
      if (!ctx) return;
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.fillStyle = 'white';
      ctx.fillRect(0, 0, c.width, c.height);
      const k = (THUMB_W * dpr) / page.width;
      ctx.setTransform(k, 0, 0, k, 0, 0);
      for (const f of page.frames) drawFrame(ctx, f, { glyphs, images, fast: true });
    }, 250);
    return () => clearTimeout(timer);
  }, [page, glyphs, images, h, version]);
  return <canvas ref={ref} style={{ width: THUMB_W, height: h }} />;
}
