/**
 * A slider that shows its value live while dragged and commits once, when released (the DOM
 * change event), so a drag is one edit. Double-click resets to `resetValue`.
 */
import { type CSSProperties, useRef, useState } from 'react';

import { useNativeChange } from './use-native-change.ts';

export function CommitSlider(props: {
  value: number;
  min: number;
  max: number;
  step: number;
  label: string;
  format: (value: number) => string;
  onCommit: (value: number) => void;
  resetValue?: number;
  /** Where the filled part of the track starts: `min` (a level) or the centre (a pan). */
  origin?: number;
  className?: string;
}) {
  const ref = useRef<HTMLInputElement>(null);
  const [draft, setDraft] = useState<number | null>(null);
  const { value, onCommit, resetValue } = props;
  const shown = Math.min(props.max, Math.max(props.min, draft ?? value));
  const at = (v: number) => `${(((v - props.min) / (props.max - props.min)) * 100).toFixed(2)}%`;
  const origin = props.origin ?? props.min;
  const fill = {
    '--fill-from': at(Math.min(origin, shown)),
    '--fill-to': at(Math.max(origin, shown)),
  } as CSSProperties;
  useNativeChange(ref, (element) => {
    const next = Number(element.value);
    setDraft(null);
    if (next !== value) {
      onCommit(next);
    }
  });
  return (
    <span className={`slider ${props.className ?? ''}`}>
      <input
        ref={ref}
        type="range"
        min={props.min}
        max={props.max}
        step={props.step}
        value={shown}
        aria-label={props.label}
        aria-valuetext={props.format(shown)}
        style={fill}
        onChange={(event) => {
          setDraft(Number(event.target.value));
        }}
        onDoubleClick={() => {
          if (resetValue !== undefined && resetValue !== value) {
            setDraft(null);
            onCommit(resetValue);
          }
        }}
      />
      <output className="slider-readout" aria-hidden="true">
        {props.format(shown)}
      </output>
    </span>
  );
}
