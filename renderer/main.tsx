// Renderer entry: ask main for the locale and this window's document, load the fonts its styles
// name (bytes from main, once each), decode its images, then show the editor.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { api, call, errorMessages } from './api';
import { FontStore } from './canvas/fonts';
import { ImageStore } from './canvas/images';
import { roleFont } from './model/defaults';
import { App, fontsOf } from './ui/App';
import './styles.css';

async function boot(): Promise<void> {
  const root = createRoot(document.getElementById('root')!);
  const status = document.getElementById('boot-status');
  try {
    const a = api();
    const [locale, doc] = await Promise.all([call(a.app.locale()), call(a.issue.current())]);
    document.documentElement.lang = locale.locale === 'zh' ? 'zh-CN' : 'en';
    if (status) status.textContent = locale.locale === 'zh' ? '正在加载字体…' : 'Loading fonts…';
    const fonts = new FontStore(async (postscriptName) => call(a.fonts.bytes({ postscriptName })));
    // The styles' fonts, and the bundled song face as the engine's fallback for unknown names.
    await fonts.ensure([roleFont('song'), ...fontsOf(doc.issue)]);
    const images = new ImageStore();
    for (const { asset, bytes } of doc.assets) images.add(asset.id, bytes, asset.mime);
    const fontNames = await call(a.fonts.list()).then(
      (l) => l.map((f) => f.postscriptName),
      () => [] as string[],
    );
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

void boot();
