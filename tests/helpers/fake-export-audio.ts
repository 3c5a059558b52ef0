/** A stand-in for the audio engine where a test checks what the export asks of it, not sound. */
import { StudioError } from '../../app/errors.ts';
import type { ExportAudioEngine, RenderRequest } from '../../main/core/export/export-audio.ts';

export interface FakeAudio extends ExportAudioEngine {
  renders: RenderRequest[];
  /** When set, render waits until the job is cancelled. */
  hang: boolean;
}

/** Renders a constant per call, encodes a small JSON description of what it was given. */
export function fakeAudio(): FakeAudio {
  const fake: FakeAudio = {
    renders: [],
    hang: false,
    async render(request, signal) {
      fake.renders.push(request);
      if (fake.hang) {
        await new Promise((_, reject) => {
          signal.addEventListener('abort', () => {
            reject(new StudioError('CANCELLED', 'stopped'));
          });
        });
      }
      const value = 0.01 * fake.renders.length;
      const channel = () => new Float32Array(request.frames).fill(value);
      return { sampleRate: 48_000, channels: [channel(), channel()] };
    },
    resample: (buffer, sampleRate, frames) =>
      Promise.resolve({
        sampleRate,
        channels: [new Float32Array(frames), new Float32Array(frames)],
      }),
    encode: (buffer, format, tags) =>
      Promise.resolve(
        Buffer.from(
          JSON.stringify({
            frames: buffer.channels[0].length,
            rate: buffer.sampleRate,
            container: format.container,
            title: tags.title,
            chunks: tags.wavChunks.map((chunk) => chunk.id),
          }),
        ),
      ),
  };
  return fake;
}
