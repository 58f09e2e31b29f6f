// Factory for new issues: the swatches, styles and masters a community paper starts from.
import manifest from '../../fonts/manifest.json';
import { defaultGrid, pageSizeFor, typeArea } from './grid';
import {
  FORMAT_ID,
  FORMAT_VERSION,
  type CharacterStyle,
  type CharacterStyleId,
  type Frame,
  type FrameId,
  type Issue,
  type IssueMeta,
  type Master,
  type MasterId,
  type Page,
  type PageId,
  type PagePreset,
  type ParagraphStyle,
  type ParagraphStyleId,
  type Swatch,
  type SwatchId,
} from './schema';
import { ZIHAO } from './units';

/** Type roles (宋 serif body, 黑 sans headlines, 楷 bylines) -> PostScript names, from fonts/manifest.json. */
export type FontRole = keyof typeof manifest.roles;
export function roleFont(role: FontRole, weight: 'regular' | 'bold' = 'regular'): string {
  return manifest.roles[role][weight];
}

// Branded-id constructors. Ids are plain strings on disk; these only tell the type checker.
export const pageId = (s: string) => s as PageId;
export const frameId = (s: string) => s as FrameId;
export const swatchId = (s: string) => s as SwatchId;
export const pstyleId = (s: string) => s as ParagraphStyleId;
export const cstyleId = (s: string) => s as CharacterStyleId;
export const masterId = (s: string) => s as MasterId;

/** Well-known swatch ids every new issue has. */
export const SW = {
  black: swatchId('black'),
  paper: swatchId('paper'),
  registration: swatchId('registration'),
  red: swatchId('red'),
  gray: swatchId('gray20'),
} as const;

export const DEFAULT_SWATCHES: Swatch[] = [
  { id: SW.black, name: '黑 Black', c: 0, m: 0, y: 0, k: 100 },
  { id: SW.paper, name: '纸色 Paper', c: 0, m: 0, y: 0, k: 0 },
  // Registration prints on every separation; used only for marks outside the trim.
  { id: SW.registration, name: '套准 Registration', c: 100, m: 100, y: 100, k: 100 },
  // Newspaper red: M100 Y100, 200% TAC, safely under the 240% newsprint limit.
  { id: SW.red, name: '报红 Red', c: 0, m: 100, y: 100, k: 0 },
  { id: SW.gray, name: '灰 20% K', c: 0, m: 0, y: 0, k: 20 },
];

/** Well-known paragraph style ids. */
export const PS = {
  body: pstyleId('body'),
  byline: pstyleId('byline'),
  credit: pstyleId('credit'),
  jump: pstyleId('jump'),
  kicker: pstyleId('kicker'),
  main: pstyleId('headline'),
  sub: pstyleId('subhead'),
  caption: pstyleId('caption'),
  folio: pstyleId('folio'),
  subtitle: pstyleId('crosshead'),
} as const;

export const CS = {
  bold: cstyleId('bold'),
  kai: cstyleId('kai'),
} as const;

function pstyle(p: Partial<ParagraphStyle> & Pick<ParagraphStyle, 'id' | 'name' | 'font' | 'size'>): ParagraphStyle {
  return {
    leading: 0,
    indent: 0,
    align: 'justify',
    prohibition: 'basic',
    spaceBefore: 0,
    spaceAfter: 0,
    color: SW.black,
    tracking: 0,
    ...p,
  };
}

