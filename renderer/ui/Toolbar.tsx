// The toolbar: tools, zoom, undo/redo, grid, save and export.
import type { ReactElement } from 'react';
import { TOOLS, type EditorState, type Tool } from '../editor/state';
import { useUi } from './context';

const TOOL_KEYS: Record<Tool, string> = { select: 'V', text: 'T', headline: 'H', image: 'I', caption: 'C', sponsor: 'S', rule: 'L', box: 'B', masthead: 'M' };
export const toolForKey = (key: string): Tool | null => (Object.entries(TOOL_KEYS).find(([, k]) => k === key.toUpperCase())?.[0] as Tool | undefined) ?? null;

export interface ToolbarProps {
  state: EditorState;
  onZoom: (how: 'in' | 'out' | 'fitPage' | 'fitWidth' | 'actual') => void;
  onSave: () => void;
  onExport: () => void;
  onSponsorCsv: () => void;
  onImportArticles: () => void;
}

export function Toolbar(p: ToolbarProps): ReactElement {
  const { editor, t } = useUi();
  const s = p.state;
  return (
    <div className="toolbar" role="toolbar">
      <div className="group">
        {TOOLS.map((tool) => (
          <button
            key={tool}
            className={s.tool === tool ? 'active' : ''}
            title={`${t.tools[tool]} (${TOOL_KEYS[tool]})`}
            data-testid={`tool-${tool}`}
            onClick={() => editor.run('setTool', { tool })}
          >
            {t.tools[tool]}
          </button>
        ))}
      </div>
      {s.tool === 'headline' && (
        <div className="group">
          {(['horizontal', 'vertical'] as const).map((o) => (
            <button key={o} className={s.headlineOrientation === o ? 'active' : ''} data-testid={`headline-${o}`} onClick={() => editor.run('setTool', { tool: 'headline', orientation: o })}>
              {t[o]}
            </button>
          ))}
        </div>
      )}
      {s.tool === 'sponsor' && (
        <div className="group">
          <button data-testid="sponsor-csv" onClick={p.onSponsorCsv}>
            {t.sponsorCsv}
          </button>
        </div>
      )}
      <div className="group">
        <button data-testid="undo" disabled={!editor.history.canUndo} title={`${t.undo} (Ctrl+Z)`} onClick={() => editor.undo()}>
          {t.undo}
        </button>
        <button data-testid="redo" disabled={!editor.history.canRedo} title={`${t.redo} (Ctrl+Shift+Z)`} onClick={() => editor.redo()}>
          {t.redo}
        </button>
      </div>
      <div className="group">
        <button onClick={() => p.onZoom('out')} title="Ctrl+-">−</button>
        <span className="zoom" data-testid="zoom">{Math.round(s.zoom * 100)}%</span>
        <button onClick={() => p.onZoom('in')} title="Ctrl+=">+</button>
        <button data-testid="fit-page" onClick={() => p.onZoom('fitPage')} title="Ctrl+0">{t.fitPage}</button>
        <button onClick={() => p.onZoom('fitWidth')}>{t.fitWidth}</button>
        <button onClick={() => p.onZoom('actual')} title="Ctrl+1">{t.actualSize}</button>
        <button className={s.showGrid ? 'active' : ''} onClick={() => editor.run('toggleGrid')}>
          {t.showGrid}
        </button>
      </div>
      <div className="group right">
        <button data-testid="import-articles" onClick={p.onImportArticles}>{t.importArticles}</button>
        <button data-testid="save" onClick={p.onSave}>{t.save}</button>
        <button data-testid="export" onClick={p.onExport}>{t.export}</button>
      </div>
    </div>
  );
}
