// Renderer entry: ask main for the locale and this window's document, load the fonts its styles
// name (bytes from main, once each), decode its images, then show the editor.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { api, call, errorMessages } from './api';
import { FontStore, type DeliveredFont } from './canvas/fonts';
import { ImageStore } from './canvas/images';
import { roleFont } from './model/defaults';
import { App, fontsOf } from './ui/App';
import './styles.css';

async function boot(): Promise<void> {
  const root = createRoot(document.getElementById('root')!);
  const status = document.getElementById('boot-status');
  try {
    const a = api();
    performance.mark('bm:boot');
    const [locale, doc] = await Promise.all([call(a.app.locale()), call(a.issue.current())]);
    performance.mark('bm:document');
    document.documentElement.lang = locale.locale === 'zh' ? 'zh-CN' : 'en';
    if (status) status.textContent = locale.locale === 'zh' ? '正在加载字体…' : 'Loading fonts…';
    const fonts = new FontStore((postscriptName) => deliverFont(a, postscriptName));
    // The styles' fonts, and the bundled song face as the engine's fallback for unknown names.
    await fonts.ensure([roleFont('song'), ...fontsOf(doc.issue)]);
    performance.mark('bm:fonts');
    // TIFF and CMYK JPEG are shown through main's screen previews (canvas/images.ts).
    const images = new ImageStore((assetId) => call(a.assets.preview({ documentId: doc.documentId, assetId })));
    for (const { asset, bytes } of doc.assets) images.add(asset.id, bytes, asset.mime);
    const fontNames = await call(a.fonts.list()).then(
      (l) => l.map((f) => f.postscriptName),
      () => [] as string[],
    );
    performance.mark('bm:render');
    status?.remove();
    root.render(
      <StrictMode>
        <App boot={{ api: a, doc, lang: locale.locale, fonts, images, fontNames }} />
      </StrictMode>,
    );
  } catch (e) {
    const m = errorMessages(e);
    if (status) status.textContent = `${m.zh}\n${m.en}`;
    console.error(e);
  }
}

/**
 * A face's bytes: fonts.resolve names the face and its URL on the app origin, and fetch reads
 * the file straight from main's protocol handler (no 5-15 MB copy through IPC). If the fetch
 * fails, the bytes come over IPC instead.
 */
async function deliverFont(a: ReturnType<typeof api>, postscriptName: string): Promise<DeliveredFont> {
  const d = await fetchFont(a, postscriptName);
  registerUiFace(d.postscriptName, d.bytes);
  return d;
}

async function fetchFont(a: ReturnType<typeof api>, postscriptName: string): Promise<DeliveredFont> {
  const r = await call(a.fonts.resolve({ postscriptName }));
  try {
    const res = await fetch(new URL(r.url, document.baseURI));
    if (!res.ok) throw new Error(`${res.status}`);
    return { postscriptName: r.postscriptName, bytes: new Uint8Array(await res.arrayBuffer()), substitution: r.substitution };
  } catch (e) {
    console.warn(`banmian: font ${r.postscriptName} not served (${e instanceof Error ? e.message : String(e)}); reading it over IPC`);
    return call(a.fonts.bytes({ postscriptName }));
  }
}

/**
 * The bundled faces, once loaded for the document, also set the interface (styles.css names
 * 'Banmian UI' and 'Banmian Text' first), so panels and the story editor look the same on every
 * computer instead of falling back to whatever CJK face the system has.
 */
const UI_FACES: Record<string, string> = { 'NotoSansSC-Regular': 'Banmian UI', 'NotoSerifSC-Regular': 'Banmian Text' };
function registerUiFace(postscriptName: string, bytes: Uint8Array): void {
  const family = UI_FACES[postscriptName];
  if (!family || typeof FontFace === 'undefined') return;
  try {
    // FontFace copies the data it is given: no copy of the 5-15 MB face needed here
    const face = new FontFace(family, bytes as Uint8Array<ArrayBuffer>);
    document.fonts.add(face);
    void face.load().catch(() => {});
  } catch {
    // the interface keeps the system font
  }
}

void boot();