export function defaultParagraphStyles(bodySize: number = ZIHAO.小五): ParagraphStyle[] {
  return [
    pstyle({ id: PS.body, name: '正文 Body', font: roleFont('song'), size: bodySize, indent: 2 }),
    pstyle({ id: PS.byline, name: '署名 Byline', font: roleFont('kai'), size: bodySize, indent: 0, align: 'start' }),
    pstyle({ id: PS.credit, name: '来源 Credit', font: roleFont('kai'), size: bodySize, indent: 0, align: 'end' }),
    pstyle({ id: PS.jump, name: '转版 Jump line', font: roleFont('hei'), size: bodySize, indent: 0, align: 'end' }),
    pstyle({ id: PS.kicker, name: '引题 Kicker', font: roleFont('hei'), size: ZIHAO.四号, align: 'center' }),
    pstyle({ id: PS.main, name: '主题 Headline', font: roleFont('hei', 'bold'), size: ZIHAO.小一, align: 'center' }),
    pstyle({ id: PS.sub, name: '副题 Subhead', font: roleFont('hei'), size: ZIHAO.小四, align: 'center' }),
    pstyle({ id: PS.subtitle, name: '小标题 Crosshead', font: roleFont('hei', 'bold'), size: bodySize, indent: 0, align: 'start', spaceBefore: 0.5 }),
    pstyle({ id: PS.caption, name: '图说 Caption', font: roleFont('kai'), size: bodySize, indent: 0 }),
    pstyle({ id: PS.folio, name: '版头 Folio', font: roleFont('hei'), size: ZIHAO.六号, indent: 0, align: 'start' }),
  ];
}

export function defaultCharacterStyles(): CharacterStyle[] {
  return [
    { id: CS.bold, name: '粗体 Bold', font: roleFont('hei', 'bold') },
    { id: CS.kai, name: '楷体 Kai', font: roleFont('kai') },
  ];
}

/** The default master: a folio line above the type area and a hairline under it. */
export function defaultMaster(issueGrid: Issue['grid']): Master {
  const ta = typeArea(issueGrid);
  const folioH = ZIHAO.六号 * 1.5;
  const frames: Frame[] = [
    {
      id: frameId('master-folio'),
      kind: 'folio',
      x: ta.x,
      y: ta.y - 8 - folioH - 2,
      width: ta.width,
      height: folioH,
      template: '{paper}　第{page}版　{section}　{date}　{weekday}',
      align: 'outside',
    },
    {
      id: frameId('master-folio-rule'),
      kind: 'rule',
      x: ta.x,
      y: ta.y - 8,
      width: ta.width,
      height: 1,
      orientation: 'horizontal',
      weight: 0.5,
      color: SW.black,
      style: 'solid',
    },
  ];
  return { id: masterId('A'), name: 'A 主页 Master', frames };
}

export interface NewIssueOptions {
  preset?: PagePreset;
  custom?: { widthMm: number; heightMm: number };
  meta?: Partial<IssueMeta>;
  pages?: number;
}

/** A new, empty, valid issue. */
export function newIssue(opts: NewIssueOptions = {}): Issue {
  const pageSize = pageSizeFor(opts.preset ?? 'tabloid', opts.custom);
  const grid = defaultGrid(pageSize);
  const master = defaultMaster(grid);
  const pages: Page[] = Array.from({ length: Math.max(1, opts.pages ?? 1) }, (_, i) => ({
    id: pageId(`p${i + 1}`),
    section: '',
    masterId: master.id,
    frames: [],
  }));
  return {
    format: FORMAT_ID,
    version: FORMAT_VERSION,
    meta: {
      paper: '社区报',
      paperLatin: '',
      edition: '',
      date: new Date().toISOString().slice(0, 10),
      issueNumber: '',
      cn: '',
      publisher: '',
      ...opts.meta,
    },
    pageSize,
    grid,
    swatches: DEFAULT_SWATCHES.map((s) => ({ ...s })),
    paragraphStyles: defaultParagraphStyles(grid.bodySize),
    characterStyles: defaultCharacterStyles(),
    masters: [master],
    pages,
    stories: [],
    assets: [],
    fonts: [],
    output: { pdfx: '1a', bleedMm: 3, marks: false, tacLimit: 240, fileNamePattern: '{paper}-{date}-{page}' },
    jump: { continued: '（下转第{page}版）', from: '（上接第{page}版）' },
  };
}
