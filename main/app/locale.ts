// The UI language: Chinese for any zh* system language (zh-CN, zh-Hans-CN, zh-TW, zh-HK …; the
// labels are in simplified characters, which traditional readers can read), English otherwise.
import type { Locale } from '../ipc/contract';

/**
 * The first preferred system language decides; app.getLocale() (Chromium's UI locale) is the
 * fallback when the OS reports none (some Linux desktops).
 */
export function pickLocale(preferred: readonly string[], appLocale = ''): Locale {
  const first = preferred.find((l) => l.trim() !== '') ?? appLocale;
  return /^zh(?:[-_]|$)/i.test(first.trim()) ? 'zh' : 'en';
}
