/**
 * One clip on its lane: name and gain, the waveform, fade curves, and the handles that trim,
 * fade and change gain. Positions come from the model through the viewport; a clip is an
 * option of its lane's listbox, so it can be focused, selected and moved from the keyboard.
 */
import { memo, type PointerEvent, type ReactNode } from 'react';

import type { Clip } from '../../../../app/model/project.ts';
import { formatBarsBeats, type TimeSignature } from '../../../../app/timeline/musical-time.ts';
import { samplesToSeconds } from '../../../../app/timeline/tempo.ts';
import type { SampleRate } from '../../../../app/timeline/units.ts';
import { useT } from '../../i18n/I18nProvider.tsx';
import { DragOutHandle } from '../export/DragOutHandle.tsx';
import { formatGain, formatLength } from '../project/track-format.ts';
import { ExtendGhost } from './ExtendGhost.tsx';
import { type ClipPart, useClipGestures } from './use-clip-gestures.ts';
import { ticksToPx, type Viewport } from './viewport.ts';

/** Handles need room: below this width a clip shows only its body. */
const MIN_HANDLES_PX = 28;

function FadeShape(props: { width: number; side: 'in' | 'out' }) {
  if (props.width < 1) {
    return null;
  }
  const w = props.width;
  // The darkened area outside the fade's gain curve (drawn linear in dB-free terms).
  const path = props.side === 'in' ? `M0,0 L${w},0 L0,100 Z` : `M0,0 L${w},0 L${w},100 Z`;
  return (
    <svg
      className={`clip-fade clip-fade-${props.side}`}
      style={{ width: w }}
      viewBox={`0 0 ${w} 100`}
      preserveAspectRatio="none"
      aria-hidden="true"
    >
      <path d={path} />
    </svg>
  );
}

export const ClipView = memo(function ClipView(props: {
  clip: Clip;
  trackName: string;
  viewport: Viewport;
  signature: TimeSignature;
  rate: SampleRate;
  selected: boolean;
  tabbable: boolean;
  dragging: boolean;
  children?: ReactNode;
}) {
  const t = useT();
  const onGesture = useClipGestures();
  const { clip, viewport, rate } = props;
  const left = ticksToPx(clip.start, viewport);
  const width = Math.max(2, ticksToPx(clip.length, viewport));
  const fadeInPx = samplesToSeconds(clip.fadeIn, rate) * viewport.pxPerSecond;
  const fadeOutPx = samplesToSeconds(clip.fadeOut, rate) * viewport.pxPerSecond;
  const handles = width >= MIN_HANDLES_PX;
  const press = (part: ClipPart) => (event: PointerEvent<HTMLElement>) => {
    onGesture(event, clip, part);
  };
  const classes = ['clip'];
  if (props.selected) {
    classes.push('is-selected');
  }
  if (props.dragging) {
    classes.push('is-dragging');
  }
  return (
    <>
      <div
        className={classes.join(' ')}
        role="option"
        aria-selected={props.selected}
        aria-label={t('clip.label', {
          name: clip.name,
          start: formatBarsBeats(clip.start, props.signature),
          length: formatLength(clip.length, props.signature),
          gain: formatGain(clip.gainDb),
        })}
        tabIndex={props.tabbable ? 0 : -1}
        data-clip-id={clip.id}
        data-testid="clip"
        style={{ left, width }}
        onPointerDown={press('body')}
      >
        <div className="clip-head" aria-hidden="true">
          <span className="clip-title">{clip.name}</span>
          <DragOutHandle
            target={{ kind: 'clip', clipId: clip.id }}
            label={t('export.dragClip', { name: clip.name })}
          />
          {clip.gainDb === 0 ? null : (
            <span className="clip-gain-readout">{formatGain(clip.gainDb)}</span>
          )}
        </div>
        <div className="clip-body">
          {props.children}
          <FadeShape width={Math.min(width, fadeInPx)} side="in" />
          <FadeShape width={Math.min(width, fadeOutPx)} side="out" />
        </div>
        {handles ? (
          <>
            <div
              className="clip-trim clip-trim-start"
              title={t('clip.trimHint')}
              onPointerDown={press('trim-start')}
            />
            <div
              className="clip-trim clip-trim-end"
              title={t('clip.trimHint')}
              onPointerDown={press('trim-end')}
            />
            <div
              className="clip-fade-handle clip-fade-handle-in"
              style={{ left: Math.min(width - 8, fadeInPx) }}
              title={t('clip.fadeInHint')}
              onPointerDown={press('fade-in')}
            />
            <div
              className="clip-fade-handle clip-fade-handle-out"
              style={{ right: Math.min(width - 8, fadeOutPx) }}
              title={t('clip.fadeOutHint')}
              onPointerDown={press('fade-out')}
            />
            <div
              className="clip-gain-handle"
              title={t('clip.gainHint')}
              onPointerDown={press('gain')}
            />
          </>
        ) : null}
      </div>
      <ExtendGhost clip={clip} viewport={viewport} />
    </>
  );
});
