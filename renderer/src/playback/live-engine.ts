/**
 * The live engine, loaded on demand (Tone.js is large and only needed once you press play):
 * a 48 kHz context, so studio audio plays sample for sample, with a short look-ahead.
 */
import * as Tone from 'tone';

import type { ChunkSource } from './media-chunks.ts';
import { PlaybackEngine } from './playback-engine.ts';

export async function createLiveEngine(chunks: ChunkSource): Promise<PlaybackEngine> {
  const context = new Tone.Context({
    latencyHint: 'interactive',
    lookAhead: 0.05,
    sampleRate: 48_000,
  } as never);
  Tone.setContext(context);
  await context.resume();
  return new PlaybackEngine(context, chunks);
}
