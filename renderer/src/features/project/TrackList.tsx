/** The track list (mixer view): one row per track, in order, with reordering by drag or keys. */
import type { EditOp } from '../../../../app/model/edits.ts';
import type { ProjectSnapshot } from '../../../../app/model/project.ts';
import { AddTrackForm } from './AddTrackForm.tsx';
import { TrackRow } from './TrackRow.tsx';
import { useTrackDrag } from './use-track-drag.ts';

export function TrackList(props: { snapshot: ProjectSnapshot; onEdit: (edits: EditOp[]) => void }) {
  const { tracks, clips, meta } = props.snapshot.state;
  const { onEdit } = props;
  const drag = useTrackDrag((from, toIndex) => {
    const track = tracks[from];
    if (track !== undefined) {
      onEdit([{ op: 'track.move', trackId: track.id, toIndex }]);
    }
  });
  const soloed = tracks.some((track) => track.solo);
  return (
    <section className="tracks" aria-labelledby="tracks-title">
      <div className="section-head">
        <h2 id="tracks-title">
          Tracks <span className="count">{tracks.length}</span>
        </h2>
        {soloed ? <span className="chip chip-solo">Solo active</span> : null}
        <div className="section-head-spacer" />
        <AddTrackForm tracks={tracks} onEdit={onEdit} />
      </div>
      {tracks.length === 0 ? (
        <div className="empty-state">
          <h3>No tracks yet</h3>
          <p>Add a track for each part of the song: vocals, drums, bass, keys…</p>
        </div>
      ) : (
        <>
          <div className="track-columns" aria-hidden="true">
            <span />
            <span />
            <span>Name</span>
            <span>Instrument</span>
            <span>M / S</span>
            <span>Volume</span>
            <span>Pan</span>
            <span />
          </div>
          <ol className="track-list" aria-label="Tracks">
            {tracks.map((track, index) => (
              <TrackRow
                key={track.id}
                track={track}
                index={index}
                count={tracks.length}
                clips={clips.filter((clip) => clip.trackId === track.id)}
                signature={meta.timeSignature}
                onEdit={onEdit}
                drag={drag(index)}
                silenced={soloed && !track.solo}
              />
            ))}
          </ol>
          {clips.length === 0 ? (
            <p className="footnote">
              Clips you generate or import will be listed under their track.
            </p>
          ) : null}
        </>
      )}
    </section>
  );
}
