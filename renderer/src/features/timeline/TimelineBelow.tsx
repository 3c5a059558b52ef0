/** Under the last track: the new-track drop lane while importing, or the empty project's hint. */
import { useT } from '../../i18n/I18nProvider.tsx';
import { ImportGhost } from './ImportGhost.tsx';
import { useTimelineValue } from './timeline-store.ts';
import { ticksToPx, type Viewport } from './viewport.ts';

export function TimelineBelow(props: { viewport: Viewport; trackCount: number }) {
  const t = useT();
  const imports = useTimelineValue((s) => s.imports);
  const dropTarget = useTimelineValue((s) => s.dropTarget);
  const below = imports.filter((pending) => pending.row < 0);
  return (
    <div className="timeline-below" data-testid="timeline-below">
      {dropTarget?.row === -1 || below.length > 0 ? (
        <div className="timeline-new-lane">
          {dropTarget?.row === -1 ? (
            <div className="drop-marker" style={{ left: ticksToPx(dropTarget.at, props.viewport) }}>
              {t('import.dropNewTrack')}
            </div>
          ) : null}
          {below.map((pending) => (
            <ImportGhost
              key={pending.id}
              pending={pending}
              left={ticksToPx(pending.at, props.viewport)}
            />
          ))}
        </div>
      ) : null}
      {props.trackCount === 0 ? (
        <div className="timeline-empty">
          <h3>{t('timeline.emptyTitle')}</h3>
          <p>{t('timeline.emptyHint')}</p>
        </div>
      ) : null}
    </div>
  );
}
