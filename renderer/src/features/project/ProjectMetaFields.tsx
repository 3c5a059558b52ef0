/** Tempo, time signature and key: each change is one project.setMeta edit (and undo step). */
import type { EditOp } from '../../../../app/model/edits.ts';
import { type ProjectMeta, TONICS } from '../../../../app/model/project.ts';
import { bpm } from '../../../../app/timeline/units.ts';
import { tr } from '../../i18n/active.ts';
import { useT } from '../../i18n/I18nProvider.tsx';
import { CommitInput } from '../../ui/CommitInput.tsx';

const DENOMINATORS = [1, 2, 4, 8, 16] as const;
type Denominator = (typeof DENOMINATORS)[number];
type Tonic = (typeof TONICS)[number];

const numberIn =
  (min: number, max: number, what: 'meta.tempoWord' | 'meta.beatsWord', integer: boolean) =>
  (text: string) => {
    const value = Number(text);
    const name = tr(what);
    if (text.trim() === '' || !Number.isFinite(value) || (integer && !Number.isInteger(value))) {
      return tr(integer ? 'meta.wholeNumber' : 'meta.number', { what: name });
    }
    return value < min || value > max ? tr('meta.between', { what: name, min, max }) : undefined;
  };

const validTempo = numberIn(20, 400, 'meta.tempoWord', false);
const validBeats = numberIn(1, 32, 'meta.beatsWord', true);

export function ProjectMetaFields(props: { meta: ProjectMeta; onEdit: (edits: EditOp[]) => void }) {
  const t = useT();
  const { meta, onEdit } = props;
  const setMeta = (patch: Extract<EditOp, { op: 'project.setMeta' }>['patch']) => {
    onEdit([{ op: 'project.setMeta', patch }]);
  };
  return (
    <div className="meta-fields">
      <div className="meta-field">
        <span className="meta-label" aria-hidden="true">
          {t('meta.bpm')}
        </span>
        <CommitInput
          className="input-narrow input-mono"
          label={t('meta.tempo')}
          type="number"
          min={20}
          max={400}
          step="any"
          value={String(meta.tempo)}
          validate={validTempo}
          onCommit={(text) => {
            setMeta({ tempo: bpm(Number(text)) });
          }}
        />
      </div>
      <div className="meta-field">
        <span className="meta-label" aria-hidden="true">
          {t('meta.time')}
        </span>
        <CommitInput
          className="input-tiny input-mono"
          label={t('dialog.beatsPerBar')}
          type="number"
          min={1}
          max={32}
          value={String(meta.timeSignature.numerator)}
          validate={validBeats}
          onCommit={(text) => {
            setMeta({ timeSignature: { ...meta.timeSignature, numerator: Number(text) } });
          }}
        />
        <span aria-hidden="true">/</span>
        <select
          className="input input-tiny input-mono"
          aria-label={t('dialog.beatUnit')}
          value={meta.timeSignature.denominator}
          onChange={(event) => {
            const denominator = Number(event.target.value) as Denominator;
            setMeta({ timeSignature: { ...meta.timeSignature, denominator } });
          }}
        >
          {DENOMINATORS.map((value) => (
            <option key={value} value={value}>
              {value}
            </option>
          ))}
        </select>
      </div>
      <div className="meta-field">
        <span className="meta-label" aria-hidden="true">
          {t('meta.key')}
        </span>
        <select
          className="input input-narrow"
          aria-label={t('meta.key')}
          value={meta.key?.tonic ?? ''}
          onChange={(event) => {
            const tonic = event.target.value as Tonic | '';
            setMeta({ key: tonic === '' ? null : { tonic, mode: meta.key?.mode ?? 'major' } });
          }}
        >
          <option value="">{t('meta.none')}</option>
          {TONICS.map((tonic) => (
            <option key={tonic} value={tonic}>
              {tonic}
            </option>
          ))}
        </select>
        <select
          className="input input-narrow"
          aria-label={t('meta.mode')}
          value={meta.key?.mode ?? 'major'}
          disabled={meta.key === null}
          onChange={(event) => {
            if (meta.key !== null) {
              setMeta({
                key: { ...meta.key, mode: event.target.value === 'minor' ? 'minor' : 'major' },
              });
            }
          }}
        >
          <option value="major">{t('mode.major')}</option>
          <option value="minor">{t('mode.minor')}</option>
        </select>
      </div>
    </div>
  );
}
