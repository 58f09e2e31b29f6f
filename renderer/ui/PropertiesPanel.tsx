// Properties of the selection (geometry in mm, columns and gutter in characters, wrap, image fit,
// per-kind fields) and of the issue (grid, paragraph styles, swatches, details).
import type { ReactElement } from 'react';
import { findFrame, type EditorState } from '../editor/state';
import type { Frame, FrameId, ImageFrame, Issue } from '../model/schema';
import { mmToPt, ptToMm } from '../model/units';
import { pick, useUi } from './context';
import { commands } from '../editor/commands';
import { placeImage } from '../engine/frameItems';
import { Check, NumberField, Section, Select, TextField } from './fields';

export function PropertiesPanel(p: { state: EditorState; onPlaceImage: (id: FrameId) => void }): ReactElement {
  const { t, lang } = useUi();
  const s = p.state;
  const frames = s.selection.map((id) => findFrame(s.issue, id)?.frame).filter((f): f is Frame => !!f);
  return (
    <div className="properties-panel" data-testid="properties-panel">
      <h3>{t.properties}</h3>
      {frames.length === 0 && <p className="hint">{t.noSelection}</p>}
      {frames.length > 1 && <p className="hint">{t.several(frames.length)}</p>}
      {frames.length === 1 && <FrameProps frame={frames[0]!} issue={s.issue} onPlaceImage={p.onPlaceImage} />}
      <IssueProps issue={s.issue} />
      <p className="hint small">{pick(lang, commands.nudge.label)}: ←↑→↓ / Shift</p>
    </div>
  );
}

function FrameProps({ frame: f, issue, onPlaceImage }: { frame: Frame; issue: Issue; onPlaceImage: (id: FrameId) => void }): ReactElement {
  const { editor, t } = useUi();
  const rect = (patch: Partial<{ x: number; y: number; width: number; height: number }>) => editor.run('setRect', { id: f.id, x: f.x, y: f.y, width: f.width, height: f.height, ...patch });
  const upd = (patch: Record<string, unknown>) => editor.run('updateFrame', { id: f.id, patch });
  const swatchOpts = [{ value: '', label: t.none }, ...issue.swatches.map((sw) => ({ value: sw.id as string, label: sw.name }))];
  const body = issue.grid.bodySize;
  return (
    <>
      <Section title={`${t.geometry} · ${t.frameKind[f.kind]}`} testId="geometry">
        <div className="grid2">
          <NumberField label={t.x} value={ptToMm(f.x)} onCommit={(v) => rect({ x: mmToPt(v) })} testId="prop-x" />
          <NumberField label={t.y} value={ptToMm(f.y)} onCommit={(v) => rect({ y: mmToPt(v) })} testId="prop-y" />
          <NumberField label={t.width} value={ptToMm(f.width)} min={1} onCommit={(v) => rect({ width: mmToPt(v) })} testId="prop-w" />
          <NumberField label={t.height} value={ptToMm(f.height)} min={1} onCommit={(v) => rect({ height: mmToPt(v) })} testId="prop-h" />
        </div>
        <Check label={t.wrap} checked={!!f.wrap?.enabled} onChange={(on) => upd({ wrap: { enabled: on, offset: f.wrap?.offset ?? body } })} testId="prop-wrap" />
        {f.wrap?.enabled && <NumberField label={t.wrapOffset} value={ptToMm(f.wrap.offset)} min={0} onCommit={(v) => upd({ wrap: { enabled: true, offset: mmToPt(v) } })} />}
      </Section>
      {f.kind === 'text' && (
        <Section title={t.tools.text}>
          <div className="grid2">
            <NumberField label={t.columns} value={f.columns} min={1} max={40} digits={0} onCommit={(v) => upd({ columns: Math.round(v) })} testId="prop-columns" />
            <NumberField label={t.gutterChars} value={f.gutter / body} min={0} max={20} onCommit={(v) => upd({ gutter: v * body })} testId="prop-gutter" />
          </div>
          <div className="row">
            <button data-testid="thread-start" onClick={() => editor.run('startThread', { from: f.id })}>{t.thread}</button>
            <button disabled={!f.next} onClick={() => editor.run('unthread', { id: f.id })}>{t.unthread}</button>
          </div>
        </Section>
      )}
      {f.kind === 'image' && <ImageProps f={f} issue={issue} onPlaceImage={onPlaceImage} />}
      {f.kind === 'headline' && (
        <Section title={t.tools.headline}>
          <Select label="" value={f.orientation} options={[{ value: 'horizontal', label: t.horizontal }, { value: 'vertical', label: t.vertical }]} onChange={(v) => upd({ orientation: v })} />
        </Section>
      )}
      {f.kind === 'rule' && (
        <Section title={t.tools.rule}>
          <NumberField label={t.ruleWeight} value={f.weight} min={0.1} max={20} onCommit={(v) => upd({ weight: v })} />
          <Select label={t.color} value={f.color as string} options={swatchOpts.slice(1)} onChange={(v) => upd({ color: v })} />
          <Select label="" value={f.style} options={(['solid', 'double', 'dashed', 'dotted'] as const).map((v) => ({ value: v, label: v }))} onChange={(v) => upd({ style: v })} />
        </Section>
      )}
      {f.kind === 'box' && (
        <Section title={t.tools.box}>
          <Select label={t.fill} value={(f.fill as string | null) ?? ''} options={swatchOpts} onChange={(v) => upd({ fill: v || null })} />
          <NumberField label={t.tint} value={f.tint} min={0} max={100} onCommit={(v) => upd({ tint: v })} />
          <Select label={t.stroke} value={(f.stroke as string | null) ?? ''} options={swatchOpts} onChange={(v) => upd({ stroke: v || null })} />
        </Section>
      )}
      {f.kind === 'sponsor' && (
        <Section title={t.tools.sponsor}>
          <TextField label={t.sponsorTitle} value={f.title} onCommit={(v) => upd({ title: v })} />
          <TextField label={t.sponsorCompany} value={f.company} onCommit={(v) => upd({ company: v })} />
          <TextField label={t.sponsorLines} value={f.lines.join('\n')} multiline onCommit={(v) => upd({ lines: v.split('\n').filter((l) => l.trim()) })} />
        </Section>
      )}
      {f.kind === 'masthead' && (
        <Section title={t.tools.masthead}>
          <TextField label={t.mastheadTagline} value={f.tagline} onCommit={(v) => upd({ tagline: v })} />
          <TextField label="标语 Slogan" value={f.slogan} onCommit={(v) => upd({ slogan: v })} />
        </Section>
      )}
    </>
  );
}

