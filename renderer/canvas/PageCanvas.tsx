// The page canvas: a react-konva Stage with four layers, bottom to top:
//   1. page     - pasteboard shadow, bleed, the white page, type area, column guides, the
//                 optional character grid (listening off; redrawn only when grid or zoom change);
//   2. content  - one Konva Shape per frame, drawing the frame's LayoutResult (glyphs by id);
//   3. drag     - the frames being moved, drawn from the settled layout and offset, so the
//                 content layer below stays as it was during a drag;
//   4. overlay  - frame outlines, selection and handles, thread ports and lines, the rectangle of a
//                 frame being drawn or of a marquee selection, snap guides.
// All pointer handling is on the Stage and hit-tests the model (hit.ts), not Konva shapes.
import type Konva from 'konva';
import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactElement } from 'react';
import { Group, Layer, Line, Rect, Shape, Stage, Text } from 'react-konva';
import type { Editor } from '../editor/editor';
import { frameForTool, sponsorGrid, type SponsorRow } from '../editor/factories';
import { moveFrames, setFrameRect } from '../editor/ops';
import { SNAP_PX, rectFromDrag, resizeRect, snapMove, snapTargets, type Handle, type Rect as R } from '../editor/snap';
import { findFrame, type EditorState } from '../editor/state';
import type { FrameLayout, LayoutResult, PageLayout } from '../engine/types';
import { columnWidth, columnX, lineTop, typeArea } from '../model/grid';
import type { Frame, FrameId, Issue, TextFrame } from '../model/schema';
import { mmToPt } from '../model/units';
import { drawFrame } from './draw';
import { FrameBitmapCache, stabilizeFrames } from './frameCache';
import type { GlyphSource } from './glyphs';
import { HANDLE_PX, frameAt, framesInRect, handleAt, handlePoint, inPort, outPort, outPortAt } from './hit';
import { HANDLES } from '../editor/snap';
import { pxPerPt, toPage, wheelZoomFactor, zoomAt, type View } from './viewport';

export interface PageCanvasProps {
  editor: Editor;
  state: EditorState;
  /** Layout of editor.settledIssue. */
  layout: LayoutResult;
  glyphs: GlyphSource;
  images: (assetId: string) => CanvasImageSource | null;
  /** Bumped when fonts or images finish loading, to redraw. */
  assetsVersion: number;
  view: View;
  onView: (v: View) => void;
  width: number;
  height: number;
  /** Rows of a loaded sponsor CSV: the sponsor tool then draws a grid of boxes. */
  sponsorRows: SponsorRow[] | null;
  sponsorColumns: number;
  /** A new image frame was drawn: ask for the file. */
  onImageFrame: (id: FrameId) => void;
  onMessage: (zh: string, en: string) => void;
}

type Gesture =
  | { kind: 'move'; startX: number; startY: number; ids: FrameId[]; bounds: R }
  | { kind: 'resize'; startX: number; startY: number; id: FrameId; handle: Handle; rect: R }
  | { kind: 'draw'; x0: number; y0: number; rect: R | null }
  /** Select tool dragged from empty page area: `base` is the selection kept (Shift), `touching` = Alt held. */
  | { kind: 'marquee'; x0: number; y0: number; rect: R | null; base: FrameId[]; touching: boolean }
  | { kind: 'pan'; sx: number; sy: number; panX: number; panY: number };

const GUIDE = { bleed: 'rgb(230, 60, 60)', margin: 'rgb(220, 0, 180)', column: 'rgb(140, 110, 230)', grid: 'rgba(120, 150, 220, 0.35)' };
const SELECT = 'rgb(0, 120, 255)';
/** A marquee smaller than this many screen pixels both ways was a click (handled on pointer-down). */
const MARQUEE_MIN_PX = 3;

