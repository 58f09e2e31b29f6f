// Copy-fit of every story (超出 37 字 / 空 2 行) and the live preflight list (renderer/preflight).
// Clicking an entry goes to its page and selects its frame; a finding with a mechanical repair
// offers it as an undoable command.
import { useMemo, type ReactElement } from 'react';
import type { LayoutResult } from '../engine/types';
import type { Asset, FrameId, Issue } from '../model/schema';
import { preflight, type AssetFacts, type Finding } from '../preflight/index';
import { findFrame } from '../editor/state';
import { useUi } from './context';

/** What the renderer knows about the issue's assets: present when their bytes arrived. */
export function assetFacts(assets: readonly Asset[], hasBytes: (id: string) => boolean): Map<string, AssetFacts> {
  // PNG is always RGB or grey; JPEG and TIFF may be CMYK, which only main can tell.
  return new Map(assets.map((a) => [a.id as string, { present: hasBytes(a.id), width: a.width, height: a.height, space: a.mime === 'image/png' ? 'rgb' : 'other' }]));
}

export function Checks(p: {
  issue: Issue;
  layout: LayoutResult;
  hasAsset: (id: string) => boolean;
  missingFonts: ReadonlyArray<{ requested: string; substitute: string }>;
  /**
   * Whether the plant's colour profile is set (press.profile); null while unknown. false lists
   * the 'generic-profile' warning the export will give, for the issue's PDF/X level.
   */
  plantProfileSet?: boolean | null;
}): ReactElement {
  const { editor, t, lang } = useUi();
  const { issue, layout } = p;
  const findings = useMemo((): Finding[] => {
    try {
      // Only the output-profile check reads `target`; it is given once the setting is known.
      const known = p.plantProfileSet === true || p.plantProfileSet === false;
      return preflight({ issue, layout, assets: assetFacts(issue.assets, p.hasAsset), missingFonts: p.missingFonts, ...(known ? { target: { pdfx: issue.output.pdfx, plantProfile: p.plantProfileSet === true } } : {}) });
    } catch (e) {
      return [{ severity: 'error', code: 'overset', page: null, frameId: null, message: `Preflight failed: ${String(e)}`, messageZh: `印前检查出错：${String(e)}` }];
    }
  }, [issue, layout, p.hasAsset, p.missingFonts, p.plantProfileSet]);

  const goTo = (frameId: string | null, page: number | null) => {
    const hit = frameId ? findFrame(issue, frameId) : null;
    const pi = hit?.pageIndex ?? (page !== null ? page - 1 : null);
    if (pi !== null && pi >= 0) editor.run('goToPage', { index: pi });
    if (hit) editor.run('select', { ids: [frameId as FrameId] });
  };

  return (
    <div className="checks" data-testid="checks">
      <h3>{t.copyFit}</h3>
      <ul className="fits">
        {layout.stories.map((s) => (
          <li key={s.storyId} className={s.status} onClick={() => goTo(s.frames[0] ?? null, null)} data-testid={`fit-${s.storyId}`}>
            <span className="name" title={s.name || s.storyId}>{s.name || s.storyId}</span>
            <span className="label">{s.label}</span>
          </li>
        ))}
      </ul>
      <h3>{t.preflight}</h3>
      {findings.length === 0 ? (
        <p className="hint">{t.noProblems}</p>
      ) : (
        <ul className="preflight" data-testid="preflight-list">
          {findings.map((f, i) => (
            <li key={i} className={f.severity} onClick={() => goTo(f.frameId, f.page)} title={lang === 'zh' ? f.message : f.messageZh}>
              {f.page !== null ? `${t.page(f.page)} · ` : ''}
              {lang === 'zh' ? f.messageZh : f.message}
              {f.fix && (
                <button
                  className="fix"
                  title={lang === 'zh' ? f.fix.descriptionZh : f.fix.description}
                  onClick={(e) => {
                    e.stopPropagation();
                    editor.run('replaceIssue', { issue: f.fix!.apply(editor.state.issue) });
                  }}
                >
                  {lang === 'zh' ? '修复' : 'Fix'}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
