// The editor window: toolbar on top, pages on the left, the page canvas in the middle with the
// story editor under it, properties and checks on the right, a status line at the bottom.
import { useCallback, useEffect, useMemo, useRef, useState, type ReactElement } from 'react';
import type { BanmianApi, DocumentPayload, MenuCommand, PlantProfileInfo, ProgressEvent } from '../api';
import { ApiError, call, errorMessages } from '../api';
import type { FontStore } from '../canvas/fonts';
import type { ImageStore } from '../canvas/images';
import { PageCanvas, isTextInput } from '../canvas/PageCanvas';
import { fitPage, fitWidth, nextZoom, pxPerPt, zoomAt, type View } from '../canvas/viewport';
import { Editor } from '../editor/editor';
import { makeImage, sponsorRowsFromCsv, type SponsorRow } from '../editor/factories';
import { LayoutCache } from '../editor/layout';
import { typeArea } from '../model/grid';
import { importFile } from '../import/files';
import type { FrameId, Issue } from '../model/schema';
import { mmToPt } from '../model/units';
import { strings, type Lang } from '../i18n';
import { Checks } from './Checks';
import { UiContext, useEditorState, type Ui } from './context';
import { ErrorDialog, ExportDialog, type ErrorInfo, type ExportRequest } from './Dialogs';
import { pickFile, pickTextFile, TEXT_OR_DOCX } from './fields';
import { PagesPanel } from './PagesPanel';
import { PropertiesPanel } from './PropertiesPanel';
import { DocumentSession } from './session';
import { StoryEditor } from './StoryEditor';
import { Toolbar, toolForKey } from './Toolbar';

export interface Boot {
  api: BanmianApi;
  doc: DocumentPayload;
  lang: Lang;
  fonts: FontStore;
  images: ImageStore;
  fontNames: string[];
}

/** Every font the issue's styles name (paragraph and character styles, which also cover masters). */
export function fontsOf(issue: Issue): string[] {
  const s = new Set<string>();
  for (const p of issue.paragraphStyles) s.add(p.font);
  for (const c of issue.characterStyles) if (c.font) s.add(c.font);
  return [...s];
}