export function PageCanvas(p: PageCanvasProps): ReactElement {
  const { editor, state, layout, view, width, height } = p;
  const settled = editor.settledIssue;
  const page = state.issue.pages[state.pageIndex];
  const pageLayout: PageLayout | undefined = layout.pages[state.pageIndex];
  const scale = pxPerPt(view.zoom);
  const ptPerPx = 1 / scale;
  const [gesture, setGestureState] = useState<Gesture | null>(null);
  const [guides, setGuides] = useState<{ x: number | null; y: number | null }>({ x: null, y: null });
  const space = useRef(false);
  const stageRef = useRef<Konva.Stage>(null);
  // The ref is the truth during a gesture (a fast click's pointerup can arrive before React has
  // rendered the pointerdown); the state only drives drawing.
  const gestureRef = useRef<Gesture | null>(null);
  const setGesture = (g: Gesture | null) => {
    gestureRef.current = g;
    setGestureState(g);
  };
  const upRef = useRef<(e?: PointerEvent) => void>(() => {});

  // Space held = hand tool (pan), as in every layout program. Esc abandons a gesture: a move or
  // resize rolls back to the mark taken on pointer-down, a frame being drawn is dropped.
  // A pointer released outside the stage still ends the gesture. Keys are taken in the capture
  // phase, and an Esc that cancelled a gesture goes no further: the window's own Esc (App.tsx:
  // deselect, back to the select tool) would otherwise run right after and drop the selection
  // the cancel has just restored.
  useEffect(() => {
    const down = (e: KeyboardEvent) => {
      if (e.code === 'Space' && !isTextInput(e.target)) {
        space.current = true;
        e.preventDefault();
      }
      if (e.key === 'Escape' && gestureRef.current) {
        if (editor.inGesture) editor.cancel();
        setGesture(null);
        setGuides({ x: null, y: null });
        e.stopPropagation();
      }
    };
    const up = (e: KeyboardEvent) => {
      if (e.code === 'Space') space.current = false;
    };
    const pointerUp = (e: PointerEvent) => {
      if (gestureRef.current) upRef.current(e);
    };
    window.addEventListener('keydown', down, true);
    window.addEventListener('keyup', up);
    window.addEventListener('pointerup', pointerUp);
    return () => {
      window.removeEventListener('keydown', down, true);
      window.removeEventListener('keyup', up);
      window.removeEventListener('pointerup', pointerUp);
    };
  }, [editor]);

  // Frames that moved in the preview relative to the settled issue go on the drag layer.
  const dragged = useMemo(() => {
    const m = new Map<string, { dx: number; dy: number }>();
    if (!editor.inGesture || settled === state.issue) return m;
    const before = settled.pages[state.pageIndex];
    if (!before || !page) return m;
    const now = new Map(page.frames.map((f) => [f.id as string, f]));
    for (const f of before.frames) {
      const g = now.get(f.id);
      if (g && (g.x !== f.x || g.y !== f.y) && g.width === f.width && g.height === f.height) m.set(f.id, { dx: g.x - f.x, dy: g.y - f.y });
    }
    return m;
  }, [editor, settled, state.issue, state.pageIndex, page]);

  const drawOpts = useMemo(() => ({ glyphs: p.glyphs, images: p.images }), [p.glyphs, p.images]);
  void p.assetsVersion;

  // Frames whose layout did not change keep their objects, so their Shapes do not re-render and
  // their bitmaps (frameCache.ts) are copied, not redrawn, when the content layer redraws.
  const bitmaps = useRef<FrameBitmapCache | null>(null);
  bitmaps.current ??= new FrameBitmapCache();
  const prevFrames = useRef<FrameLayout[] | undefined>(undefined);
  const frames = useMemo(() => {
    const s = stabilizeFrames(prevFrames.current, pageLayout?.frames ?? []);
    prevFrames.current = s;
    return s;
  }, [pageLayout]);
  useEffect(() => {
    bitmaps.current?.retain(frames.map((f) => f.id));
  }, [frames]);

  if (!page || !pageLayout) return <div className="canvas-empty" />;
  const issue = state.issue;

  // ---- pointer handling ---------------------------------------------------------------------

  const pointer = () => {
    const pos = stageRef.current?.getPointerPosition();
    return pos ? { sx: pos.x, sy: pos.y, ...toPage(view, pos.x, pos.y) } : null;
  };

  const onDown = (e: Konva.KonvaEventObject<PointerEvent>) => {
    const pt = pointer();
    if (!pt) return;
    const ev = e.evt;
    if (ev.button === 1 || (ev.button === 0 && space.current)) {
      ev.preventDefault();
      setGesture({ kind: 'pan', sx: pt.sx, sy: pt.sy, panX: view.panX, panY: view.panY });
      return;
    }
    if (ev.button !== 0) return;
    const { x, y } = pt;

    if (state.threadingFrom) {
      const target = frameAt(page, x, y, 2 * ptPerPx);
      if (target && target.kind === 'text' && target.id !== state.threadingFrom) {
        const before = editor.state.issue;
        editor.run('linkThread', { from: state.threadingFrom, to: target.id });
        if (editor.state.issue === before) p.onMessage('不能串接到这个框（它已在串接中）。', 'Cannot thread into that frame (it is already in a thread).');
      } else editor.run('cancelThread');
      return;
    }

    if (state.tool === 'caption') {
      const target = frameAt(page, x, y, 2 * ptPerPx);
      if (target?.kind === 'image') editor.run('addCaption', { imageId: target.id, text: '' });
      else p.onMessage('点击一个图片框来添加图说。', 'Click an image frame to add its caption.');
      return;
    }

    if (state.tool !== 'select') {
      setGesture({ kind: 'draw', x0: x, y0: y, rect: null });
      return;
    }

    // select tool: handles of the single selection, then out-ports, then frames
    const sole = state.selection.length === 1 ? findFrame(issue, state.selection[0]!)?.frame : undefined;
    const h = sole && !sole.locked ? handleAt(sole, x, y, ptPerPx) : null;
    if (sole && h) {
      editor.begin();
      setGesture({ kind: 'resize', startX: x, startY: y, id: sole.id, handle: h, rect: { x: sole.x, y: sole.y, width: sole.width, height: sole.height } });
      return;
    }
    const port = outPortAt(page, x, y, ptPerPx);
    if (port) {
      editor.run('select', { ids: [port.id] });
      editor.run('startThread', { from: port.id });
      p.onMessage('点击要接续的文字框（可在其他版面上）。Esc 取消。', 'Click the frame the text continues in (on any page). Esc cancels.');
      return;
    }
    const hit = frameAt(page, x, y, 2 * ptPerPx);
    if (!hit) {
      // Empty area: a click deselects (with Shift it keeps the selection); a drag draws a
      // marquee whose frames are added on release. Selection is view state, never an undo step.
      if (!ev.shiftKey) editor.run('select', { ids: [] });
      setGesture({ kind: 'marquee', x0: x, y0: y, rect: null, base: ev.shiftKey ? [...state.selection] : [], touching: ev.altKey });
      return;
    }
    let ids = state.selection as FrameId[];
    if (ev.shiftKey) ids = ids.includes(hit.id) ? ids.filter((i) => i !== hit.id) : [...ids, hit.id];
    else if (!ids.includes(hit.id)) ids = [hit.id];
    editor.run('select', { ids });
    if (!ids.includes(hit.id)) return;
    const frames = ids.map((id) => findFrame(issue, id)?.frame).filter((f): f is Frame => !!f);
    editor.begin();
    setGesture({ kind: 'move', startX: x, startY: y, ids, bounds: boundsOf(frames) });
  };

  const onMove = (e?: Konva.KonvaEventObject<PointerEvent>) => {
    const pt = pointer();
    const gesture = gestureRef.current;
    if (!pt || !gesture) return;
    const tol = SNAP_PX * ptPerPx;
    switch (gesture.kind) {
      case 'pan':
        p.onView({ ...view, panX: gesture.panX + pt.sx - gesture.sx, panY: gesture.panY + pt.sy - gesture.sy });
        return;
      case 'move': {
        const targets = snapTargets(issue, page.frames, new Set(gesture.ids));
        const moved = { ...gesture.bounds, x: gesture.bounds.x + pt.x - gesture.startX, y: gesture.bounds.y + pt.y - gesture.startY };
        const snapped = snapMove(moved, targets, tol);
        const dx = snapped.rect.x - gesture.bounds.x;
        const dy = snapped.rect.y - gesture.bounds.y;
        setGuides(snapped.guides);
        editor.preview((m) => ({ ...m, issue: moveFrames(m.issue, gesture.ids, dx, dy) }));
        return;
      }
      case 'resize': {
        const targets = snapTargets(issue, page.frames, new Set([gesture.id]));
        const r = resizeRect(gesture.rect, gesture.handle, pt.x - gesture.startX, pt.y - gesture.startY, targets, tol);
        editor.preview((m) => ({ ...m, issue: setFrameRect(m.issue, gesture.id, r) }));
        return;
      }
      case 'draw': {
        const targets = snapTargets(issue, page.frames, new Set());
        setGesture({ ...gesture, rect: rectFromDrag(gesture.x0, gesture.y0, pt.x, pt.y, targets, tol) });
        return;
      }
      case 'marquee': {
        const rect = { x: Math.min(gesture.x0, pt.x), y: Math.min(gesture.y0, pt.y), width: Math.abs(pt.x - gesture.x0), height: Math.abs(pt.y - gesture.y0) };
        setGesture({ ...gesture, rect, touching: e?.evt.altKey ?? gesture.touching });
        return;
      }
    }
  };

  const onUp = (e?: PointerEvent) => {
    const g = gestureRef.current;
    setGesture(null);
    setGuides({ x: null, y: null });
    if (!g) return;
    if (g.kind === 'move') editor.commit('移动 Move');
    else if (g.kind === 'resize') editor.commit('调整大小 Resize');
    else if (g.kind === 'draw') finishDraw(g);
    else if (g.kind === 'marquee') finishMarquee(g, e?.altKey ?? g.touching);
  };

  const finishMarquee = (g: Extract<Gesture, { kind: 'marquee' }>, touching: boolean) => {
    const r = g.rect;
    if (!r || (r.width < MARQUEE_MIN_PX * ptPerPx && r.height < MARQUEE_MIN_PX * ptPerPx)) return;
    const inside = framesInRect(page, r, touching).map((f) => f.id);
    editor.run('select', { ids: [...g.base, ...inside.filter((id) => !g.base.includes(id))] });
  };

  upRef.current = onUp;

  const finishDraw = (g: Extract<Gesture, { kind: 'draw' }>) => {
    let r = g.rect;
    // A click without a drag makes a frame of a default size: two columns by twenty lines.
    if (!r || r.width < 4 || r.height < 4) {
      const gr = issue.grid;
      r = { x: g.x0, y: g.y0, width: 2 * columnWidth(gr) + gr.gutterChars * gr.bodySize, height: 20 * (gr.bodySize + gr.lineGap) - gr.lineGap };
    }
    if (state.tool === 'sponsor' && p.sponsorRows?.length) {
      editor.run('addFrames', { frames: sponsorGrid(issue, r, p.sponsorRows, p.sponsorColumns) });
      return;
    }
    const made = frameForTool(issue, state.tool, r, state.headlineOrientation);
    if (!made) return;
    editor.run('addFrames', { frames: [made.frame], stories: made.story ? [made.story] : [] });
    if (made.frame.kind === 'image') p.onImageFrame(made.frame.id);
  };

  const onWheel = (e: Konva.KonvaEventObject<WheelEvent>) => {
    e.evt.preventDefault();
    const pt = pointer();
    if (!pt) return;
    if (e.evt.ctrlKey || e.evt.metaKey) {
      const v = zoomAt(view, view.zoom * wheelZoomFactor(e.evt.deltaY), pt.sx, pt.sy);
      p.onView(v);
      editor.run('setZoom', { zoom: v.zoom });
    } else {
      // Shift+wheel scrolls sideways. macOS delivers it already turned (deltaX, deltaY 0);
      // Windows and Linux keep deltaY with Shift held, which is turned here.
      const turn = e.evt.shiftKey && e.evt.deltaX === 0;
      const dx = turn ? e.evt.deltaY : e.evt.deltaX;
      const dy = turn ? 0 : e.evt.deltaY;
      p.onView({ ...view, panX: view.panX - dx, panY: view.panY - dy });
    }
  };

  // ---- drawing ------------------------------------------------------------------------------

  const bleed = mmToPt(issue.output.bleedMm);
  const frameById = new Map(page.frames.map((f) => [f.id as string, f]));
  const fit = new Map(layout.stories.map((s) => [s.storyId, s]));
  const lastInThread = (f: TextFrame) => !f.next;
  // The frames as they were when the drag began: the dragged ones are drawn from these, offset.
  const settledFrames = new Map((dragged.size ? (settled.pages[state.pageIndex]?.frames ?? []) : []).map((f) => [f.id as string, f]));
  // Frames a marquee being dragged would select, outlined as selected already.
  const pending = new Set<string>(gesture?.kind === 'marquee' && gesture.rect ? framesInRect(page, gesture.rect, gesture.touching).map((f) => f.id) : []);

  const cursor = gesture?.kind === 'pan' || space.current ? 'grabbing' : state.tool !== 'select' || state.threadingFrom ? 'crosshair' : 'default';

  return (
    <Stage
      ref={stageRef}
      width={width}
      height={height}
      onPointerDown={onDown}
      onPointerMove={onMove}
      onWheel={onWheel}
      style={{ cursor }}
      data-testid="page-stage"
    >
      <Layer listening={false}>
        <Group x={view.panX} y={view.panY} scaleX={scale} scaleY={scale}>
          <Rect x={-bleed + 3 * ptPerPx} y={-bleed + 3 * ptPerPx} width={issue.pageSize.width + 2 * bleed} height={issue.pageSize.height + 2 * bleed} fill="rgba(0,0,0,0.25)" />
          <Rect x={-bleed} y={-bleed} width={issue.pageSize.width + 2 * bleed} height={issue.pageSize.height + 2 * bleed} fill="white" />
          <Rect x={-bleed} y={-bleed} width={issue.pageSize.width + 2 * bleed} height={issue.pageSize.height + 2 * bleed} stroke={GUIDE.bleed} strokeWidth={1} strokeScaleEnabled={false} dash={[4, 3]} />
          <Rect x={0} y={0} width={issue.pageSize.width} height={issue.pageSize.height} stroke="rgb(60,60,60)" strokeWidth={1} strokeScaleEnabled={false} />
          <PageGuides g={issue.grid} showGrid={state.showGrid} />
        </Group>
      </Layer>
      <Layer listening={false}>
        <Group x={view.panX} y={view.panY} scaleX={scale} scaleY={scale}>
          {frames.map((fl) => (dragged.has(fl.id) ? null : <FrameShape key={fl.id} frame={fl} opts={drawOpts} version={p.assetsVersion} bitmaps={bitmaps.current} />))}
        </Group>
      </Layer>
      <Layer listening={false}>
        <Group x={view.panX} y={view.panY} scaleX={scale} scaleY={scale}>
          {frames
            .filter((fl) => dragged.has(fl.id))
            .map((fl) => (
              <DraggedFrame key={fl.id} frame={fl} outline={settledFrames.get(fl.id) ?? null} offset={dragged.get(fl.id)!} opts={drawOpts} version={p.assetsVersion} pixelRatio={Math.min(3, scale * (window.devicePixelRatio || 1))} />
            ))}
        </Group>
      </Layer>
      <Layer listening={false}>
        <Group x={view.panX} y={view.panY} scaleX={scale} scaleY={scale}>
          {page.frames.map((f) => (dragged.has(f.id) ? null : <FrameOutline key={f.id} frame={f} selected={state.selection.includes(f.id) || pending.has(f.id)} />))}
          {page.frames.map((f) => {
            if (f.kind !== 'text' || dragged.has(f.id)) return null;
            const st = fit.get(f.storyId);
            const hasPrev = page.frames.some((g) => g.kind === 'text' && g.next === f.id) || issue.pages.some((pg, pi) => pi !== state.pageIndex && pg.frames.some((g) => g.kind === 'text' && g.next === f.id));
            const next = f.next ? frameById.get(f.next) : undefined;
            const nextElsewhere = f.next && !next ? findFrame(issue, f.next) : null;
            return (
              <FramePorts
                key={`port-${f.id}`}
                frame={f}
                next={next?.kind === 'text' ? next : null}
                nextPage={nextElsewhere ? nextElsewhere.pageIndex + 1 : null}
                hasPrev={hasPrev}
                overset={st?.status === 'overset' && lastInThread(f)}
                ptPerPx={ptPerPx}
              />
            );
          })}
          {state.selection.length === 1 && (() => {
            const f = frameById.get(state.selection[0]!);
            // while a frame is dragged its outline moves with it on the drag layer; no handles
            if (!f || f.locked || dragged.has(f.id)) return null;
            const s = HANDLE_PX * ptPerPx;
            return HANDLES.map((h) => {
              const pt = handlePoint(f, h);
              return <Rect key={h} x={pt.x - s / 2} y={pt.y - s / 2} width={s} height={s} fill="white" stroke={SELECT} strokeWidth={1} strokeScaleEnabled={false} />;
            });
          })()}
          {gesture?.kind === 'draw' && gesture.rect && (
            <Rect {...gesture.rect} stroke={SELECT} strokeWidth={1} strokeScaleEnabled={false} dash={[4, 4]} fill="rgba(0,120,255,0.06)" />
          )}
          {gesture?.kind === 'marquee' && gesture.rect && (
            <Rect {...gesture.rect} stroke={SELECT} strokeWidth={1} strokeScaleEnabled={false} dash={gesture.touching ? [2, 2] : [5, 3]} fill="rgba(0,120,255,0.04)" />
          )}
          <SnapGuides x={guides.x} y={guides.y} bleed={bleed} width={issue.pageSize.width} height={issue.pageSize.height} />
        </Group>
      </Layer>
    </Stage>
  );
}

