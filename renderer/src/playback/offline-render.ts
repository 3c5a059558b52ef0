/**
 * Renders a stretch of the timeline with the playback engine on Tone.Offline: the same graph
 * and scheduling as live playback, faster than real time. The parity test compares this with
 * the main process's mix renderer.
 */
import * as Tone from 'tone';

import type { ProjectState } from '../../../app/model/project.ts';
import { STUDIO_SAMPLE_RATE } from '../../../app/timeline/units.ts';
import type { ChunkSource } from './media-chunks.ts';
import { PlaybackEngine } from './playback-engine.ts';

/**
 * Timeline samples [start, end) of `state`, as 48 kHz stereo float; with `loop`, playback from
 * `start` loops over those timeline samples, as the transport's loop does live.
 */
export async function renderOffline(
  state: ProjectState,
  chunks: ChunkSource,
  range: { start: number; end: number },
  options: { loop?: { start: number; end: number } } = {},
): Promise<[Float32Array, Float32Array]> {
  const frames = range.end - range.start;
  const rendered = await Tone.Offline(
    async (context) => {
      const engine = new PlaybackEngine(context, chunks);
      engine.setProject(state);
      engine.setLoop(options.loop ?? null);
      await engine.play(range.start, { at: 0, until: range.end });
    },
    frames / STUDIO_SAMPLE_RATE,
    2,
    STUDIO_SAMPLE_RATE,
  );
  return [rendered.getChannelData(0), rendered.getChannelData(1)];
}
