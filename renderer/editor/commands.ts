// Commands as data (HOUSE_STYLE.md "Commands and undo"): each has an id, a label in Chinese and
// English, an optional shortcut, canRun(state) and run(state, args). run returns a Change that
// says whether it goes into history ('record') or not ('skip': selection, zoom, tool, page shown),
// or null when there is nothing to do. The Editor (editor.ts) applies changes and keeps history.
import { PS } from '../model/defaults';
import type {
  Asset,
  CharacterStyle,
  CharacterStyleId,
  Frame,
  FrameId,
  Grid,
  HeadlineFrame,
  Issue,
  IssueMeta,
  MasterId,
  ParagraphStyle,
  ParagraphStyleId,
  Story,
  StoryId,
  Swatch,
} from '../model/schema';
import * as ops from './ops';
import { pasteFragment } from './clipboard';
import type { IssueFragment } from '../model/fragment';
import { placeArticles } from './autoplace';
import type { ArticleInput } from '../model/from-text';
import { nudgeDelta } from './snap';
import { clampZoom, currentPage, findFrame, soleSelection, type EditorState, type Tool } from './state';
import { applyCharStyle, applyTextEdit, paragraphsInRange, setParagraphStyles } from './storyText';

export interface Label {
  zh: string;
  en: string;
}

export interface Change {
  state: EditorState;
  /** 'record': an undoable edit of the issue; 'skip': view state only, or a gesture preview. */
  history: 'record' | 'skip';
  /** Consecutive recorded changes with the same key within a second are one undo step (typing). */
  coalesce?: string;
}

export interface Command<A = void> {
  readonly id: string;
  readonly label: Label;
  /** Shortcut as `Mod+Shift+Z` (Mod = Ctrl, or Cmd on macOS). */
  readonly shortcut?: string;
  canRun(state: EditorState, args?: A): boolean;
  run(state: EditorState, args: A): Change | null;
}

const edit = (state: EditorState, issue: Issue, extra: Partial<EditorState> = {}, coalesce?: string): Change | null =>
  issue === state.issue && Object.keys(extra).length === 0
    ? null
    : { state: { ...state, ...extra, issue }, history: issue === state.issue ? 'skip' : 'record', ...(coalesce ? { coalesce } : {}) };

const view = (state: EditorState, extra: Partial<EditorState>): Change => ({ state: { ...state, ...extra }, history: 'skip' });

const always = () => true;
const hasSelection = (s: EditorState) => s.selection.length > 0;
const def = <A>(c: Command<A>): Command<A> => c;

const storyOf = (issue: Issue, id: StoryId | string): Story | undefined => issue.stories.find((s) => s.id === id);