/**
 * One Konva Shape per frame: a single sceneFunc draws all its shapes and lines. Memoised on the
 * frame's layout object, so a drag or a selection change re-renders nothing here and Konva does
 * not redraw the content layer; an edit redraws the layer once from the new layout, copying the
 * bitmaps of the frames that did not change (`bitmaps`; absent on the drag layer, which Konva
 * caches as a whole).
 */
const FrameShape = memo(function FrameShape({ frame, opts, version, bitmaps }: { frame: FrameLayout; opts: { glyphs: GlyphSource; images: (id: string) => CanvasImageSource | null }; version: number; bitmaps?: FrameBitmapCache | null }): ReactElement {
  return (
    <Shape
      listening={false}
      perfectDrawEnabled={false}
      sceneFunc={(context) => {
        const ctx = nativeContext(context);
        if (bitmaps) bitmaps.draw(ctx, frame, version, (c) => drawFrame(c, frame, opts));
        else drawFrame(ctx, frame, opts);
      }}
    />
  );
});

/** Clearance around a frame's rectangle when caching it: jump lines and glyph ink may overhang. */
const CACHE_PAD_PT = 12;

/**
 * A frame being dragged: drawn once into a bitmap when the drag starts (Konva's node cache, at
 * the screen's resolution, capped at 3 device pixels per point so a drag at 800 % does not
 * allocate a huge canvas), then only that bitmap moves with the pointer. Redrawing every glyph
 * of a full text frame on every pointer move costs more than a 60 Hz frame at 2x pixel ratio.
 */
