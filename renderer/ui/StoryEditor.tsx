// The story editor: a real <textarea> for the selected frame's story (the browser's own IME and
// text editing; nothing is painted onto the canvas from key events). Each change becomes a
// setStoryText command (typing coalesces into one undo step per pause) and the canvas reflows.
// Paste and import (.txt, or .docx with its bold and 楷 runs) go through the import cleanup
// (full-width punctuation, stray spaces, broken paragraphs), and imported bylines and credits get
// their paragraph styles. An import is one undoable step.
import { useEffect, useRef, useState, type ReactElement } from 'react';
import { findFrame, type EditorState } from '../editor/state';
import { insertParagraphs, paragraphsInRange, storyToText } from '../editor/storyText';
import type { StoryFit } from '../engine/types';
import { cleanupText } from '../import/cleanup';
import { importFile } from '../import/files';
import type { ImportResult, ParagraphRole } from '../import/types';
import { CS, PS } from '../model/defaults';
import { runsFor } from '../model/from-text';
import type { HeadlineFrame, ParagraphStyleId, Run, Story, StoryId } from '../model/schema';
import { useUi } from './context';
import { pickFile, TEXT_OR_DOCX } from './fields';

const ROLE_STYLE: Record<ParagraphRole, ParagraphStyleId> = {
  body: PS.body,
  byline: PS.byline,
  credit: PS.credit,
  jump: PS.jump,
  headline: PS.subtitle,
  masthead: PS.body,
};

/** Cleaned paragraphs of pasted or imported copy, with the styles their roles call for. */
export function cleanedParagraphs(raw: string): Array<{ text: string; style: ParagraphStyleId; runs?: Run[] }> {
  return importedParagraphs(cleanupText(raw));
}

/**
 * The paragraphs of an import for insertParagraphs: the styles their roles call for, and runs in
 * 粗体 / 楷体 where the source had bold or 楷 (a .docx). `characterStyles` are the issue's
 * character style ids: a face whose style the issue lacks stays plain rather than pointing to a
 * style that does not exist.
 */
export function importedParagraphs(r: ImportResult, characterStyles?: ReadonlySet<string>): Array<{ text: string; style: ParagraphStyleId; runs?: Run[] }> {
  return (
    r.paragraphs
      // Jump notices in copy are stale: the engine writes its own from the real thread.
      .filter((p) => p.role !== 'jump' && p.text.trim() !== '')
      .map((p) => {
        const spans = p.spans?.filter((sp) => !characterStyles || characterStyles.has(sp.mark === 'bold' ? CS.bold : CS.kai));
        return spans?.length ? { text: p.text, style: ROLE_STYLE[p.role], runs: runsFor(p.text, spans) } : { text: p.text, style: ROLE_STYLE[p.role] };
      })
  );
}

export function StoryEditor(p: { state: EditorState; fits: readonly StoryFit[] }): ReactElement {
  const { t } = useUi();
  const s = p.state;
  const frame = s.selection.length === 1 ? findFrame(s.issue, s.selection[0]!)?.frame : undefined;
  if (frame?.kind === 'headline') return <HeadlineEditor frame={frame} />;
  const storyId = frame && (frame.kind === 'text' || frame.kind === 'caption') ? frame.storyId : null;
  if (!storyId) {
    return (
      <div className="story-editor" data-testid="story-editor">
        <p className="hint">{t.noStory}</p>
      </div>
    );
  }
  const story = s.issue.stories.find((st) => st.id === storyId) ?? { id: storyId, name: '', paragraphs: [] };
  return (
    <StoryText
      key={storyId}
      story={story}
      fit={p.fits.find((f) => f.storyId === storyId)}
      paragraphStyles={s.issue.paragraphStyles}
      characterStyles={s.issue.characterStyles}
    />
  );
}