function ImageProps({ f, issue, onPlaceImage }: { f: ImageFrame; issue: Issue; onPlaceImage: (id: FrameId) => void }): ReactElement {
  const { editor, t } = useUi();
  const upd = (patch: Record<string, unknown>) => editor.run('updateFrame', { id: f.id, patch });
  const asset = f.assetId ? issue.assets.find((a) => a.id === f.assetId) : undefined;
  // Manual starts from where fill or fit put the image (scale and offset of that placement), so
  // the picture does not jump to 72 ppi at the frame's corner; one change, one undo step.
  const setFit = (fit: ImageFrame['fit']) => {
    const placed = fit === 'manual' && f.fit !== 'manual' ? placeImage(f, asset, f.fit, f.scale, f.offsetX, f.offsetY) : null;
    const r = placed?.type === 'image' ? placed.rect : null;
    if (r && asset) upd({ fit, scale: r.width / asset.width, offsetX: r.x - f.x, offsetY: r.y - f.y });
    else upd({ fit });
  };
  return (
    <Section title={t.tools.image}>
      <div className="row">
        <button data-testid="place-image" onClick={() => onPlaceImage(f.id)}>{t.placeImage}</button>
        <button data-testid="add-caption" onClick={() => editor.run('addCaption', { imageId: f.id, text: '' })}>{t.addCaption}</button>
      </div>
      <Select
        label={t.fit}
        value={f.fit}
        options={[
          { value: 'fill', label: t.fitFill },
          { value: 'fit', label: t.fitFit },
          { value: 'manual', label: t.fitManual },
        ]}
        onChange={setFit}
        testId="prop-image-fit"
      />
      {f.fit === 'manual' && (
        <div className="grid2">
          {/* scale is points per pixel; 100% = 1 pt per pixel (72 ppi) */}
          <NumberField label={t.scale} value={f.scale * 100} min={1} max={100000} onCommit={(v) => upd({ scale: v / 100 })} testId="prop-image-scale" />
          <span />
          <NumberField label={`${t.offset} X`} value={ptToMm(f.offsetX)} onCommit={(v) => upd({ offsetX: mmToPt(v) })} testId="prop-image-offset-x" />
          <NumberField label={`${t.offset} Y`} value={ptToMm(f.offsetY)} onCommit={(v) => upd({ offsetY: mmToPt(v) })} testId="prop-image-offset-y" />
        </div>
      )}
    </Section>
  );
}