function DraggedFrame({ frame, outline, offset, opts, version, pixelRatio }: { frame: FrameLayout; outline: Frame | null; offset: { dx: number; dy: number }; opts: { glyphs: GlyphSource; images: (id: string) => CanvasImageSource | null }; version: number; pixelRatio: number }): ReactElement {
  const ref = useRef<Konva.Group>(null);
  useLayoutEffect(() => {
    const g = ref.current;
    if (!g) return;
    const pad = CACHE_PAD_PT;
    g.cache({ x: frame.x - pad, y: frame.y - pad, width: frame.width + 2 * pad, height: frame.height + 2 * pad, pixelRatio });
    return () => {
      g.clearCache();
    };
  }, [frame, outline, opts, version, pixelRatio]);
  return (
    <Group ref={ref} x={offset.dx} y={offset.dy} opacity={0.85}>
      <FrameShape frame={frame} opts={opts} version={version} />
      {outline && <FrameOutline frame={outline} selected />}
    </Group>
  );
}

/**
 * Frame edges as layout programs show them: thin, coloured by kind, and column lines in text
 * frames. Memoised (as are FramePorts and SnapGuides): react-konva redraws a layer whenever a
 * node's props change, so during a drag, when only the dragged frame moves (on its own layer),
 * the overlay layer is left alone.
 */
