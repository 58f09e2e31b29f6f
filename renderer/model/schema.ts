// The single source of truth for the issue model: one zod schema gives both the TypeScript
// types (z.infer) and the validation used when a .banmian file is opened.
//
// Conventions (see HOUSE_STYLE.md "Model"):
// - every length is in points (1/72 in), page coordinates from the top-left of the TRIMMED
//   page, y downwards; a comment names the unit wherever it is not points;
// - ids are branded strings so a FrameId cannot be passed where a StoryId is wanted;
// - the data is plain, readonly, JSON-serialisable; derived things (line layout, page numbers
//   of jump lines, copy-fit) are never stored.
import { z } from 'zod';

export const FORMAT_ID = 'banmian-issue';
/** Current version of issue.json. Bump it and add a migration in migrations.ts when the shape changes. */
export const FORMAT_VERSION = 1;

// ---------------------------------------------------------------------------------------------
// ids

const id = <B extends string>(_brand: B) =>
  z
    .string()
    .min(1)
    .max(128)
    .regex(/^[A-Za-z0-9_.:-]+$/, 'ids use only letters, digits and _ . : -')
    .brand<B>();

export const PageId = id('PageId');
export const FrameId = id('FrameId');
export const StoryId = id('StoryId');
export const ParagraphStyleId = id('ParagraphStyleId');
export const CharacterStyleId = id('CharacterStyleId');
export const SwatchId = id('SwatchId');
export const MasterId = id('MasterId');
/** An asset id is the lower-case hex SHA-256 of the asset's bytes: images are stored once. */
export const AssetId = z
  .string()
  .regex(/^[0-9a-f]{64}$/, 'asset ids are the SHA-256 of the file, 64 lower-case hex digits')
  .brand<'AssetId'>();

export type PageId = z.infer<typeof PageId>;
export type FrameId = z.infer<typeof FrameId>;
export type StoryId = z.infer<typeof StoryId>;
export type ParagraphStyleId = z.infer<typeof ParagraphStyleId>;
export type CharacterStyleId = z.infer<typeof CharacterStyleId>;
export type SwatchId = z.infer<typeof SwatchId>;
export type MasterId = z.infer<typeof MasterId>;
export type AssetId = z.infer<typeof AssetId>;

// ---------------------------------------------------------------------------------------------
// primitives

/** A length in points; finite, and within ±10 m so a corrupt file cannot ask for absurd pages. */
const pt = z.number().finite().min(-28_346).max(28_346);
const ptPos = z.number().finite().min(0).max(28_346);
/** A percentage of ink, 0..100. */
const ink = z.number().finite().min(0).max(100);

// ---------------------------------------------------------------------------------------------
// issue metadata, page and grid

export const IssueMeta = z.object({
  /** Paper name as printed in the folio, e.g. 天山社区晨报. */
  paper: z.string().max(200),
  /** Latin name, e.g. TIAN SHAN. */
  paperLatin: z.string().max(200).default(''),
  /** Edition, e.g. 社区版. */
  edition: z.string().max(200).default(''),
  /** Publication date, ISO yyyy-mm-dd. */
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'dates are written yyyy-mm-dd'),
  /** Issue number as printed, e.g. 总第8545期. */
  issueNumber: z.string().max(100).default(''),
  /** China Standard Serial Number, e.g. CN31-0062. */
  cn: z.string().max(100).default(''),
  /** Publisher line, e.g. 天山路街道党工委、办事处 联合出版. */
  publisher: z.string().max(400).default(''),
});
export type IssueMeta = z.infer<typeof IssueMeta>;

export const PagePreset = z.enum(['tabloid', 'broadsheet', 'custom']);
export type PagePreset = z.infer<typeof PagePreset>;

export const PageSize = z.object({
  preset: PagePreset,
  /** Trimmed page width in points. */
  width: ptPos.min(36),
  /** Trimmed page height in points. */
  height: ptPos.min(36),
});
export type PageSize = z.infer<typeof PageSize>;

/**
 * The page grid as Chinese newspapers define it: a body size, characters per column, columns,
 * a gutter counted in characters and a number of lines. The type area follows from it
 * (grid.ts: typeArea()).
 */