function IssueProps({ issue }: { issue: Issue }): ReactElement {
  const { editor, t, fontNames } = useUi();
  const g = issue.grid;
  const fonts = [...new Set([...fontNames, ...issue.paragraphStyles.map((s) => s.font)])];
  return (
    <>
      <Section title={t.grid} testId="grid">
        <div className="grid2">
          <NumberField label={t.gridColumns} value={g.columns} digits={0} min={1} max={40} onCommit={(v) => editor.run('setGrid', { patch: { columns: Math.round(v) } })} testId="grid-columns" />
          <NumberField label={t.gutterChars} value={g.gutterChars} min={0} max={20} onCommit={(v) => editor.run('setGrid', { patch: { gutterChars: v } })} testId="grid-gutter" />
          <NumberField label={t.charsPerColumn} value={g.charsPerColumn} digits={0} min={1} max={200} onCommit={(v) => editor.run('setGrid', { patch: { charsPerColumn: Math.round(v) } })} />
          <NumberField label={t.linesPerPage} value={g.linesPerPage} digits={0} min={1} max={1000} onCommit={(v) => editor.run('setGrid', { patch: { linesPerPage: Math.round(v) } })} />
        </div>
      </Section>
      <Section title={t.styles}>
        {issue.paragraphStyles.map((ps) => (
          <details key={ps.id}>
            <summary>{ps.name}</summary>
            <Select label={t.font} value={ps.font} options={fonts.map((f) => ({ value: f, label: f }))} onChange={(v) => editor.run('updateParagraphStyle', { id: ps.id, patch: { font: v } })} />
            <div className="grid2">
              <NumberField label={t.size} value={ps.size} min={1} max={1000} onCommit={(v) => editor.run('updateParagraphStyle', { id: ps.id, patch: { size: v } })} />
              <NumberField label={t.indent} value={ps.indent} min={0} max={10} onCommit={(v) => editor.run('updateParagraphStyle', { id: ps.id, patch: { indent: v } })} />
            </div>
            <Select label={t.color} value={ps.color as string} options={issue.swatches.map((sw) => ({ value: sw.id as string, label: sw.name }))} onChange={(v) => editor.run('updateParagraphStyle', { id: ps.id, patch: { color: v as never } })} />
          </details>
        ))}
      </Section>
      <Section title={t.swatches}>
        {issue.swatches.map((sw) => (
          <div key={sw.id} className="swatch-row">
            <span className="chip" style={{ background: `rgb(${255 * (1 - sw.c / 100) * (1 - sw.k / 100)}, ${255 * (1 - sw.m / 100) * (1 - sw.k / 100)}, ${255 * (1 - sw.y / 100) * (1 - sw.k / 100)})` }} />
            <span className="name">{sw.name}</span>
            {(['c', 'm', 'y', 'k'] as const).map((ch) => (
              <NumberField key={ch} label={ch.toUpperCase()} value={sw[ch]} digits={0} min={0} max={100} onCommit={(v) => editor.run('updateSwatch', { id: sw.id, patch: { [ch]: v } })} />
            ))}
          </div>
        ))}
      </Section>
      <Section title={t.edition}>
        <TextField label={t.paper} value={issue.meta.paper} onCommit={(v) => editor.run('setMeta', { patch: { paper: v } })} />
        <TextField label={t.date} value={issue.meta.date} onCommit={(v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && editor.run('setMeta', { patch: { date: v } })} />
      </Section>
    </>
  );
}