const FrameOutline = memo(function FrameOutline({ frame: f, selected }: { frame: Frame; selected: boolean }): ReactElement {
  const color = selected ? SELECT : f.kind === 'text' || f.kind === 'caption' ? 'rgba(60,130,220,0.55)' : 'rgba(120,120,120,0.45)';
  const cols: ReactElement[] = [];
  if (f.kind === 'text' && f.columns > 1) {
    const cw = (f.width - (f.columns - 1) * f.gutter) / f.columns;
    for (let i = 1; i < f.columns; i++) {
      const x0 = f.x + i * cw + (i - 1) * f.gutter;
      cols.push(<Rect key={i} x={x0} y={f.y} width={f.gutter} height={f.height} fill="rgba(60,130,220,0.06)" stroke="rgba(60,130,220,0.3)" strokeWidth={1} strokeScaleEnabled={false} />);
    }
  }
  return (
    <Group>
      {cols}
      <Rect x={f.x} y={f.y} width={f.width} height={f.height} stroke={color} strokeWidth={selected ? 1.5 : 1} strokeScaleEnabled={false} dash={f.kind === 'image' || selected ? undefined : [3, 2]} />
      {f.wrap?.enabled && (
        <Rect x={f.x - f.wrap.offset} y={f.y - f.wrap.offset} width={f.width + 2 * f.wrap.offset} height={f.height + 2 * f.wrap.offset} stroke="rgba(240,150,0,0.7)" strokeWidth={1} strokeScaleEnabled={false} dash={[2, 2]} />
      )}
    </Group>
  );
});