export const commands = {
  // ---- pages -------------------------------------------------------------------------------
  addPage: def<void>({
    id: 'layout.addPage',
    label: { zh: '添加版面', en: 'Add page' },
    canRun: always,
    run: (s) => {
      const r = ops.addPage(s.issue, s.pageIndex + 1);
      return edit(s, r.issue, { pageIndex: r.index, selection: [] });
    },
  }),
  duplicatePage: def<void>({
    id: 'layout.duplicatePage',
    label: { zh: '复制版面', en: 'Duplicate page' },
    canRun: (s) => !!currentPage(s),
    run: (s) => {
      const r = ops.duplicatePage(s.issue, s.pageIndex);
      return edit(s, r.issue, { pageIndex: r.index, selection: [] });
    },
  }),
  deletePage: def<{ index?: number } | void>({
    id: 'layout.deletePage',
    label: { zh: '删除版面', en: 'Delete page' },
    canRun: (s) => s.issue.pages.length > 1,
    run: (s, a) => {
      const index = (a && a.index) ?? s.pageIndex;
      const issue = ops.deletePage(s.issue, index);
      return edit(s, issue, { pageIndex: Math.min(s.pageIndex, issue.pages.length - 1), selection: [] });
    },
  }),
  movePage: def<{ from: number; to: number }>({
    id: 'layout.movePage',
    label: { zh: '移动版面', en: 'Move page' },
    canRun: (s) => s.issue.pages.length > 1,
    run: (s, a) => edit(s, ops.movePage(s.issue, a.from, a.to), s.pageIndex === a.from ? { pageIndex: a.to } : {}),
  }),
  setSection: def<{ index: number; section: string }>({
    id: 'layout.setSection',
    label: { zh: '版名', en: 'Page section' },
    canRun: always,
    run: (s, a) => edit(s, ops.setPageSection(s.issue, a.index, a.section), {}, `section:${a.index}`),
  }),
  setPageMaster: def<{ index: number; masterId: MasterId | null }>({
    id: 'layout.pageMaster',
    label: { zh: '主页（版头）', en: 'Master (folio)' },
    canRun: always,
    run: (s, a) => edit(s, ops.updatePage(s.issue, a.index, { masterId: a.masterId })),
  }),
  goToPage: def<{ index: number }>({
    id: 'view.goToPage',
    label: { zh: '转到版面', en: 'Go to page' },
    canRun: (s, a) => !!a && a.index >= 0 && a.index < s.issue.pages.length,
    // threadingFrom survives: a thread continues on another page.
    run: (s, a) => (a.index === s.pageIndex ? null : view(s, { pageIndex: a.index, selection: [] })),
  }),

  // ---- frames ------------------------------------------------------------------------------
  addFrames: def<{ frames: Frame[]; stories?: Story[]; label?: string }>({
    id: 'frame.add',
    label: { zh: '添加框', en: 'Add frame' },
    canRun: (s) => !!currentPage(s),
    run: (s, a) => edit(s, ops.addFrames(s.issue, s.pageIndex, a.frames, a.stories ?? []), { selection: a.frames.map((f) => f.id), tool: 'select' }),
  }),
  deleteFrames: def<void>({
    id: 'edit.delete',
    label: { zh: '删除', en: 'Delete' },
    shortcut: 'Delete',
    canRun: hasSelection,
    run: (s) => edit(s, ops.deleteFrames(s.issue, s.selection), { selection: [] }),
  }),
  duplicateFrames: def<void>({
    id: 'frame.duplicate',
    label: { zh: '复制框', en: 'Duplicate' },
    shortcut: 'Mod+D',
    canRun: hasSelection,
    run: (s) => {
      const r = ops.duplicateFrames(s.issue, s.selection);
      return edit(s, r.issue, { selection: r.ids });
    },
  }),
  /**
   * The delete half of Cut (the copy half, clipboard.ts copyFrames plus main's clipboard, changes
   * no state): one undo step labelled 剪切 Cut. `ids` are the frames that were copied, so a
   * selection changed while the clipboard was being written does not change what is cut.
   */
  cutFrames: def<{ ids?: FrameId[] } | void>({
    id: 'edit.cut',
    label: { zh: '剪切', en: 'Cut' },
    shortcut: 'Mod+X',
    canRun: (s, a) => ((a && a.ids) ?? s.selection).length > 0,
    run: (s, a) => {
      const issue = ops.deleteFrames(s.issue, (a && a.ids) ?? s.selection);
      return edit(s, issue, { selection: s.selection.filter((id) => findFrame(issue, id)) });
    },
  }),
  /** Pastes a copied fragment on the page shown (clipboard.ts pasteFragment): one undo step; the pasted frames become the selection. */
  pasteFrames: def<{ fragment: IssueFragment }>({
    id: 'edit.paste',
    label: { zh: '粘贴', en: 'Paste' },
    shortcut: 'Mod+V',
    canRun: (s) => !!currentPage(s),
    run: (s, a) => {
      const r = pasteFragment(s.issue, s.pageIndex, a.fragment);
      return r.ids.length ? edit(s, r.issue, { selection: r.ids, tool: 'select', threadingFrom: null }) : null;
    },
  }),
  moveFrames: def<{ dx: number; dy: number; ids?: FrameId[] }>({
    id: 'frame.move',
    label: { zh: '移动', en: 'Move' },
    canRun: hasSelection,
    run: (s, a) => edit(s, ops.moveFrames(s.issue, a.ids ?? s.selection, a.dx, a.dy)),
  }),
  nudge: def<{ key: 'ArrowLeft' | 'ArrowRight' | 'ArrowUp' | 'ArrowDown'; shift: boolean }>({
    id: 'frame.nudge',
    label: { zh: '微移', en: 'Nudge' },
    shortcut: 'Arrow (Shift = 1 grid line)',
    canRun: hasSelection,
    run: (s, a) => {
      const d = nudgeDelta(s.issue, a.key, a.shift);
      // Holding an arrow key repeats: one undo step per burst.
      return edit(s, ops.moveFrames(s.issue, s.selection, d.dx, d.dy), {}, `nudge:${s.selection.join(',')}`);
    },
  }),
  setRect: def<{ id: FrameId; x: number; y: number; width: number; height: number }>({
    id: 'frame.setRect',
    label: { zh: '位置与大小', en: 'Position and size' },
    canRun: always,
    run: (s, a) => edit(s, ops.setFrameRect(s.issue, a.id, a)),
  }),
  updateFrame: def<{ id: FrameId; patch: Record<string, unknown>; coalesce?: boolean }>({
    id: 'frame.update',
    label: { zh: '框属性', en: 'Frame properties' },
    canRun: always,
    run: (s, a) => edit(s, ops.updateFrame(s.issue, a.id, a.patch as never), {}, a.coalesce ? `frame:${a.id}:${Object.keys(a.patch).join()}` : undefined),
  }),
  bringForward: def<void>({
    id: 'frame.forward',
    label: { zh: '上移一层', en: 'Bring forward' },
    shortcut: 'Mod+]',
    canRun: (s) => s.selection.length === 1,
    run: (s) => edit(s, ops.reorderFrame(s.issue, s.selection[0]!, 1)),
  }),
  sendBackward: def<void>({
    id: 'frame.backward',
    label: { zh: '下移一层', en: 'Send backward' },
    shortcut: 'Mod+[',
    canRun: (s) => s.selection.length === 1,
    run: (s) => edit(s, ops.reorderFrame(s.issue, s.selection[0]!, -1)),
  }),

  // ---- threads and wrap --------------------------------------------------------------------
  startThread: def<{ from: FrameId } | void>({
    id: 'layout.threadText',
    label: { zh: '串接文字', en: 'Thread text' },
    canRun: (s, a) => {
      const id = (a && a.from) ?? soleSelection(s)?.id;
      return !!id && findFrame(s.issue, id)?.frame.kind === 'text';
    },
    run: (s, a) => view(s, { threadingFrom: (a && a.from) ?? soleSelection(s)!.id }),
  }),
  cancelThread: def<void>({
    id: 'layout.cancelThread',
    label: { zh: '取消串接', en: 'Cancel threading' },
    canRun: (s) => s.threadingFrom !== null,
    run: (s) => view(s, { threadingFrom: null }),
  }),
  linkThread: def<{ from: FrameId; to: FrameId }>({
    id: 'layout.link',
    label: { zh: '串接到此框', en: 'Continue in this frame' },
    canRun: always,
    run: (s, a) => {
      const issue = ops.thread(s.issue, a.from, a.to);
      return issue === s.issue ? view(s, { threadingFrom: null }) : edit(s, issue, { threadingFrom: null, selection: [a.to] });
    },
  }),
  unthread: def<{ id: FrameId }>({
    id: 'layout.unthread',
    label: { zh: '断开串接', en: 'Break thread' },
    canRun: (s, a) => {
      const f = a ? findFrame(s.issue, a.id)?.frame : soleSelection(s);
      return !!f && f.kind === 'text' && f.next !== null;
    },
    run: (s, a) => edit(s, ops.unthread(s.issue, a.id)),
  }),
  toggleWrap: def<void>({
    id: 'layout.textWrap',
    label: { zh: '文字绕排', en: 'Text wrap' },
    canRun: hasSelection,
    run: (s) => {
      let issue = s.issue;
      const on = !s.selection.every((id) => findFrame(issue, id)?.frame.wrap?.enabled);
      for (const id of s.selection) {
        const f = findFrame(issue, id)?.frame;
        if (f) issue = ops.updateFrame(issue, id, { wrap: { enabled: on, offset: f.wrap?.offset ?? issue.grid.bodySize } });
      }
      return edit(s, issue);
    },
  }),

  // ---- text --------------------------------------------------------------------------------
  setStoryText: def<{ storyId: StoryId; text: string }>({
    id: 'story.setText',
    label: { zh: '编辑文字', en: 'Edit text' },
    canRun: always,
    run: (s, a) => {
      const story = storyOf(s.issue, a.storyId) ?? { id: a.storyId, name: '', paragraphs: [] };
      return edit(s, ops.setStory(s.issue, applyTextEdit(story, a.text, PS.body)), {}, `text:${a.storyId}`);
    },
  }),
  setCharStyle: def<{ storyId: StoryId; start: number; end: number; style: CharacterStyleId | undefined }>({
    id: 'story.charStyle',
    label: { zh: '字符样式', en: 'Character style' },
    canRun: always,
    run: (s, a) => {
      const story = storyOf(s.issue, a.storyId);
      return story ? edit(s, ops.setStory(s.issue, applyCharStyle(story, a.start, a.end, a.style, PS.body))) : null;
    },
  }),
  setParagraphStyle: def<{ storyId: StoryId; start: number; end: number; style: ParagraphStyleId }>({
    id: 'story.paragraphStyle',
    label: { zh: '段落样式', en: 'Paragraph style' },
    canRun: always,
    run: (s, a) => {
      const story = storyOf(s.issue, a.storyId);
      return story ? edit(s, ops.setStory(s.issue, setParagraphStyles(story, paragraphsInRange(story, a.start, a.end), a.style))) : null;
    },
  }),
  placeArticles: def<{ articles: ArticleInput[]; columns?: number }>({
    id: 'story.placeArticles',
    label: { zh: '自动排入稿件', en: 'Place articles' },
    canRun: (s, a) => !a || a.articles.length > 0,
    run: (s, a) => {
      const issue = placeArticles(s.issue, a.articles, a.columns ? { columns: a.columns } : {});
      return edit(s, issue, { selection: [] });
    },
  }),
  replaceStory: def<{ story: Story }>({
    id: 'story.replace',
    label: { zh: '置入文字', en: 'Place text' },
    canRun: always,
    run: (s, a) => edit(s, ops.setStory(s.issue, a.story)),
  }),

  // ---- styles, swatches, grid, metadata ----------------------------------------------------
  updateParagraphStyle: def<{ id: string; patch: Partial<Omit<ParagraphStyle, 'id'>> }>({
    id: 'style.paragraph',
    label: { zh: '修改段落样式', en: 'Edit paragraph style' },
    canRun: always,
    run: (s, a) => edit(s, ops.updateParagraphStyle(s.issue, a.id, a.patch), {}, `pstyle:${a.id}:${Object.keys(a.patch).join()}`),
  }),
  updateCharacterStyle: def<{ id: string; patch: Partial<Omit<CharacterStyle, 'id'>> }>({
    id: 'style.character',
    label: { zh: '修改字符样式', en: 'Edit character style' },
    canRun: always,
    run: (s, a) => edit(s, ops.updateCharacterStyle(s.issue, a.id, a.patch)),
  }),
  updateSwatch: def<{ id: string; patch: Partial<Omit<Swatch, 'id'>> }>({
    id: 'swatch.update',
    label: { zh: '修改色板', en: 'Edit swatch' },
    canRun: always,
    run: (s, a) => edit(s, ops.updateSwatch(s.issue, a.id, a.patch), {}, `swatch:${a.id}:${Object.keys(a.patch).join()}`),
  }),
  addSwatch: def<{ swatch: Swatch }>({
    id: 'swatch.add',
    label: { zh: '新建色板', en: 'New swatch' },
    canRun: always,
    run: (s, a) => edit(s, ops.addSwatch(s.issue, a.swatch)),
  }),
  setGrid: def<{ patch: Partial<Grid> }>({
    id: 'layout.grid',
    label: { zh: '版心网格', en: 'Page grid' },
    canRun: always,
    run: (s, a) => edit(s, ops.setGrid(s.issue, a.patch), {}, `grid:${Object.keys(a.patch).join()}`),
  }),
  setOutput: def<{ patch: Partial<Issue['output']> }>({
    id: 'issue.output',
    label: { zh: '输出设置', en: 'Output settings' },
    canRun: always,
    run: (s, a) => {
      const same = Object.entries(a.patch).every(([k, v]) => (s.issue.output as Record<string, unknown>)[k] === v);
      return same ? null : edit(s, { ...s.issue, output: { ...s.issue.output, ...a.patch } });
    },
  }),
  setHeadlineDeck: def<{ id: FrameId; index: number; text: string }>({
    id: 'headline.deck',
    label: { zh: '编辑标题', en: 'Edit headline' },
    canRun: always,
    run: (s, a) => {
      const f = findFrame(s.issue, a.id)?.frame;
      if (f?.kind !== 'headline' || !f.decks[a.index] || f.decks[a.index]!.text === a.text) return null;
      const decks = f.decks.map((d, i) => (i === a.index ? { ...d, text: a.text } : d));
      return edit(s, ops.updateFrame<HeadlineFrame>(s.issue, a.id, { decks }), {}, `deck:${a.id}:${a.index}`);
    },
  }),
  replaceIssue: def<{ issue: Issue }>({
    id: 'issue.fix',
    label: { zh: '修复', en: 'Fix' },
    canRun: always,
    run: (s, a) => edit(s, a.issue),
  }),
  setMeta: def<{ patch: Partial<IssueMeta> }>({
    id: 'issue.meta',
    label: { zh: '报纸信息', en: 'Issue details' },
    canRun: always,
    run: (s, a) => {
      const same = Object.entries(a.patch).every(([k, v]) => (s.issue.meta as Record<string, unknown>)[k] === v);
      return same ? null : edit(s, { ...s.issue, meta: { ...s.issue.meta, ...a.patch } }, {}, `meta:${Object.keys(a.patch).join()}`);
    },
  }),

  // ---- images ------------------------------------------------------------------------------
  placeImage: def<{ frameId: FrameId; asset: Asset }>({
    id: 'image.place',
    label: { zh: '置入图片', en: 'Place image' },
    canRun: always,
    run: (s, a) => edit(s, ops.placeImage(s.issue, a.frameId, a.asset), { selection: [a.frameId] }),
  }),
  addCaption: def<{ imageId: FrameId; text?: string }>({
    id: 'image.caption',
    label: { zh: '添加图说', en: 'Add caption' },
    canRun: (s, a) => {
      const f = a ? findFrame(s.issue, a.imageId)?.frame : soleSelection(s);
      return f?.kind === 'image';
    },
    run: (s, a) => {
      const r = ops.addCaption(s.issue, a.imageId, a.text ?? '');
      return r.id ? edit(s, r.issue, { selection: [r.id] }) : null;
    },
  }),

  // ---- selection, tools, view (never recorded) ---------------------------------------------
  select: def<{ ids: FrameId[] }>({
    id: 'select.set',
    label: { zh: '选择', en: 'Select' },
    canRun: always,
    run: (s, a) => view(s, { selection: a.ids }),
  }),
  selectAll: def<void>({
    id: 'edit.selectAll',
    label: { zh: '全选', en: 'Select all' },
    shortcut: 'Mod+A',
    canRun: (s) => !!currentPage(s),
    run: (s) => view(s, { selection: currentPage(s)!.frames.map((f) => f.id) }),
  }),
  setTool: def<{ tool: Tool; orientation?: 'horizontal' | 'vertical' }>({
    id: 'tool.set',
    label: { zh: '工具', en: 'Tool' },
    canRun: always,
    run: (s, a) => view(s, { tool: a.tool, threadingFrom: null, ...(a.orientation ? { headlineOrientation: a.orientation } : {}) }),
  }),
  setZoom: def<{ zoom: number }>({
    id: 'view.zoom',
    label: { zh: '缩放', en: 'Zoom' },
    canRun: always,
    run: (s, a) => view(s, { zoom: clampZoom(a.zoom) }),
  }),
  toggleGrid: def<void>({
    id: 'view.toggleGrid',
    label: { zh: '显示字符网格', en: 'Show character grid' },
    shortcut: "Mod+'",
    canRun: always,
    run: (s) => view(s, { showGrid: !s.showGrid }),
  }),
} as const;

export type Commands = typeof commands;
export type CommandName = keyof Commands;
export type ArgsOf<N extends CommandName> = Commands[N] extends Command<infer A> ? A : never;
