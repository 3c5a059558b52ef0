/**
 * While a clip's edge is dragged past its audio, the part the trim cannot reach is shown as a
 * hatched ghost beside the clip with the length that "extend" would generate.
 */
import type { Clip } from '../../../../app/model/project.ts';
import { ticksToSeconds } from '../../../../app/timeline/tempo.ts';
import { ticks } from '../../../../app/timeline/units.ts';
import { useT } from '../../i18n/I18nProvider.tsx';
import { extendOverhang } from './clip-drag.ts';
import { useTimelineActions } from './timeline-actions.ts';
import { useTimelineValue } from './timeline-store.ts';
import { ticksToPx, type Viewport } from './viewport.ts';

export function ExtendGhost(props: { clip: Clip; viewport: Viewport }) {
  const t = useT();
  const actions = useTimelineActions();
  const { clip, viewport } = props;
  // Only the clip being trimmed re-renders while the pointer moves.
  const drag = useTimelineValue((s) =>
    (s.clipDrag?.kind === 'trim-start' || s.clipDrag?.kind === 'trim-end') &&
    s.clipDrag.clipId === clip.id
      ? s.clipDrag
      : null,
  );
  if (drag === null) {
    return null;
  }
  const state = actions.state();
  const overhang = extendOverhang(
    { state, selected: [], sourceLength: actions.sourceLength },
    drag,
  );
  if (overhang === null) {
    return null;
  }
  const from = drag.kind === 'trim-start' ? Math.max(0, drag.start) : drag.end - overhang.length;
  const secondsText = ticksToSeconds(overhang.length, state.meta.tempo).toFixed(1);
  return (
    <div
      className="clip-extend-ghost"
      data-testid="extend-ghost"
      aria-hidden="true"
      style={{
        left: ticksToPx(ticks(from), viewport),
        width: Math.max(2, ticksToPx(overhang.length, viewport)),
      }}
    >
      <span>{t('clip.extendGhost', { seconds: secondsText })}</span>
    </div>
  );
}
