/** The export's audio engine is the studio's: the shared renderer, resampler and encoders, streamed. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { AudioFormat } from '../../app/export/export-options.ts';
import { Clip, Track } from '../../app/model/project.ts';
import type { ExportAudioEngine, StereoBlock } from '../../main/core/export/export-audio.ts';
import { studioExportAudio } from '../../main/core/export/export-audio-engine.ts';
import { storeGeneratedAudio } from '../../main/core/media/generated-audio.ts';
import { renderProjectMix } from '../../main/core/media/project-mix.ts';
import { ffmpegDecode, hasFfmpeg, sine } from '../helpers/audio-fixtures.ts';
import { seededRandom } from '../helpers/random.ts';
import { startTestServices, type TestServices } from '../helpers/services.ts';

const random = seededRandom(9);
const signal = new AbortController().signal;
const chunks = { before: [{ id: 'acid', data: new Uint8Array(24) }], after: [] };

/** The whole stream joined into one left and one right channel. */
async function collect(blocks: AsyncIterable<StereoBlock>): Promise<StereoBlock> {
  const parts: StereoBlock[] = [];
  for await (const block of blocks) {
    parts.push(block);
  }
  const join = (c: 0 | 1) => Float32Array.from(parts.flatMap((part) => [...part[c]]));
  return [join(0), join(1)];
}

describe('studioExportAudio', () => {
  let env: TestServices;
  let engine: ExportAudioEngine;
  let projectId: Awaited<ReturnType<TestServices['services']['library']['create']>>['projectId'];

  beforeEach(async () => {
    expect(hasFfmpeg()).toBe(true);
    env = await startTestServices();
    engine = studioExportAudio(env.services.library);
    ({ projectId } = await env.services.library.create({ name: 'Export' }));
    const session = env.services.library.session(projectId);
    const tone = Float32Array.from(sine(96_000, 440, 48_000, 0.5));
    const { media } = await storeGeneratedAudio(session.audio, { left: tone, right: tone }, null, {
      name: 'tone',
    });
    const track = Track.parse({
      id: random.uuid(), name: 'Bass', instrument: { kind: 'ace', trackClass: 'bass' }, color: '#e0685b',
      gainDb: 0, pan: 0, mute: false, solo: false,
    }); // prettier-ignore
    const clip = Clip.parse({
      id: random.uuid(), trackId: track.id, start: 0, length: 960 * 4, mediaHash: media.hash,
      sourceOffset: 0, gainDb: 0, fadeIn: 0, fadeOut: 0, name: 'tone',
    }); // prettier-ignore
    env.services.library.applyEdits(projectId, 0, [
      { op: 'track.add', track, index: 0 },
      { op: 'clip.add', clip },
    ]);
  });
  afterEach(async () => {
    await env.cleanup();
  });

  it('renders what the studio renders, and resamples to an exact length', async () => {
    const session = env.services.library.session(projectId);
    const request = {
      projectId,
      state: session.state,
      trackIds: session.state.tracks.map((t) => t.id),
      range: { start: 100, end: 50_100 },
    };
    const rendered = await collect(engine.render(request, signal));
    const [left] = await renderProjectMix(session, {
      trackIds: 'all',
      range: { start: 100, end: 50_100 },
    });
    expect(Buffer.from(rendered[0].buffer).equals(Buffer.from(left.buffer))).toBe(true);
    const cd = await collect(
      engine.resample(engine.render(request, signal), 44_100, 45_938, signal),
    );
    expect(cd[0].length).toBe(45_938);
    // The tone is still a 440 Hz sine at 0.5 (phase shifted by the 100-frame start).
    const peak = Math.max(...cd[0].subarray(1000, 44_000));
    expect(peak).toBeCloseTo(0.5, 2);
  });

  const formats: [string, AudioFormat][] = [
    ['wav', { container: 'wav', sampleFormat: 'int24' }],
    ['flac', { container: 'flac', sampleFormat: 'int16' }],
    ['mp3', { container: 'mp3', bitrateKbps: 192 }],
  ];

  it.each(formats)(
    'encodes %s decodable to the same length (tags: tests/integration/daw-export.test.ts)',
    async (ext, format) => {
      const session = env.services.library.session(projectId);
      const blocks = engine.render(
        {
          projectId,
          state: session.state,
          trackIds: session.state.tracks.map((t) => t.id),
          range: { start: 0, end: 48_000 },
        },
        signal,
      );
      const path = join(env.dataDir, `stem.${ext}`);
      const size = await engine.encode(path, blocks, format, 48_000, chunks, signal);
      const bytes = await readFile(path);
      expect(bytes.length).toBe(size);
      const decoded = await ffmpegDecode(path);
      expect(decoded).toMatchObject({ rate: 48_000, channels: 2 });
      expect(decoded.samples.length).toBe(96_000);
      if (ext === 'wav') {
        expect(Buffer.from(bytes).includes(Buffer.from('acid'))).toBe(true);
      }
    },
  );
});
