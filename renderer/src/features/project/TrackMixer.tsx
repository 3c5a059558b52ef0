/** A track's channel strip: mute, solo, volume (dB) and pan. Each change is one edit. */
import type { EditOp } from '../../../../app/model/edits.ts';
import type { Track } from '../../../../app/model/project.ts';
import { db } from '../../../../app/timeline/units.ts';
import { useT } from '../../i18n/I18nProvider.tsx';
import { CommitSlider } from '../../ui/CommitSlider.tsx';
import { formatGain, formatPan, GAIN_MAX_DB, GAIN_MIN_DB } from './track-format.ts';

export type TrackPatch = Extract<EditOp, { op: 'track.update' }>['patch'];

export function TrackMixer(props: {
  track: Track;
  /** The track's 1-based position, for labels ("Mute track 2"). */
  n: number;
  onUpdate: (patch: TrackPatch) => void;
}) {
  const t = useT();
  const { track, n, onUpdate } = props;
  return (
    <>
      <div className="track-switches">
        <button
          type="button"
          className="toggle toggle-mute"
          aria-pressed={track.mute}
          aria-label={t('track.mute', { n })}
          title={t('track.muteHint')}
          onClick={() => {
            onUpdate({ mute: !track.mute });
          }}
        >
          M
        </button>
        <button
          type="button"
          className="toggle toggle-solo"
          aria-pressed={track.solo}
          aria-label={t('track.solo', { n })}
          title={t('track.soloHint')}
          onClick={() => {
            onUpdate({ solo: !track.solo });
          }}
        >
          S
        </button>
      </div>
      <CommitSlider
        className="gain-slider"
        label={t('track.volume', { n })}
        min={GAIN_MIN_DB}
        max={GAIN_MAX_DB}
        step={0.5}
        value={track.gainDb}
        resetValue={0}
        format={formatGain}
        onCommit={(value) => {
          onUpdate({ gainDb: db(value) });
        }}
      />
      <CommitSlider
        className="pan-slider"
        label={t('track.pan', { n })}
        min={-1}
        max={1}
        step={0.01}
        value={track.pan}
        resetValue={0}
        origin={0}
        format={formatPan}
        onCommit={(pan) => {
          onUpdate({ pan });
        }}
      />
    </>
  );
}