/** A text frame's in-port and out-port (red + when overset), and its thread line or "→ 第N版". */
const FramePorts = memo(function FramePorts({ frame: f, next, nextPage, hasPrev, overset, ptPerPx }: { frame: TextFrame; next: TextFrame | null; nextPage: number | null; hasPrev: boolean; overset: boolean; ptPerPx: number }): ReactElement {
  const o = outPort(f, ptPerPx);
  const i = inPort(f, ptPerPx);
  return (
    <Group>
      <Rect x={i.x} y={i.y} width={i.size} height={i.size} fill="white" stroke={hasPrev ? SELECT : 'rgb(150,150,150)'} strokeWidth={1} strokeScaleEnabled={false} />
      {hasPrev && <Text x={i.x} y={i.y} width={i.size} height={i.size} text="▸" fontSize={i.size} align="center" verticalAlign="middle" fill={SELECT} />}
      <Rect x={o.x} y={o.y} width={o.size} height={o.size} fill={overset ? 'rgb(230,30,30)' : 'white'} stroke={overset ? 'rgb(230,30,30)' : f.next ? SELECT : 'rgb(150,150,150)'} strokeWidth={1} strokeScaleEnabled={false} />
      <Text x={o.x} y={o.y} width={o.size} height={o.size} text={overset ? '+' : f.next ? '▸' : ''} fontSize={o.size} align="center" verticalAlign="middle" fill={overset ? 'white' : SELECT} />
      {next && <Line points={[o.x + o.size / 2, o.y + o.size / 2, inPort(next, ptPerPx).x + o.size / 2, inPort(next, ptPerPx).y + o.size / 2]} stroke={SELECT} strokeWidth={1} strokeScaleEnabled={false} dash={[6, 3]} />}
      {nextPage !== null && <Text x={o.x + o.size + 3 * ptPerPx} y={o.y} text={`→ 第${nextPage}版`} fontSize={11 * ptPerPx} fill={SELECT} />}
    </Group>
  );
});

