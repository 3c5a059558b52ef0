/**
 * The list view: one row per track, in order, with its controls and a table of its clips, for
 * screen readers and keyboards. Reordering by drag or keys, like the timeline.
 */
import type { EditOp } from '../../../../app/model/edits.ts';
import type { ProjectSnapshot } from '../../../../app/model/project.ts';
import { useT } from '../../i18n/I18nProvider.tsx';
import { ClipTable } from '../timeline/ClipTable.tsx';
import { TrackRow } from './TrackRow.tsx';
import { useTrackDrag } from './use-track-drag.ts';

export function TrackList(props: {
  snapshot: ProjectSnapshot;
  onEdit: (edits: EditOp[], label?: string) => void;
}) {
  const t = useT();
  const { state } = props.snapshot;
  const { tracks, clips } = state;
  const { onEdit } = props;
  const moveTrack = (from: number, toIndex: number) => {
    const track = tracks[from];
    if (track !== undefined) {
      onEdit([{ op: 'track.move', trackId: track.id, toIndex }]);
    }
  };
  const drag = useTrackDrag(moveTrack, tracks.length);
  const soloed = tracks.some((track) => track.solo);
  return (
    <section className="tracks" aria-labelledby="tracks-title" data-native-keys>
      <div className="section-head">
        <h2 id="tracks-title">
          {t('timeline.tracks')} <span className="count">{tracks.length}</span>
        </h2>
      </div>
      {tracks.length === 0 ? (
        <div className="empty-state">
          <h3>{t('timeline.emptyTitle')}</h3>
          <p>{t('timeline.emptyHint')}</p>
        </div>
      ) : (
        <>
          <div className="track-columns" aria-hidden="true">
            <span />
            <span />
            <span>{t('list.name')}</span>
            <span>{t('list.instrument')}</span>
            <span>{t('list.muteSolo')}</span>
            <span>{t('list.volume')}</span>
            <span>{t('list.pan')}</span>
            <span />
          </div>
          <ol className="track-list" aria-label={t('timeline.tracks')}>
            {tracks.map((track, index) => (
              <TrackRow
                key={track.id}
                track={track}
                index={index}
                count={tracks.length}
                onEdit={onEdit}
                drag={drag(index)}
                silenced={soloed && !track.solo}
              >
                <ClipTable
                  clips={clips.filter((clip) => clip.trackId === track.id)}
                  state={state}
                  trackName={track.name}
                  onEdit={onEdit}
                />
              </TrackRow>
            ))}
          </ol>
          {clips.length === 0 ? <p className="footnote">{t('list.footnote')}</p> : null}
        </>
      )}
    </section>
  );
}
