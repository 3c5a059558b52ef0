/** A stand-in for the audio engine where a test checks what the export asks of it, not sound. */
import { writeFile } from 'node:fs/promises';

import { StudioError } from '../../app/errors.ts';
import type {
  ExportAudioEngine,
  RenderRequest,
  StereoBlock,
} from '../../main/core/export/export-audio.ts';

export interface FakeAudio extends ExportAudioEngine {
  renders: RenderRequest[];
  /** When set, rendering waits until the job is cancelled. */
  hang: boolean;
  /** When set, encoding writes part of its file, then fails as a full disk does. */
  failEncode: boolean;
}

/**
 * Renders a constant per call in two blocks; "encodes" a small JSON description of what it was
 * given (frames, rate, format, chunk ids), so tests can read back what each file received.
 */
export function fakeAudio(): FakeAudio {
  const fake: FakeAudio = {
    renders: [],
    hang: false,
    failEncode: false,
    async *render(request, signal) {
      fake.renders.push(request);
      if (fake.hang) {
        await new Promise((_, reject) => {
          signal.addEventListener('abort', () => {
            reject(new StudioError('CANCELLED', 'stopped'));
          });
        });
      }
      const value = 0.01 * fake.renders.length;
      const frames = request.range.end - request.range.start;
      const half = Math.floor(frames / 2);
      for (const length of [half, frames - half]) {
        const block: StereoBlock = [
          new Float32Array(length).fill(value),
          new Float32Array(length).fill(value),
        ];
        yield block;
      }
    },
    async *resample(blocks, _sampleRate, frames) {
      let consumed = 0;
      for await (const block of blocks) {
        consumed += block[0].length;
      }
      if (consumed === 0) {
        throw new StudioError('INTERNAL', 'fake resample: no input');
      }
      yield [new Float32Array(frames), new Float32Array(frames)] as StereoBlock;
    },
    async encode(path, blocks, format, sampleRate, wavChunks) {
      let frames = 0;
      for await (const block of blocks) {
        frames += block[0].length;
      }
      if (fake.failEncode) {
        await writeFile(path, 'partial');
        throw new StudioError(
          'STORAGE_FAILED',
          'The disk is full: the audio file could not be written.',
          {
            errno: 'ENOSPC',
          },
        );
      }
      const description = JSON.stringify({
        frames,
        rate: sampleRate,
        container: format.container,
        chunks: [...wavChunks.before, ...wavChunks.after].map((chunk) => chunk.id),
      });
      await writeFile(path, description);
      return Buffer.byteLength(description);
    },
  };
  return fake;
}
