// Which bundled font stands in for a font that is not installed. An issue names its fonts by
// PostScript name only, so the role (宋 / 黑 / 楷) and the weight are guessed from that name;
// the guess only has to pick the closest of the three bundled roles, never an exact match.
import manifest from '../../fonts/manifest.json';

export type FontRole = keyof typeof manifest.roles;
export const FONT_ROLES = Object.keys(manifest.roles) as FontRole[];

/**
 * Ordered rules: the first that matches names the role. Matching is on the lower-cased name,
 * by substring, because PostScript names glue words together (STKaiti, SimHei, MicrosoftYaHei).
 *
 * - 楷 first: Kai names are unambiguous (STKaiti, KaiTi, BiauKai, FZKai-Z03, GBZenKai, UKai),
 *   except Apple's Tibetan "Kailasa".
 * - "sans" before "serif", so that "Microsoft Sans Serif" is a sans.
 * - Song/Ming/Mincho before Hei/Gothic, so that "HeiseiMincho" (a Japanese Mincho) is a serif.
 * - Anything else is body text in the serif role: that is what most of a newspaper is set in.
 */
const ROLE_RULES: ReadonlyArray<{ role: FontRole; test: RegExp; unless?: RegExp }> = [
  { role: 'kai', test: /楷|kai/, unless: /kailasa/ },
  { role: 'hei', test: /sans/ },
  { role: 'song', test: /宋|明|serif|song|ming|mincho|simsun|batang|myungjo/ },
  {
    role: 'hei',
    test: /黑|圆|hei|gothic|goth|kaku|gulim|dotum|malgun|meiryo|yuan|pingfang|dengxian|等线|arial|helvetica|verdana|tahoma|segoe|calibri|roboto/,
  },
];

export function roleForFontName(name: string): FontRole {
  const n = name.toLowerCase();
  for (const r of ROLE_RULES) if (r.test.test(n) && !(r.unless && r.unless.test(n))) return r.role;
  return 'song';
}

/**
 * True when the name says the face is bold or heavier: Bold, SemiBold/DemiBold (600 is nearer
 * 700 than 400), Demi, ExtraBold, Heavy, Black, Ultra, Fat, Japanese weight numbers W7..W12
 * (W3 is regular, W6 medium-bold: left regular), 粗 / 大黑 / 特黑 and their pinyin in FangZheng
 * style names (FZCuHei, FZDaHei). "Medium" stays regular; UltraLight, DemiLight and Blackletter
 * (a script style) are not weights above regular.
 */
export function isBoldFontName(name: string): boolean {
  const n = name.toLowerCase();
  if (/black(?!letter)|bold|heavy|ultra(?!light|thin)|demi(?!light)|fat\b|粗|大黑|特黑/.test(n)) return true;
  if (/cu(?:hei|song|kai|yuan)|dahei|tehei/.test(n)) return true;
  if (/(?:^|[^a-z0-9])w(?:[7-9]|1[0-2])(?![0-9])/.test(n) || /w(?:[7-9]|1[0-2])$/.test(n)) return true;
  // Common abbreviations at the end of a PostScript name: Arial-BdMT, FooSans-Bd, -Hv, -Blk.
  return /[-_ ](?:bd|hv|blk|xbd|eb)(?:mt|it)?$/.test(n);
}

/** The bundled PostScript name for a role and weight (fonts/manifest.json "roles"). */
export function bundledFontFor(role: FontRole, bold: boolean): string {
  return manifest.roles[role][bold ? 'bold' : 'regular'];
}

export interface Substitution {
  role: FontRole;
  bold: boolean;
  /** PostScript name of the bundled font to use instead. */
  postscriptName: string;
}

/** The bundled font that stands in for `requested`. */
export function substituteFor(requested: string): Substitution {
  const role = roleForFontName(requested);
  const bold = isBoldFontName(requested);
  return { role, bold, postscriptName: bundledFontFor(role, bold) };
}

/** How a bundled face is named in messages: "Noto Serif SC Bold" and 宋体（粗）. */
export const ROLE_NAME_ZH: Record<FontRole, string> = { song: '宋体', hei: '黑体', kai: '楷体' };