export const Grid = z.object({
  /** Body size in points (小五 = 9). */
  bodySize: z.number().finite().min(4).max(72),
  /** Body characters per column (one character = one body em). */
  charsPerColumn: z.number().int().min(1).max(200),
  columns: z.number().int().min(1).max(40),
  /** Gutter between columns, in body characters (may be fractional, e.g. 1.5). */
  gutterChars: z.number().finite().min(0).max(20),
  /** Body lines per column on a full page. */
  linesPerPage: z.number().int().min(1).max(1000),
  /** Space between two body lines in points (行距); the line pitch is bodySize + lineGap. */
  lineGap: z.number().finite().min(0).max(72),
  /** Left edge of the type area on the trimmed page. */
  marginLeft: ptPos,
  /** Top edge of the type area (the cap line of the first body line). */
  marginTop: ptPos,
});
export type Grid = z.infer<typeof Grid>;

// ---------------------------------------------------------------------------------------------
// colour

/** A CMYK swatch; ink values are percentages. DeviceCMYK only: there is no RGB in the model. */
export const Swatch = z.object({
  id: SwatchId,
  name: z.string().max(200),
  c: ink,
  m: ink,
  y: ink,
  k: ink,
});
export type Swatch = z.infer<typeof Swatch>;

// ---------------------------------------------------------------------------------------------
// styles

/** Line-breaking prohibition level (W3C clreq §3.1.7): which marks may not start or end a line. */
export const Prohibition = z.enum(['none', 'basic', 'gb', 'strict']);
export type Prohibition = z.infer<typeof Prohibition>;

export const Align = z.enum(['justify', 'start', 'center', 'end']);
export type Align = z.infer<typeof Align>;

export const ParagraphStyle = z.object({
  id: ParagraphStyleId,
  name: z.string().max(200),
  /** Font by PostScript name, e.g. NotoSerifSC-Regular. */
  font: z.string().min(1).max(200),
  /** Type size in points. */
  size: z.number().finite().min(1).max(1000),
  /**
   * Line pitch in points (baseline to baseline). 0 = the page grid's pitch for body text; for
   * larger type, the smallest whole number of grid lines that holds it.
   */
  leading: ptPos.default(0),
  /** First-line indent in characters of this style's size (clreq: two by default for body). */
  indent: z.number().finite().min(0).max(10).default(2),
  align: Align.default('justify'),
  prohibition: Prohibition.default('basic'),
  /** Space above the paragraph, in grid lines. */
  spaceBefore: z.number().finite().min(0).max(100).default(0),
  /** Space below the paragraph, in grid lines. */
  spaceAfter: z.number().finite().min(0).max(100).default(0),
  color: SwatchId,
  /** Extra space between characters in 1/1000 em (方正 字距); negative tightens. */
  tracking: z.number().finite().min(-500).max(2000).default(0),
});
export type ParagraphStyle = z.infer<typeof ParagraphStyle>;

export const CharacterStyle = z.object({
  id: CharacterStyleId,
  name: z.string().max(200),
  font: z.string().min(1).max(200).optional(),
  size: z.number().finite().min(1).max(1000).optional(),
  color: SwatchId.optional(),
});
export type CharacterStyle = z.infer<typeof CharacterStyle>;

// ---------------------------------------------------------------------------------------------
// stories

export const Run = z.object({
  text: z.string().max(1_000_000),
  /** Character style applied over the paragraph style, if any. */
  style: CharacterStyleId.optional(),
});
export type Run = z.infer<typeof Run>;

export const Paragraph = z.object({
  style: ParagraphStyleId,
  runs: z.array(Run).max(100_000),
});
export type Paragraph = z.infer<typeof Paragraph>;

export const Story = z.object({
  id: StoryId,
  /** Name shown in the story list, usually the headline. */
  name: z.string().max(500),
  paragraphs: z.array(Paragraph).max(100_000),
});
export type Story = z.infer<typeof Story>;

// ---------------------------------------------------------------------------------------------
// frames

/** Text wrap: a frame that wraps pushes text out of the columns it overlaps. */
export const Wrap = z.object({
  enabled: z.boolean(),
  /** Clearance around the frame in points. */
  offset: ptPos,
});
export type Wrap = z.infer<typeof Wrap>;

const frameBase = {
  id: FrameId,
  /** Top-left corner and size on the trimmed page, in points. */
  x: pt,
  y: pt,
  width: ptPos,
  height: ptPos,
  wrap: Wrap.optional(),
  locked: z.boolean().optional(),
  /** Free label for the frames list. */
  label: z.string().max(200).optional(),
};

export const TextFrame = z.object({
  ...frameBase,
  kind: z.literal('text'),
  storyId: StoryId,
  columns: z.number().int().min(1).max(40),
  /** Gutter between the frame's columns, in points. */
  gutter: ptPos,
  /** Next frame in this story's thread (same story, any page), or null at the end of the thread. */
  next: FrameId.nullable(),
});
export type TextFrame = z.infer<typeof TextFrame>;

