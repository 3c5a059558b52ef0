/** Which tracks get a stem: every track, in arrangement order, with why one cannot. */
import type { TrackId } from '../../../../app/model/ids.ts';
import type { ProjectSnapshot } from '../../../../app/model/project.ts';
import { useT } from '../../i18n/I18nProvider.tsx';

export function ExportTrackList(props: {
  snapshot: ProjectSnapshot;
  excluded: ReadonlySet<TrackId>;
  onChange: (excluded: ReadonlySet<TrackId>) => void;
}) {
  const t = useT();
  const { state } = props.snapshot;
  const withClips = new Set<string>(state.clips.map((clip) => clip.trackId));
  if (state.tracks.length === 0) {
    return <p className="footnote">{t('export.noTracks')}</p>;
  }
  const toggle = (trackId: TrackId, include: boolean) => {
    const next = new Set(props.excluded);
    if (include) {
      next.delete(trackId);
    } else {
      next.add(trackId);
    }
    props.onChange(next);
  };
  return (
    <ul className="export-tracks" aria-label={t('export.trackList')}>
      {state.tracks.map((track, index) => {
        const empty = !withClips.has(track.id);
        const notes = [
          empty ? t('export.noClips') : null,
          track.mute ? t('export.muted') : null,
          track.solo ? t('export.solo') : null,
        ]
          .filter((note) => note !== null)
          .join(t('export.noteSeparator'));
        return (
          <li key={track.id}>
            <label className="export-check">
              <input
                type="checkbox"
                checked={!empty && !props.excluded.has(track.id)}
                disabled={empty}
                aria-label={t('export.stemOf', { n: index + 1, name: track.name })}
                onChange={(event) => {
                  toggle(track.id, event.target.checked);
                }}
              />
              <span
                className="export-swatch"
                style={{ background: track.color }}
                aria-hidden="true"
              />
              <span>{track.name}</span>
              {notes === '' ? null : <span className="muted">({notes})</span>}
            </label>
          </li>
        );
      })}
    </ul>
  );
}
