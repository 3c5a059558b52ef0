import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { MediaHash, TrackId } from '../../../../app/model/ids.ts';
import { Clip, type ProjectState, Track } from '../../../../app/model/project.ts';
import { type AudioProject, startAudioProject } from '../../../../tests/helpers/audio-project.ts';
import { emptyState } from '../../../../tests/helpers/project-fixtures.ts';
import { seededRandom } from '../../../../tests/helpers/random.ts';
import { storeGeneratedAudio } from '../../media/generated-audio.ts';
import { MIX_BLOCK_FRAMES, type MixRequest, renderMix, renderMixBlocks } from './mix-renderer.ts';

let project: AudioProject;
/** Source whose sample i is i·1e-6 (left) and -i·1e-6 (right): each value names its index. */
let ramp: MediaHash;
const RAMP_FRAMES = 200_000;
const random = seededRandom(5);

beforeEach(async () => {
  project = await startAudioProject();
  const left = Float32Array.from({ length: RAMP_FRAMES }, (_, i) => i * 1e-6);
  const right = Float32Array.from({ length: RAMP_FRAMES }, (_, i) => -i * 1e-6);
  ramp = (
    await storeGeneratedAudio(project.session().audio, { left, right }, null, { name: 'ramp' })
  ).media.hash;
});
afterEach(async () => {
  await project.cleanup();
});

const track = (fields: Partial<Record<keyof Track, unknown>> = {}): Track =>
  Track.parse({
    id: random.uuid(),
    name: 'T',
    instrument: { kind: 'ace', trackClass: 'drums' },
    color: '#e0685b',
    gainDb: 0,
    pan: 0,
    mute: false,
    solo: false,
    ...fields,
  });

const clip = (trackId: TrackId, fields: Partial<Record<keyof Clip, unknown>> = {}): Clip =>
  Clip.parse({
    id: random.uuid(),
    trackId,
    start: 0,
    length: 960,
    mediaHash: ramp,
    sourceOffset: 0,
    gainDb: 0,
    fadeIn: 0,
    fadeOut: 0,
    name: 'C',
    ...fields,
  });

const state = (tracks: Track[], clips: Clip[]): ProjectState => ({
  ...emptyState(),
  tracks,
  clips,
});

const render = (request: Omit<MixRequest, 'trackIds'> & { trackIds?: MixRequest['trackIds'] }) =>
  renderMix((hash) => project.session().audio.openReader(hash), { trackIds: 'all', ...request });

const f = Math.fround;

