// The error dialog (both languages, the UI's first) and the PDF export dialog with progress.
import { useState, type ReactElement } from 'react';
import type { PdfExportOptions, PlantProfileInfo, ProgressEvent } from '../api';
import { parsePageRange } from '../i18n';
import type { Issue } from '../model/schema';
import { useUi } from './context';
import { Check, NumberField, Select, TextField } from './fields';

export interface ErrorInfo {
  en: string;
  zh: string;
  problems: string[];
}

export function ErrorDialog({ error, onClose }: { error: ErrorInfo; onClose: () => void }): ReactElement {
  const { t, lang } = useUi();
  const [first, second] = lang === 'zh' ? [error.zh, error.en] : [error.en, error.zh];
  return (
    <div className="modal-backdrop">
      <div className="modal" role="alertdialog" aria-labelledby="err-title" data-testid="error-dialog">
        <h2 id="err-title">{t.error}</h2>
        <p className="primary">{first}</p>
        <p className="secondary">{second}</p>
        {error.problems.length > 0 && (
          <ul className="problems">
            {error.problems.slice(0, 20).map((p, i) => (
              <li key={i}>{p}</li>
            ))}
          </ul>
        )}
        <div className="buttons">
          <button autoFocus onClick={onClose} data-testid="error-close">
            {t.close}
          </button>
        </div>
      </div>
    </div>
  );
}

export interface ExportRequest {
  options: PdfExportOptions;
  /** One export per page (each asks for a file name), or one file. */
  perPage: boolean;
}

/**
 * The printing plant's colour profile, an app setting (main/app/press-profile.ts): its name with
 * Choose… and Clear, or "not set" (exports use the generic profile and warn). `profile`
 * undefined = not known yet.
 */
function PlantProfileRow(p: { profile: PlantProfileInfo | null | undefined; busy: boolean; onChoose: () => void; onClear: () => void }): ReactElement {
  const { t, lang } = useUi();
  const pr = p.profile;
  return (
    <div className="field plant-profile" data-testid="plant-profile">
      <span>{t.plantProfile}</span>
      <div className="row">
        <span className={pr && !pr.available ? 'bad' : pr ? 'name' : 'hint'} data-testid="plant-profile-name" title={pr?.path ?? ''}>
          {pr === undefined ? '…' : pr ? `${pr.name}${pr.available ? '' : ` ${t.plantProfileMissing}`}` : t.plantProfileNotSet}
        </span>{' '}
        <button onClick={p.onChoose} disabled={p.busy} data-testid="plant-profile-choose">
          {t.plantProfileChoose}
        </button>{' '}
        {pr && (
          <button onClick={p.onClear} disabled={p.busy} data-testid="plant-profile-clear">
            {t.plantProfileClear}
          </button>
        )}
      </div>
      {pr?.problem && <p className="bad" data-testid="plant-profile-problem">{lang === 'zh' ? pr.problem.messageZh : pr.problem.message}</p>}
    </div>
  );
}

export function ExportDialog(p: {
  issue: Issue;
  progress: ProgressEvent | null;
  busy: boolean;
  /** The plant's colour profile setting; undefined while it is being read. */
  plantProfile: PlantProfileInfo | null | undefined;
  onChooseProfile: () => void;
  onClearProfile: () => void;
  onExport: (r: ExportRequest) => void;
  onClose: () => void;
}): ReactElement {
  const { t, lang, editor } = useUi();
  const out = p.issue.output;
  const [purpose, setPurpose] = useState<'press' | 'proof'>('press');
  const [bleed, setBleed] = useState(out.bleedMm);
  const [marks, setMarks] = useState(out.marks);
  const [range, setRange] = useState('');
  const [perPage, setPerPage] = useState(false);
  const pages = parsePageRange(range, p.issue.pages.length);
  return (
    <div className="modal-backdrop">
      <div className="modal" role="dialog" data-testid="export-dialog">
        <h2>{t.exportTitle}</h2>
        <Select
          label={t.pdfx}
          value={out.pdfx}
          options={(['1a', '4'] as const).map((v) => ({ value: v, label: `PDF/X-${v}` }))}
          onChange={(v) => editor.run('setOutput', { patch: { pdfx: v } })}
        />
        <PlantProfileRow profile={p.plantProfile} busy={p.busy} onChoose={p.onChooseProfile} onClear={p.onClearProfile} />
        <Select label={t.purpose} value={purpose} options={[{ value: 'press', label: t.press }, { value: 'proof', label: t.proof }]} onChange={setPurpose} />
        <NumberField label={t.bleed} value={bleed} min={0} max={5} onCommit={setBleed} />
        <Check label={t.marks} checked={marks} onChange={setMarks} />
        <TextField label={t.pagesRange} value={range} onCommit={setRange} testId="export-range" />
        {pages === null && <p className="bad">{lang === 'zh' ? '页面范围无效。' : 'Invalid page range.'}</p>}
        <Select label="" value={perPage ? 'per' : 'one'} options={[{ value: 'one', label: t.oneFile }, { value: 'per', label: t.perPage }]} onChange={(v) => setPerPage(v === 'per')} />
        {p.progress && (
          <div className="progress" data-testid="export-progress">
            <progress max={p.progress.total || 1} value={p.progress.done} />
            <span>{lang === 'zh' ? p.progress.stageZh : p.progress.stage}</span>
          </div>
        )}
        <div className="buttons">
          <button onClick={p.onClose} disabled={p.busy}>
            {t.cancel}
          </button>
          <button
            data-testid="export-go"
            disabled={p.busy || pages === null}
            onClick={() => p.onExport({ perPage, options: { purpose, bleedMm: bleed, marks, ...(pages && pages.length ? { pages } : {}) } })}
          >
            {p.busy ? t.exporting : t.ok}
          </button>
        </div>
      </div>
    </div>
  );
}