function StoryText({
  story,
  fit,
  paragraphStyles,
  characterStyles,
}: {
  story: Story;
  fit: StoryFit | undefined;
  paragraphStyles: EditorState['issue']['paragraphStyles'];
  characterStyles: EditorState['issue']['characterStyles'];
}): ReactElement {
  const { editor, t, showError } = useUi();
  const ref = useRef<HTMLTextAreaElement>(null);
  const text = storyToText(story);
  const [draft, setDraft] = useState(text);
  const composing = useRef(false);
  const [sel, setSel] = useState({ start: 0, end: 0 });
  // Follow the model (undo, redo, edits elsewhere) unless an IME composition is open.
  useEffect(() => {
    if (!composing.current) setDraft(text);
  }, [text]);

  const commit = (value: string) => editor.run('setStoryText', { storyId: story.id as StoryId, text: value });

  const insertCleaned = (paras: ReturnType<typeof importedParagraphs>, start: number, end: number) => {
    const r = insertParagraphs(story, start, end, paras, PS.body);
    editor.run('replaceStory', { story: r.story });
    requestAnimationFrame(() => {
      const el = ref.current;
      if (el) el.setSelectionRange(r.caret, r.caret);
      // A caret set from script raises no select event React sees: keep `sel` with it, so the
      // paragraph-style select and the next import follow the caret the user sees.
      setSel({ start: r.caret, end: r.caret });
    });
  };

  const paraIdx = paragraphsInRange(story, sel.start, sel.end);
  const currentStyle = story.paragraphs[paraIdx[0] ?? -1]?.style ?? PS.body;
  const charStyle = (style: typeof CS.bold | undefined) => editor.run('setCharStyle', { storyId: story.id as StoryId, start: sel.start, end: sel.end, style });

  return (
    <div className="story-editor" data-testid="story-editor">
      <div className="story-bar">
        <strong>{t.storyEditor}</strong>
        <select
          data-testid="paragraph-style"
          value={currentStyle}
          onChange={(e) => editor.run('setParagraphStyle', { storyId: story.id as StoryId, start: sel.start, end: sel.end, style: e.target.value as ParagraphStyleId })}
        >
          {paragraphStyles.map((ps) => (
            <option key={ps.id} value={ps.id}>
              {ps.name}
            </option>
          ))}
        </select>
        <button data-testid="char-bold" disabled={sel.start === sel.end} onMouseDown={(e) => e.preventDefault()} onClick={() => charStyle(CS.bold)}>
          <b>{t.bold}</b>
        </button>
        <button data-testid="char-kai" disabled={sel.start === sel.end} onMouseDown={(e) => e.preventDefault()} onClick={() => charStyle(CS.kai)}>
          {t.kai}
        </button>
        <button disabled={sel.start === sel.end} onMouseDown={(e) => e.preventDefault()} onClick={() => charStyle(undefined)}>
          {t.plain}
        </button>
        <button
          data-testid="import-txt"
          onClick={async () => {
            // Where the text area's caret is now (it keeps its selection while the button has the
            // focus), as a paste takes it: `sel` can be stale after an undo shortened the text or
            // after a caret set from script, and past the end it misplaces the imported runs.
            const el = ref.current;
            const at = el ? { start: el.selectionStart, end: el.selectionEnd } : sel;
            try {
              const f = await pickFile(TEXT_OR_DOCX);
              if (f) insertCleaned(importedParagraphs(importFile(f.name, f.bytes), new Set(characterStyles.map((c) => c.id))), at.start, at.end);
            } catch (e) {
              showError(e);
            }
          }}
        >
          {t.importTxt}
        </button>
        <span className={`copyfit ${fit?.status ?? ''}`} data-testid="copyfit">
          {t.copyFit}: {fit ? fit.label : '—'}
        </span>
      </div>
      <textarea
        ref={ref}
        data-testid="story-text"
        lang="zh-CN"
        spellCheck={false}
        value={draft}
        onChange={(e) => {
          setDraft(e.target.value);
          if (!composing.current) commit(e.target.value);
        }}
        onCompositionStart={() => (composing.current = true)}
        onCompositionEnd={(e) => {
          composing.current = false;
          commit((e.target as HTMLTextAreaElement).value);
        }}
        onKeyDown={(e) => {
          // The story's undo is the document's: typing was recorded as commands (one step per
          // pause), so the textarea's own undo stack would disagree with the model.
          const mod = e.ctrlKey || e.metaKey;
          if (mod && (e.key === 'z' || e.key === 'Z' || e.key === 'y') && !composing.current) {
            e.preventDefault();
            if (e.key === 'y' || e.shiftKey) editor.redo();
            else editor.undo();
          }
        }}
        onSelect={(e) => {
          const el = e.target as HTMLTextAreaElement;
          setSel({ start: el.selectionStart, end: el.selectionEnd });
        }}
        onPaste={(e) => {
          const raw = e.clipboardData.getData('text/plain');
          if (!raw) return;
          e.preventDefault();
          const el = e.currentTarget;
          insertCleaned(cleanedParagraphs(raw), el.selectionStart, el.selectionEnd);
        }}
      />
    </div>
  );
}

const ROLE_LABEL = { kicker: 'kicker', main: 'main', sub: 'sub' } as const;

function HeadlineEditor({ frame }: { frame: HeadlineFrame }): ReactElement {
  const { editor, t } = useUi();
  return (
    <div className="story-editor" data-testid="story-editor">
      <div className="story-bar">
        <strong>{t.tools.headline}</strong>
      </div>
      {frame.decks.map((d, i) => (
        <label key={i} className="field deck">
          <span>{t.headline[ROLE_LABEL[d.role]]}</span>
          <input type="text" lang="zh-CN" value={d.text} data-testid={`deck-${d.role}`} onChange={(e) => editor.run('setHeadlineDeck', { id: frame.id, index: i, text: e.target.value })} />
        </label>
      ))}
    </div>
  );
}