/** The snap guides of a move or resize: full-page lines at the snapped edge. */
const SnapGuides = memo(function SnapGuides({ x, y, bleed, width, height }: { x: number | null; y: number | null; bleed: number; width: number; height: number }): ReactElement {
  return (
    <Group>
      {x !== null && <Line points={[x, -bleed, x, height + bleed]} stroke="rgb(255,0,200)" strokeWidth={1} strokeScaleEnabled={false} />}
      {y !== null && <Line points={[-bleed, y, width + bleed, y]} stroke="rgb(255,0,200)" strokeWidth={1} strokeScaleEnabled={false} />}
    </Group>
  );
});

/** Type area, column guides and the optional character grid, as one Shape (redrawn only when the grid changes). */
const PageGuides = memo(function PageGuides({ g, showGrid }: { g: Issue['grid']; showGrid: boolean }): ReactElement {
  const ta = typeArea(g);
  return (
    <Shape
      listening={false}
      perfectDrawEnabled={false}
      sceneFunc={(context) => {
        const ctx = nativeContext(context);
        const hair = 1 / Math.abs(ctx.getTransform().a || 1);
        ctx.lineWidth = hair;
        if (showGrid) {
          ctx.strokeStyle = GUIDE.grid;
          ctx.beginPath();
          for (let c = 0; c < g.columns; c++) {
            const x0 = columnX(g, c);
            for (let l = 0; l < g.linesPerPage; l++) {
              const y0 = lineTop(g, l);
              for (let k = 0; k < g.charsPerColumn; k++) ctx.rect(x0 + k * g.bodySize, y0, g.bodySize, g.bodySize);
            }
          }
          ctx.stroke();
        }
        ctx.strokeStyle = GUIDE.column;
        ctx.beginPath();
        for (let c = 0; c < g.columns; c++) {
          const x0 = columnX(g, c);
          ctx.moveTo(x0, ta.y);
          ctx.lineTo(x0, ta.y + ta.height);
          ctx.moveTo(x0 + columnWidth(g), ta.y);
          ctx.lineTo(x0 + columnWidth(g), ta.y + ta.height);
        }
        ctx.stroke();
        ctx.strokeStyle = GUIDE.margin;
        ctx.strokeRect(ta.x, ta.y, ta.width, ta.height);
      }}
    />
  );
});

function boundsOf(frames: readonly Frame[]): R {
  const x0 = Math.min(...frames.map((f) => f.x));
  const y0 = Math.min(...frames.map((f) => f.y));
  const x1 = Math.max(...frames.map((f) => f.x + f.width));
  const y1 = Math.max(...frames.map((f) => f.y + f.height));
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

export function isTextInput(t: EventTarget | null): boolean {
  const el = t as HTMLElement | null;
  return !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable);
}

/** The browser's 2D context under a Konva scene context (drawing code works on plain canvas). */
function nativeContext(context: Konva.Context): CanvasRenderingContext2D {
  return (context as unknown as { _context: CanvasRenderingContext2D })._context;
}
