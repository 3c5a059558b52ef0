/**
 * What a song holds besides audio that an export carries: section markers (for the tempo map
 * and project files) and timed lyrics (for the LRC). Pure, so the dialog and the job agree.
 */
import type { ProjectState } from '../model/project.ts';

export interface TimedLyricLine {
  /** When the line starts, in seconds from the song's start. */
  start: number;
  text: string;
}

export interface SectionMarker {
  /** Position on the timeline, in ticks. */
  tick: number;
  name: string;
}

export interface SongTimeline {
  markers: readonly SectionMarker[];
  lyrics: readonly TimedLyricLine[];
}

/**
 * The sections and timed lyrics of a project. The project model has neither yet, so exports
 * carry no markers and no LRC until it does; this is the one place to read them from then.
 */
export function songTimelineOf(_state: ProjectState): SongTimeline {
  return { markers: [], lyrics: [] };
}
