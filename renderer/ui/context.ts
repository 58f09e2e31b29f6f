// What every panel needs: the editor, the UI strings and language, and a way to show messages.
import { createContext, useContext, useSyncExternalStore } from 'react';
import type { Editor } from '../editor/editor';
import type { EditorState } from '../editor/state';
import type { Lang, Strings } from '../i18n';

export interface Ui {
  editor: Editor;
  lang: Lang;
  t: Strings;
  /** A message in both languages for the error dialog. */
  showError: (e: unknown) => void;
  /** A one-line note in the status bar. */
  note: (zh: string, en: string) => void;
  /** PostScript names of the fonts main offers. */
  fontNames: string[];
}

export const UiContext = createContext<Ui | null>(null);

export function useUi(): Ui {
  const ui = useContext(UiContext);
  if (!ui) throw new Error('useUi() outside <UiContext.Provider>');
  return ui;
}

export function useEditorState(editor: Editor): EditorState {
  return useSyncExternalStore(editor.subscribe, editor.getState);
}

/** Picks the label of the UI language from a {zh, en} pair. */
export const pick = (lang: Lang, l: { zh: string; en: string }): string => (lang === 'zh' ? l.zh : l.en);