export const DeckRole = z.enum(['kicker', 'main', 'sub']);
export type DeckRole = z.infer<typeof DeckRole>;

/** One deck of a multi-deck headline: 引题 (kicker), 主题 (main), 副题 (sub). */
export const Deck = z.object({
  role: DeckRole,
  text: z.string().max(2000),
  style: ParagraphStyleId,
});
export type Deck = z.infer<typeof Deck>;

export const HeadlineFrame = z.object({
  ...frameBase,
  kind: z.literal('headline'),
  decks: z.array(Deck).min(1).max(6),
  /** Horizontal, or vertical (竖排: top to bottom, columns right to left). */
  orientation: z.enum(['horizontal', 'vertical']),
  /** The story this headline belongs to, if any (for the story list and jump lines). */
  storyId: StoryId.nullable().default(null),
});
export type HeadlineFrame = z.infer<typeof HeadlineFrame>;

export const ImageFit = z.enum(['fill', 'fit', 'manual']);
export type ImageFit = z.infer<typeof ImageFit>;

export const ImageFrame = z.object({
  ...frameBase,
  kind: z.literal('image'),
  /** The placed image, or null for an empty placeholder. */
  assetId: AssetId.nullable(),
  /** fill: cover the frame (cropping); fit: show all of it; manual: scale and offset below. */
  fit: ImageFit,
  /** Points per image pixel when fit = manual (72 / effective ppi). */
  scale: z.number().finite().positive().max(1000).default(1),
  /** Position of the image's top-left relative to the frame's, in points (crop offset). */
  offsetX: pt.default(0),
  offsetY: pt.default(0),
});
export type ImageFrame = z.infer<typeof ImageFrame>;

export const CaptionFrame = z.object({
  ...frameBase,
  kind: z.literal('caption'),
  /** The image frame this caption belongs to; it moves with it. */
  imageId: FrameId,
  storyId: StoryId,
});
export type CaptionFrame = z.infer<typeof CaptionFrame>;

export const SponsorFrame = z.object({
  ...frameBase,
  kind: z.literal('sponsor'),
  /** e.g. 信用中国守信激励单位 */
  title: z.string().max(500),
  company: z.string().max(500),
  /** Detail lines, e.g. 证书编号:…, 主导产品:… */
  lines: z.array(z.string().max(1000)).max(50),
  logoAssetId: AssetId.nullable().default(null),
  /** Border colour; null for none. */
  stroke: SwatchId.nullable(),
  /** Border weight in points. */
  strokeWeight: ptPos.default(0.5),
});
export type SponsorFrame = z.infer<typeof SponsorFrame>;

export const RuleFrame = z.object({
  ...frameBase,
  kind: z.literal('rule'),
  /** A rule runs along the frame's long side, centred in it. */
  orientation: z.enum(['horizontal', 'vertical']),
  /** Stroke weight in points. */
  weight: ptPos,
  color: SwatchId,
  style: z.enum(['solid', 'double', 'dashed', 'dotted']).default('solid'),
});
export type RuleFrame = z.infer<typeof RuleFrame>;

export const BoxFrame = z.object({
  ...frameBase,
  kind: z.literal('box'),
  fill: SwatchId.nullable(),
  /** Tint of the fill swatch, percent. */
  tint: ink.default(100),
  stroke: SwatchId.nullable(),
  strokeWeight: ptPos.default(0.5),
});
export type BoxFrame = z.infer<typeof BoxFrame>;

/** The paper's nameplate; paper name, date and issue number come from the issue metadata. */
export const MastheadFrame = z.object({
  ...frameBase,
  kind: z.literal('masthead'),
  logoAssetId: AssetId.nullable().default(null),
  /** Short line under the name, e.g. SHANGHAI COMMUNITY NEWS. */
  tagline: z.string().max(500).default(''),
  /** Slogan, e.g. 自 / 家 / 门 / 口 / 这 / 点 / 事 */
  slogan: z.string().max(500).default(''),
});
export type MastheadFrame = z.infer<typeof MastheadFrame>;

/**
 * A folio line. Template tokens: {paper} {edition} {page} (第N版 number) {section} {date}
 * (yyyy年m月d日) {weekday} {issueNumber}.
 */
export const FolioFrame = z.object({
  ...frameBase,
  kind: z.literal('folio'),
  template: z.string().max(500),
  align: z.enum(['start', 'center', 'end', 'outside']).default('outside'),
});
export type FolioFrame = z.infer<typeof FolioFrame>;

