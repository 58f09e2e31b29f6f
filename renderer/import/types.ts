// Types of the text import (renderer/import). Kept in their own module so that every stage can
// use them without importing the whole cleanup.

/** What a paragraph of imported copy is. */
export type ParagraphRole = 'headline' | 'byline' | 'body' | 'credit' | 'jump' | 'masthead';

/** A character face that survives the import (from a .docx): Banmian's 粗体 and 楷体 character styles. */
export type CharMark = 'bold' | 'kai';

/** A run of the cleaned text in a face: UTF-16 offsets [start, end) into `ImportedParagraph.text`. */
export interface CharSpan {
  start: number;
  end: number;
  mark: CharMark;
}

export interface ImportedParagraph {
  role: ParagraphRole;
  /** The cleaned text. Credits and datelines stay in it; the fields below only point them out. */
  text: string;
  /**
   * The source or author credit that ends a body paragraph (`■季菊`, `（街道调研办）`,
   * `宋昌发 赵凯杰`). Always a suffix of `text`, so the engine can set it flush right.
   */
  credit?: string;
  /**
   * The run-in dateline (电头) that starts a story's first paragraph: `本报讯（特约记者 姚志康）`
   * or bare `本报讯`. Always a prefix of `text`; the engine may set it in a bold face.
   */
  dateline?: string;
  /**
   * Faces of the source carried onto the cleaned text (formatted sources only, see
   * formatted.ts): sorted, non-overlapping, never empty, never covering a space at either end.
   */
  spans?: CharSpan[];
}

export interface ImportProblem {
  /**
   * - 'lost-glyph': a □ (or U+FFFD) where the extraction lost a character; kept in the text.
   * - 'rejoined':   two extracted parts were joined into one paragraph; check the join.
   * - 'ambiguous':  the cleanup could not decide (a paragraph ends mid-sentence but the next one
   *                 does not continue it, unbalanced quotes, a dateline that is not first).
   */
  kind: 'lost-glyph' | 'rejoined' | 'ambiguous';
  /** Index into `ImportResult.paragraphs`. */
  paragraph: number;
  /** UTF-16 offset in that paragraph's cleaned `text`. */
  index: number;
  /** English, with the Chinese for the layout desk. */
  message: string;
}

export interface ImportedArticle {
  /** The headline run: 1 line = 主题, 2 = 主题 + 副题, 3 = 引题 + 主题 + 副题. May be empty. */
  headlines: string[];
  /**
   * The byline paragraph before the article's first body paragraph, else the names in the
   * first dateline's brackets (`本报讯（特约记者 姚志康）` → `特约记者 姚志康`).
   */
  byline?: string;
  /** The last credit found in the article (trailing credit or credit paragraph). */
  credit?: string;
  /** Every paragraph of the article after its headlines (byline, body, credit, jump), in order. */
  paragraphs: ImportedParagraph[];
}

export interface ImportResult {
  /** All paragraphs of the document in order, mastheads included. */
  paragraphs: ImportedParagraph[];
  /** The paragraphs grouped into articles; masthead paragraphs belong to none. */
  articles: ImportedArticle[];
  /** Sorted by paragraph, then index. */
  problems: ImportProblem[];
}