describe('the offline mix renderer', () => {
  it('places a clip sample-accurately: timeline position, length and source offset', async () => {
    // 120 bpm: 960 ticks = 0.5 s = 24 000 samples; 480 ticks = 12 000 samples.
    const t = track();
    const s = state([t], [clip(t.id, { start: 960, length: 480, sourceOffset: 100 })]);
    const [l, r] = await render({ state: s, range: { start: 23_990, end: 36_010 } });
    expect(l[9]).toBe(0);
    expect(l[10]).toBe(f(100 * 1e-6));
    expect(r[10]).toBe(f(-100 * 1e-6));
    expect(l[10 + 11_999]).toBe(f((100 + 11_999) * 1e-6));
    expect(l[10 + 12_000]).toBe(0);
  });

  it('applies clip gain, track gain and linear fades', async () => {
    const t = track({ gainDb: 12 });
    const c = clip(t.id, {
      start: 0,
      length: 960,
      sourceOffset: 10_000,
      gainDb: -6,
      fadeIn: 1000,
      fadeOut: 2000,
    });
    const [l] = await render({ state: state([t], [c]), range: { start: 0, end: 24_000 } });
    const gain = 10 ** (12 / 20) * 10 ** (-6 / 20);
    const source = (i: number) => f((10_000 + i) * 1e-6);
    expect(l[500]).toBeCloseTo(source(500) * gain * 0.5, 6);
    expect(l[5000]).toBeCloseTo(source(5000) * gain, 6);
    expect(l[0]).toBe(0);
    // Fade-out: 2000 samples before the end (24 000) the ramp is at 1; 500 before it is at 0.25.
    expect(l[22_000]).toBeCloseTo(source(22_000) * gain, 6);
    expect(l[23_500]).toBeCloseTo(source(23_500) * gain * 0.25, 6);
  });

  it('pans with the stereo law: hard left folds the right channel into the left', async () => {
    const t = track({ pan: -1 });
    const [l, r] = await render({
      state: state([t], [clip(t.id, { sourceOffset: 5000 })]),
      range: { start: 0, end: 100 },
    });
    // left = L + R = i·1e-6 - i·1e-6 = 0 (up to float rounding); right = 0.
    expect(Math.abs(l[50] as number)).toBeLessThan(1e-9);
    expect(Math.abs(r[50] as number)).toBeLessThan(1e-9);
    const half = track({ pan: 0.5 });
    const [hl, hr] = await render({
      state: state([half], [clip(half.id, { sourceOffset: 5000 })]),
      range: { start: 0, end: 100 },
    });
    const x = f(5050 * 1e-6);
    expect(hl[50]).toBeCloseTo(x * Math.SQRT1_2, 7);
    expect(hr[50]).toBeCloseTo(-x + x * Math.SQRT1_2, 7);
  });

  it('honours mute and solo, and ignores them for stems when asked', async () => {
    const [a, b, c] = [track(), track({ solo: true }), track({ mute: true })];
    const clips = [
      clip(a.id, { sourceOffset: 1000 }),
      clip(b.id, { sourceOffset: 2000 }),
      clip(c.id, { sourceOffset: 4000 }),
    ];
    const s = state([a, b, c], clips);
    const [soloed] = await render({ state: s, range: { start: 0, end: 10 } });
    expect(soloed[0]).toBe(f(2000 * 1e-6));
    const [all] = await render({ state: s, range: { start: 0, end: 10 }, respectMuteSolo: false });
    expect(all[0]).toBeCloseTo(7000 * 1e-6, 8);
    const [onlyA] = await render({
      state: s,
      range: { start: 0, end: 10 },
      trackIds: [a.id],
      respectMuteSolo: false,
    });
    expect(onlyA[0]).toBe(f(1000 * 1e-6));
  });

  it('sums overlapping clips and plays silence past the end of their media', async () => {
    const t = track();
    const late = clip(t.id, { start: 0, length: 960 * 8, sourceOffset: RAMP_FRAMES - 10 });
    const other = clip(t.id, { start: 0, length: 960, sourceOffset: 0 });
    const [l] = await render({ state: state([t], [late, other]), range: { start: 0, end: 20 } });
    expect(l[5]).toBeCloseTo((RAMP_FRAMES - 10 + 5) * 1e-6 + 5 * 1e-6, 8);
    expect(l[15]).toBe(f(15 * 1e-6));
  });

  it('streams the same samples in blocks as in one piece, across block edges', async () => {
    const t = track({ gainDb: -3, pan: 0.3 });
    const s = state(
      [t],
      [clip(t.id, { start: 960, length: 960 * 6, sourceOffset: 7, fadeIn: 3000, fadeOut: 3000 })],
    );
    const range = { start: 1000, end: 1000 + MIX_BLOCK_FRAMES * 2 + 17 };
    const [whole] = await render({ state: s, range });
    const pieces: Float32Array[] = [];
    for await (const [l] of renderMixBlocks((h) => project.session().audio.openReader(h), {
      state: s,
      trackIds: 'all',
      range,
    })) {
      pieces.push(l);
    }
    expect(pieces.map((p) => p.length)).toEqual([MIX_BLOCK_FRAMES, MIX_BLOCK_FRAMES, 17]);
    const joined = new Float32Array(whole.length);
    pieces.reduce((at, p) => (joined.set(p, at), at + p.length), 0);
    expect(Buffer.from(joined.buffer).equals(Buffer.from(whole.buffer))).toBe(true);
  });

  it('refuses unknown tracks and bad ranges', async () => {
    const s = state([track()], []);
    await expect(
      render({ state: s, range: { start: 0, end: 10 }, trackIds: [random.uuid() as TrackId] }),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    await expect(render({ state: s, range: { start: 10, end: 5 } })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
  });
});
