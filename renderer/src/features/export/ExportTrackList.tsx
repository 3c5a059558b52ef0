/** Which tracks get a stem: every track, in arrangement order, with why one cannot. */
import type { TrackId } from '../../../../app/model/ids.ts';
import type { ProjectSnapshot } from '../../../../app/model/project.ts';

export function ExportTrackList(props: {
  snapshot: ProjectSnapshot;
  excluded: ReadonlySet<TrackId>;
  onChange: (excluded: ReadonlySet<TrackId>) => void;
}) {
  const { state } = props.snapshot;
  const withClips = new Set<string>(state.clips.map((clip) => clip.trackId));
  if (state.tracks.length === 0) {
    return <p className="footnote">This project has no tracks yet.</p>;
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
    <ul className="export-tracks" aria-label="Tracks to export as stems">
      {state.tracks.map((track, index) => {
        const empty = !withClips.has(track.id);
        const notes = [
          empty ? 'no clips' : null,
          track.mute ? 'muted' : null,
          track.solo ? 'solo' : null,
        ]
          .filter((note) => note !== null)
          .join(', ');
        return (
          <li key={track.id}>
            <label className="export-check">
              <input
                type="checkbox"
                checked={!empty && !props.excluded.has(track.id)}
                disabled={empty}
                aria-label={`Stem of track ${index + 1}, ${track.name}`}
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
