/**
 * After a trim was released past a clip's audio: a small offer where the pointer was let go to
 * generate the missing part. "Extend…" selects the clip and opens the generation panel's extend
 * form with that side and length; Escape, "Not now" or the next gesture dismiss it.
 */
import { useEffect } from 'react';
import { createPortal } from 'react-dom';

import { ticksToSeconds } from '../../../../app/timeline/tempo.ts';
import { useT } from '../../i18n/I18nProvider.tsx';
import { useWorkflowPanel } from '../generate/workflow-panel-context.ts';
import { useTimelineActions } from './timeline-actions.ts';
import { useTimeline, useTimelineValue } from './timeline-store.ts';

/** Keeps the offer on screen near a release point at the window's edge. */
const OFFER_WIDTH_PX = 320;

export function ExtendOfferPopover() {
  const t = useT();
  const timeline = useTimeline();
  const actions = useTimelineActions();
  const panel = useWorkflowPanel();
  const offer = useTimelineValue((s) => s.extendOffer);
  useEffect(() => {
    if (offer === null) {
      return undefined;
    }
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        timeline.state.set({ extendOffer: null });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
    };
  }, [offer, timeline]);
  const state = actions.state();
  const clip = offer === null ? undefined : state.clips.find((c) => c.id === offer.clipId);
  if (offer === null || clip === undefined || panel === null) {
    return null;
  }
  const seconds = ticksToSeconds(offer.length, state.meta.tempo);
  const dismiss = () => {
    timeline.state.set({ extendOffer: null });
  };
  const extend = () => {
    timeline.state.set({ extendOffer: null, selectedClipIds: [clip.id], focusedClipId: clip.id });
    panel.proposeExtend({ clipId: clip.id, side: offer.side, seconds });
    panel.open('extend');
  };
  const key = offer.side === 'start' ? 'clip.extendOfferBefore' : 'clip.extendOffer';
  // On the body, above the generation panel (the timeline is its own stacking context).
  return createPortal(
    <div
      className="extend-offer"
      role="dialog"
      aria-label={t('clip.extendOpen')}
      data-testid="extend-offer"
      style={{
        left: Math.max(8, Math.min(offer.x, window.innerWidth - OFFER_WIDTH_PX - 8)),
        top: offer.y + 12,
        width: OFFER_WIDTH_PX,
      }}
    >
      <p>{t(key, { name: clip.name, seconds: seconds.toFixed(1) })}</p>
      <div className="extend-offer-actions">
        <button type="button" className="button" onClick={dismiss}>
          {t('clip.extendDismiss')}
        </button>
        <button type="button" className="button button-primary" autoFocus onClick={extend}>
          {t('clip.extendOpen')}
        </button>
      </div>
    </div>,
    document.body,
  );
}
