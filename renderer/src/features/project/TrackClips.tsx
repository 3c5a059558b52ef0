/** The clips on one track, in timeline order: name, start (bar.beat) and length. */
import type { Clip, TimeSignature } from '../../../../app/model/project.ts';
import { formatBarsBeats } from '../../../../app/timeline/musical-time.ts';
import { formatLength } from './track-format.ts';

export function TrackClips(props: { clips: readonly Clip[]; signature: TimeSignature }) {
  if (props.clips.length === 0) {
    return null;
  }
  const ordered = [...props.clips].sort((a, b) => a.start - b.start);
  return (
    <ul className="clip-list" aria-label="Clips">
      {ordered.map((clip) => (
        <li key={clip.id} className="clip-chip">
          <span className="clip-name">{clip.name}</span>
          <span className="clip-pos" title="Start (bar.beat)">
            {formatBarsBeats(clip.start, props.signature)}
          </span>
          <span className="clip-len">{formatLength(clip.length, props.signature)}</span>
        </li>
      ))}
    </ul>
  );
}