/** A QR code drawn as vector modules in 100% K. */
export const QrFrame = z.object({
  ...frameBase,
  kind: z.literal('qr'),
  data: z.string().min(1).max(2000),
  /** Error-correction level. */
  level: z.enum(['L', 'M', 'Q', 'H']).default('M'),
});
export type QrFrame = z.infer<typeof QrFrame>;

export const Frame = z.discriminatedUnion('kind', [
  TextFrame,
  HeadlineFrame,
  ImageFrame,
  CaptionFrame,
  SponsorFrame,
  RuleFrame,
  BoxFrame,
  MastheadFrame,
  FolioFrame,
  QrFrame,
]);
export type Frame = z.infer<typeof Frame>;
export type FrameKind = Frame['kind'];
export const FRAME_KINDS: readonly FrameKind[] = [
  'text', 'headline', 'image', 'caption', 'sponsor', 'rule', 'box', 'masthead', 'folio', 'qr',
];

// ---------------------------------------------------------------------------------------------
// pages, masters, assets, fonts

export const Master = z.object({
  id: MasterId,
  name: z.string().max(200),
  /** Frames drawn on every page that uses this master (folio, rules); not editable on the page. */
  frames: z.array(Frame).max(1000),
});
export type Master = z.infer<typeof Master>;

export const Page = z.object({
  id: PageId,
  /** Section name for the folio, e.g. 要闻, 社区. */
  section: z.string().max(200).default(''),
  masterId: MasterId.nullable().default(null),
  frames: z.array(Frame).max(10_000),
});
export type Page = z.infer<typeof Page>;

export const Asset = z.object({
  id: AssetId,
  /** Original file name, for messages and relinking. */
  name: z.string().max(1000),
  mime: z.enum(['image/jpeg', 'image/png', 'image/tiff']),
  /**
   * Pixel size of the upright picture: the stored size after the file's EXIF orientation, sides
   * swapped for orientations 5-8 (main/files/assets.ts; files saved before this rule are
   * corrected on opening, main/files/issue-file.ts uprightSizes).
   */
  width: z.number().int().min(1).max(100_000),
  height: z.number().int().min(1).max(100_000),
});
export type Asset = z.infer<typeof Asset>;

/** A font the issue uses, by PostScript name, with where it was found (a hint for relinking). */
export const FontRef = z.object({
  postscriptName: z.string().min(1).max(200),
  family: z.string().max(200).default(''),
  /** Original file name, and face index inside a TTC/OTC collection. */
  file: z.string().max(1000).default(''),
  faceIndex: z.number().int().min(0).max(255).default(0),
});
export type FontRef = z.infer<typeof FontRef>;

/** Press output settings saved with the issue. */
export const OutputSettings = z.object({
  pdfx: z.enum(['1a', '4']).default('1a'),
  /** Bleed in millimetres, 0..5. */
  bleedMm: z.number().finite().min(0).max(5).default(3),
  marks: z.boolean().default(false),
  /** Total area coverage limit in percent (sum of C+M+Y+K), 220..260; newsprint: 240. */
  tacLimit: z.number().finite().min(220).max(260).default(240),
  /** File name pattern for per-page PDFs: {paper} {date} {page} (2 digits). */
  fileNamePattern: z.string().max(300).default('{paper}-{date}-{page}'),
});
export type OutputSettings = z.infer<typeof OutputSettings>;

/** Continuation notices; {page} is the page number of the other part. */
export const JumpFormat = z.object({
  continued: z.string().max(200).default('（下转第{page}版）'),
  from: z.string().max(200).default('（上接第{page}版）'),
});
export type JumpFormat = z.infer<typeof JumpFormat>;

export const Issue = z.object({
  format: z.literal(FORMAT_ID),
  version: z.literal(FORMAT_VERSION),
  meta: IssueMeta,
  pageSize: PageSize,
  grid: Grid,
  swatches: z.array(Swatch).min(1).max(10_000),
  paragraphStyles: z.array(ParagraphStyle).min(1).max(10_000),
  characterStyles: z.array(CharacterStyle).max(10_000).default([]),
  masters: z.array(Master).max(1000).default([]),
  pages: z.array(Page).min(1).max(2000),
  stories: z.array(Story).max(100_000),
  assets: z.array(Asset).max(100_000).default([]),
  fonts: z.array(FontRef).max(1000).default([]),
  output: OutputSettings.default(OutputSettings.parse({})),
  jump: JumpFormat.default(JumpFormat.parse({})),
});
export type Issue = z.infer<typeof Issue>;
/** What a file may contain before defaults are filled in. */
export type IssueInput = z.input<typeof Issue>;