export function App({ boot }: { boot: Boot }): ReactElement {
  const t = strings(boot.lang);
  const editor = useMemo(() => new Editor(boot.doc.issue), [boot]);
  const session = useMemo(() => new DocumentSession(boot.api, editor, boot.doc, (a, bytes) => boot.images.add(a.id, bytes, a.mime)), [boot, editor]);
  const state = useEditorState(editor);
  const settled = editor.settledIssue;

  const [fontsVersion, setFontsVersion] = useState(0);
  const [imagesVersion, setImagesVersion] = useState(0);
  // A new provider object after fonts load: a new cache, so everything is laid out again with them.
  // (FontStore hands out a new provider object once more fonts are in.)
  const provider = boot.fonts.provider;
  const layoutCache = useMemo(() => new LayoutCache(provider), [provider]);
  const layout = useMemo(() => layoutCache.get(settled), [layoutCache, settled]);

  const [errors, setErrors] = useState<ErrorInfo[]>([]);
  const [note, setNote] = useState<{ zh: string; en: string } | null>(null);
  const [exportOpen, setExportOpen] = useState(false);
  const [exportBusy, setExportBusy] = useState(false);
  const [progress, setProgress] = useState<ProgressEvent | null>(null);
  /** The plant's colour profile setting (main's press.profile); undefined until read. */
  const [plantProfile, setPlantProfile] = useState<PlantProfileInfo | null | undefined>(undefined);
  const [sponsorRows, setSponsorRows] = useState<SponsorRow[] | null>(null);

  const showError = useCallback((e: unknown) => setErrors((list) => [...list, errorMessages(e)]), []);
  const ui: Ui = useMemo(
    () => ({ editor, lang: boot.lang, t, showError, note: (zh, en) => setNote({ zh, en }), fontNames: boot.fontNames }),
    [editor, boot, t, showError],
  );

  // fonts named by styles that are not loaded yet (a style switched to another font)
  useEffect(() => {
    const names = fontsOf(settled);
    if (boot.fonts.hasAll(names)) return;
    void boot.fonts.ensure(names).then(() => setFontsVersion((v) => v + 1));
  }, [settled, boot]);
  useEffect(() => boot.images.onChange(() => setImagesVersion((v) => v + 1)), [boot]);

  // dirty state to main, autosave, window title
  useEffect(() => {
    session.syncDirty();
    document.title = `${session.title}${editor.dirty ? ' •' : ''} — ${t.appName}`;
  });
  useEffect(() => {
    session.startAutosave();
    return () => session.stop();
  }, [session]);

  // The plant's colour profile: read at start (live preflight) and again whenever the export
  // dialog opens, since it is an app setting another window may have changed and its file may
  // have gone missing.
  const refreshPlantProfile = useCallback(() => {
    session.plantProfile().then(setPlantProfile, (e: unknown) => {
      setPlantProfile(null);
      showError(e);
    });
  }, [session, showError]);
  useEffect(() => {
    refreshPlantProfile();
  }, [refreshPlantProfile, exportOpen]);
  const choosePlantProfile = useCallback(() => {
    session.choosePlantProfile().then((p) => p && setPlantProfile(p), showError);
  }, [session, showError]);
  const clearPlantProfile = useCallback(() => {
    session.clearPlantProfile().then(() => setPlantProfile(null), showError);
  }, [session, showError]);

  // ---- canvas size and view ----------------------------------------------------------------
  const canvasBox = useRef<HTMLDivElement>(null);
  // 0 x 0 until measured: the first fit-page waits for the real size.
  const [size, setSize] = useState({ w: 0, h: 0 });
  const [view, setView] = useState<View | null>(null);
  useEffect(() => {
    const el = canvasBox.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setSize({ w: el.clientWidth, h: el.clientHeight }));
    ro.observe(el);
    setSize({ w: el.clientWidth, h: el.clientHeight });
    return () => ro.disconnect();
  }, []);
  const bleed = mmToPt(state.issue.output.bleedMm);
  const applyView = useCallback(
    (v: View) => {
      setView(v);
      if (Math.abs(v.zoom - editor.state.zoom) > 1e-9) editor.run('setZoom', { zoom: v.zoom });
    },
    [editor],
  );
  const zoom = useCallback(
    (how: 'in' | 'out' | 'fitPage' | 'fitWidth' | 'actual') => {
      const { width, height } = editor.state.issue.pageSize;
      const cur = view ?? fitPage(size.w, size.h, width, height, bleed);
      if (how === 'fitPage') applyView(fitPage(size.w, size.h, width, height, bleed));
      else if (how === 'fitWidth') applyView(fitWidth(size.w, width, bleed));
      else applyView(zoomAt(cur, how === 'actual' ? 1 : nextZoom(cur.zoom, how === 'in' ? 1 : -1), size.w / 2, size.h / 2));
    },
    [editor, view, size, bleed, applyView],
  );
  useEffect(() => {
    if (!view && size.w > 50) applyView(fitPage(size.w, size.h, state.issue.pageSize.width, state.issue.pageSize.height, bleed));
  }, [view, size, state.issue.pageSize, bleed, applyView]);

  // ---- document actions --------------------------------------------------------------------
  const save = useCallback(
    async (as = false) => {
      try {
        if (await session.save(as)) setNote({ zh: `${t.saved}：${session.path}`, en: `Saved: ${session.path}` });
        return true;
      } catch (e) {
        showError(e);
        return false;
      }
    },
    [session, showError, t],
  );

  const placeImage = useCallback(
    async (frameId: FrameId | null, paths?: string[]) => {
      try {
        const r = await session.placeImages(frameId, paths, (e) => setNote({ zh: e.stageZh, en: e.stage }));
        // the last progress stage ("placing 1/1") must not stay in the status line once done
        setNote(r.placed ? { zh: strings('zh').imagePlaced, en: strings('en').imagePlaced } : null);
        for (const f of r.failed) showError(new ApiError(f.error));
      } catch (e) {
        showError(e);
      }
    },
    [session, showError],
  );

  const runExport = useCallback(
    async (req: ExportRequest) => {
      setExportBusy(true);
      setProgress(null);
      try {
        // One export call either way: per page, main writes the files (named from the issue's
        // pattern) beside the name chosen in the one save dialog.
        const r = await session.exportPdf({ ...req.options, split: req.perPage ? 'pages' : 'single' }, setProgress);
        if (r) {
          // Warnings are the preflight's (already in the list on the right): count them here.
          const w = r.warnings.length;
          setNote({ zh: t.exported(r.path, r.pages) + (w ? `（${w} 条警告）` : ''), en: strings('en').exported(r.path, r.pages) + (w ? ` (${w} warnings)` : '') });
        }
        setExportOpen(false);
      } catch (e) {
        // a refused or failed export leaves no full progress bar behind the error
        setProgress(null);
        showError(e);
        // a plant profile that went missing fails the export: show it as such in the dialog
        if (e instanceof ApiError && e.code === 'plant-profile-unavailable') refreshPlantProfile();
      } finally {
        setExportBusy(false);
      }
    },
    [editor, session, showError, t, refreshPlantProfile],
  );

  const loadSponsorCsv = useCallback(async () => {
    try {
      const f = await pickTextFile('.csv,text/csv');
      if (!f) return;
      const rows = sponsorRowsFromCsv(f.text);
      setSponsorRows(rows);
      setNote({ zh: strings('zh').rowsLoaded(rows.length), en: strings('en').rowsLoaded(rows.length) });
    } catch (e) {
      showError(e);
    }
  }, [showError]);

  /** A .txt or .docx of several articles: cleaned, then placed page after page (editor/autoplace.ts). */
  const importArticles = useCallback(async () => {
    try {
      const f = await pickFile(TEXT_OR_DOCX);
      if (!f) return;
      const { articles } = importFile(f.name, f.bytes);
      if (editor.run('placeArticles', { articles })) {
        setNote({ zh: strings('zh').articlesPlaced(articles.length), en: strings('en').articlesPlaced(articles.length) });
      }
    } catch (e) {
      showError(e);
    }
  }, [editor, showError]);

  // ---- menu commands and keyboard ----------------------------------------------------------

  /** Cut, copy and paste of frames on the canvas (text fields keep their own: see `menu`). */
  const clipboard = useCallback(
    (action: 'cut' | 'copy' | 'paste') => {
      const run = action === 'cut' ? session.cutFrames() : action === 'copy' ? session.copyFrames() : session.pasteFrames();
      void run.then(
        (done) => {
          if (done === false && action === 'paste') setNote({ zh: t.clipboardEmpty, en: strings('en').clipboardEmpty });
        },
        showError,
      );
    },
    [session, showError, t],
  );

  const menu = useCallback(
    (command: MenuCommand) => {
      const inText = isTextInput(document.activeElement);
      switch (command) {
        case 'file.new':
          void call(boot.api.issue.new({ preset: 'tabloid' })).catch(showError);
          return;
        case 'file.open':
          void call(boot.api.issue.open()).catch(showError);
          return;
        case 'file.save':
          void save(false);
          return;
        case 'file.saveAs':
          void save(true);
          return;
        case 'file.exportPdf':
          setExportOpen(true);
          return;
        case 'file.close':
          void call(boot.api.issue.close({ documentId: session.documentId })).catch(showError);
          return;
        case 'edit.undo':
        case 'edit.redo':
        case 'edit.cut':
        case 'edit.copy':
        case 'edit.paste':
        case 'edit.selectAll':
        case 'edit.delete': {
          const action = command.slice(5) as 'undo' | 'redo' | 'cut' | 'copy' | 'paste' | 'selectAll' | 'delete';
          // In a small field the field's own editing applies; on the canvas and in the story
          // editor (whose text is the document's), undo and redo are the document's.
          const storyText = (document.activeElement as HTMLElement | null)?.dataset.testid === 'story-text';
          if (inText && !(storyText && (action === 'undo' || action === 'redo'))) void boot.api.edit.native({ action });
          else if (action === 'undo') editor.undo();
          else if (action === 'redo') editor.redo();
          else if (action === 'selectAll') editor.run('selectAll');
          else if (action === 'delete') editor.run('deleteFrames');
          else clipboard(action);
          return;
        }
        case 'view.zoomIn':
          return zoom('in');
        case 'view.zoomOut':
          return zoom('out');
        case 'view.fitPage':
          return zoom('fitPage');
        case 'view.actualSize':
          return zoom('actual');
        case 'view.toggleGrid':
          editor.run('toggleGrid');
          return;
        case 'layout.addPage':
          editor.run('addPage');
          return;
        case 'layout.duplicatePage':
          editor.run('duplicatePage');
          return;
        case 'layout.deletePage':
          editor.run('deletePage');
          return;
        case 'layout.threadText':
          editor.run('startThread');
          return;
        case 'layout.textWrap':
          editor.run('toggleWrap');
          return;
        default:
          return;
      }
    },
    [boot, editor, save, session, showError, zoom, clipboard],
  );

  useEffect(() => {
    const offMenu = boot.api.on.menuCommand(({ command }) => menu(command));
    const offClose = boot.api.on.saveBeforeClose(async ({ requestId }) => {
      const ok = await save(false);
      void boot.api.issue.closeAnswer({ documentId: session.documentId, requestId, proceed: ok && !editor.dirty });
    });
    return () => {
      offMenu();
      offClose();
    };
  }, [boot, menu, save, session, editor]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isTextInput(e.target)) return;
      const mod = e.ctrlKey || e.metaKey;
      const k = e.key;
      if (mod && (k === 'z' || k === 'Z')) {
        e.preventDefault();
        if (e.shiftKey) editor.redo();
        else editor.undo();
      } else if (mod && k === 'y') {
        e.preventDefault();
        editor.redo();
      } else if (mod && k === 's') {
        e.preventDefault();
        void save(e.shiftKey);
      } else if (mod && k === 'd') {
        e.preventDefault();
        editor.run('duplicateFrames');
      } else if (mod && !e.altKey && (k === 'c' || k === 'x' || k === 'v' || k === 'C' || k === 'X' || k === 'V')) {
        // Without the menu (the browser harness) as with it: the menu's accelerator and this key
        // are the same command, and a paste under way ignores a second one (session.pasteFrames).
        e.preventDefault();
        const lower = k.toLowerCase();
        clipboard(lower === 'c' ? 'copy' : lower === 'x' ? 'cut' : 'paste');
      } else if (mod && k === 'a') {
        e.preventDefault();
        editor.run('selectAll');
      } else if (mod && (k === '=' || k === '+')) {
        e.preventDefault();
        zoom('in');
      } else if (mod && k === '-') {
        e.preventDefault();
        zoom('out');
      } else if (mod && k === '0') {
        e.preventDefault();
        zoom('fitPage');
      } else if (mod && k === '1') {
        e.preventDefault();
        zoom('actual');
      } else if (mod && k === "'") {
        editor.run('toggleGrid');
      } else if (k === 'Delete' || k === 'Backspace') {
        e.preventDefault();
        editor.run('deleteFrames');
      } else if (k === 'ArrowLeft' || k === 'ArrowRight' || k === 'ArrowUp' || k === 'ArrowDown') {
        e.preventDefault();
        editor.run('nudge', { key: k, shift: e.shiftKey });
      } else if (k === 'Escape') {
        if (editor.inGesture) return; // the canvas cancels its gesture
        if (editor.state.threadingFrom) editor.run('cancelThread');
        else if (editor.state.tool !== 'select') editor.run('setTool', { tool: 'select' });
        else editor.run('select', { ids: [] });
      } else if (!mod && !e.altKey && k.length === 1) {
        const tool = toolForKey(k);
        if (tool) editor.run('setTool', { tool });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [editor, save, zoom, clipboard]);

  // ---- drop image files on the canvas --------------------------------------------------------
  const onDrop = (e: React.DragEvent) => {
    const files = [...e.dataTransfer.files];
    if (!files.length) return;
    e.preventDefault();
    const paths = files.map((f) => boot.api.files.pathForFile(f)).filter(Boolean);
    if (!paths.length) return;
    const sel = editor.state.selection.length === 1 ? editor.state.selection[0]! : null;
    let target = sel && state.issue.pages[state.pageIndex]?.frames.find((f) => f.id === sel && f.kind === 'image') ? sel : null;
    if (!target) {
      const ta = typeArea(editor.state.issue.grid);
      const frame = makeImage(editor.state.issue, { x: ta.x, y: ta.y, width: ta.width / 2, height: ta.width / 3 });
      editor.run('addFrames', { frames: [frame] });
      target = frame.id;
    }
    void placeImage(target, paths);
  };

  const hasAsset = useCallback((id: string) => boot.images.has(id), [boot]);
  const missingFonts = useMemo(
    () => boot.fonts.substitutions.map((s) => ({ requested: s.requested, substitute: s.delivered })),
    // a new array only when fonts were added (the provider changes then)
    [boot, provider],
  );
  const currentView = view ?? fitPage(size.w, size.h, state.issue.pageSize.width, state.issue.pageSize.height, bleed);
  const pageLabel = t.page(state.pageIndex + 1);
  const subs = boot.fonts.substitutions;

  return (
    <UiContext.Provider value={ui}>
      <div className="app" data-testid="app" data-revision={state.revision} data-layouts={layoutCache.computed} data-images={imagesVersion}>
        <Toolbar state={state} onZoom={zoom} onSave={() => void save(false)} onExport={() => setExportOpen(true)} onSponsorCsv={() => void loadSponsorCsv()} onImportArticles={() => void importArticles()} />
        <PagesPanel state={state} layout={layout} glyphs={boot.fonts.glyphs} images={boot.images.get} assetsVersion={fontsVersion * 1000 + imagesVersion} />
        <div className="center">
          <div className="canvas-box" ref={canvasBox} onDragOver={(e) => e.preventDefault()} onDrop={onDrop} data-testid="canvas-box" data-view={JSON.stringify(currentView)} data-page={state.pageIndex} data-selection={state.selection.join(' ')}>
            <PageCanvas
              editor={editor}
              state={state}
              layout={layout}
              glyphs={boot.fonts.glyphs}
              images={boot.images.get}
              assetsVersion={fontsVersion * 1000 + imagesVersion}
              view={currentView}
              onView={applyView}
              width={size.w}
              height={size.h}
              sponsorRows={sponsorRows}
              sponsorColumns={3}
              onImageFrame={(id) => void placeImage(id)}
              onMessage={(zh, en) => setNote({ zh, en })}
            />
          </div>
          <StoryEditor state={state} fits={layout.stories} />
        </div>
        <div className="right">
          <PropertiesPanel state={state} onPlaceImage={(id) => void placeImage(id)} />
          <Checks issue={settled} layout={layout} hasAsset={hasAsset} missingFonts={missingFonts} plantProfileSet={plantProfile === undefined ? null : plantProfile !== null} />
        </div>
        <div className="status" data-testid="status">
          <span data-testid="dirty">{editor.dirty ? t.unsaved : t.saved}</span>
          <span>{pageLabel} / {state.issue.pages.length}</span>
          <span>{Math.round(state.zoom * 100)}% ({pxPerPt(state.zoom).toFixed(2)} px/pt)</span>
          {subs.length > 0 && (
            <span className="warn" title={subs.map((s) => (boot.lang === 'zh' ? s.messageZh : s.message)).join('\n')}>
              {t.fontSubstituted}: {subs.map((s) => `${s.requested}→${s.delivered}`).join(', ')}
            </span>
          )}
          {note && <span className="note" data-testid="note">{boot.lang === 'zh' ? note.zh : note.en}</span>}
        </div>
        {exportOpen && (
          <ExportDialog
            issue={state.issue}
            progress={progress}
            busy={exportBusy}
            plantProfile={plantProfile}
            onChooseProfile={choosePlantProfile}
            onClearProfile={clearPlantProfile}
            onExport={(r) => void runExport(r)}
            onClose={() => setExportOpen(false)}
          />
        )}
        {errors[0] && <ErrorDialog error={errors[0]} onClose={() => setErrors((l) => l.slice(1))} />}
      </div>
    </UiContext.Provider>
  );
}
