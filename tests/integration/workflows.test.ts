/**
 * The timeline workflows through the contract, on analytic packs in the real inference
 * process. The analytic DiT lands every step on (context source + h), h a per-channel constant
 * of the prompt, and the analytic VAE is exact for audio constant over each 1920-sample hop,
 * so what each workflow places can be checked sample by sample: where it lands, what it
 * heard, that repaint leaves everything outside its region untouched, that the residual is
 * the source minus the stems, and that one undo removes it all.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { clipSpan } from '../../app/audio/mix-laws.ts';
import type { ClipId, TrackId } from '../../app/model/ids.ts';
import type { Clip, ProjectState } from '../../app/model/project.ts';
import { activeTakeIndex, chooseTake, takesOf } from '../../app/model/takes.ts';
import type { Ticks } from '../../app/timeline/units.ts';
import type { ClipLineageView } from '../../app/workflows/workflow-result.ts';
import { renderMix } from '../../main/core/audio/mix/mix-renderer.ts';
import { hopAudio, startWorkflowStudio, type WorkflowStudio } from '../helpers/workflow-studio.ts';

const HOP = 1920;
/** 120 bpm: one second is 1920 ticks and 48,000 samples (25 samples a tick). */
const SECOND = 1920 as Ticks;
const at = (seconds: number) => Math.round(seconds * SECOND) as Ticks;

let studio: WorkflowStudio;
let drums: TrackId;
let vocals: TrackId;
let drumClip: Clip;
let vocalClip: Clip;

const level = (h: number, c: 0 | 1) => (c === 0 ? ((h % 7) - 3) / 16 : ((h % 5) - 2) / 32);

beforeAll(async () => {
  studio = await startWorkflowStudio();
  drums = studio.addTrack('Drums', 'drums');
  vocals = studio.addTrack('Vocals', 'vocals');
  drumClip = await studio.addClip(drums, hopAudio(6 * 48_000, level), 0 as Ticks, { name: 'Beat' });
  vocalClip = await studio.addClip(
    vocals,
    hopAudio(4 * 48_000, (h, c) => (c === 0 ? 0.25 : -0.125) * ((h % 3) - 1)),
    at(1),
    { name: 'Lead' },
  );
}, 120_000);

afterAll(async () => {
  await studio.dispose();
});

/** The project without what a run added: undo must give exactly the state before. */
async function expectUndoRestores(before: ProjectState, revisionAfter: number): Promise<void> {
  expect(studio.revision()).toBe(revisionAfter);
  await studio.call('project.undo', { projectId: studio.projectId });
  expect(studio.state()).toEqual(before);
}

async function mixOf(state: ProjectState, trackIds: TrackId[], start: number, end: number) {
  const session = studio.services.library.session(studio.projectId);
  return renderMix((hash) => session.audio.openReader(hash), {
    state,
    trackIds,
    range: { start, end },
    respectMuteSolo: false,
  });
}

const clipOf = (id: ClipId) => studio.state().clips.find((clip) => clip.id === id);

describe('generate', () => {
  it('places a batch as takes of one clip on a new track, with lineage; undo removes it', async () => {
    const before = studio.state();
    const { finished, result, progress } = await studio.run({
      kind: 'generate',
      caption: 'warm synth pads',
      instrumental: true,
      durationSeconds: 4,
      at: at(2),
      settings: { batchSize: 2, seeds: [5] },
    });
    expect(finished.error).toBeNull();
    expect(result.trackIds).toHaveLength(1);
    const clip = clipOf(result.clipIds[0]!)!;
    expect(clip).toMatchObject({
      trackId: result.trackIds[0],
      start: at(2),
      length: at(4),
      sourceOffset: 0,
    });
    const takes = takesOf(studio.state(), clip.id);
    expect(takes.map((take) => take.seed)).toEqual([5, 6]);
    // The analytic song is constant over time (DC): BS.1770's K-weighting hears nothing.
    expect(takes.map((take) => take.loudnessLufs)).toEqual([null, null]);
    expect(activeTakeIndex(studio.state(), clip.id)).toBe(0);
    // Staged progress in plan order (events are throttled, so fast phases may not show).
    const order = ['prepare', 'load', 'encode', 'diffuse', 'decode', 'write'];
    const ranks = progress.map((p) => order.indexOf(p.phase));
    expect(ranks.every((rank) => rank >= 0)).toBe(true);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    const overall = progress.map((p) => p.overall);
    expect(overall).toEqual([...overall].sort((a, b) => a - b));

    const lineage = (await studio.call('workflow.lineage', {
      projectId: studio.projectId,
      clipId: clip.id,
    })) as ClipLineageView;
    expect(lineage.steps[0]?.lineage).toMatchObject({
      workflow: 'generate',
      jobId: finished.jobId,
      role: 'take',
    });
    expect(lineage.steps[0]?.provenance?.request).toMatchObject({ task: 'text2music', seeds: [5] });
    expect(lineage.steps[0]?.provenance?.resolved).toMatchObject({ seed: 5, seeds: [5, 6] });
    expect(lineage.steps[0]?.provenance?.models.map((model) => model.id)).toContain('dit-turbo');

    // Another take is one click: a plain clip.update, undone on its own.
    const placed = studio.state();
    studio.services.library.applyEdits(
      studio.projectId,
      studio.revision(),
      chooseTake(placed, clip.id, 1),
    );
    expect(activeTakeIndex(studio.state(), clip.id)).toBe(1);
    await studio.call('project.undo', { projectId: studio.projectId });
    expect(studio.state()).toEqual(placed);
    await studio.call('project.undo', { projectId: studio.projectId });
    expect(studio.state()).toEqual(before);
  });
});

describe('add layer', () => {
  it('hears the context mix over the padded window and lands aligned to the sample', async () => {
    const before = studio.state();
    const { finished, result } = await studio.run({
      kind: 'addLayer',
      range: { start: at(2), end: at(4) },
      trackClass: 'bass',
      contextTrackIds: [drums],
      caption: 'round synth bass',
      // Without guidance every step lands on context + h exactly.
      settings: { seeds: [1], steps: 4, guidanceScale: 1 },
    });
    expect(finished.error).toBeNull();
    const clip = clipOf(result.clipIds[0]!)!;
    const track = studio.state().tracks.find((t) => t.id === clip.trackId);
    expect(track?.instrument).toEqual({ kind: 'ace', trackClass: 'bass' });
    // The range fills the window, so it is padded by 1 s: the window starts at 1 s.
    expect(clip).toMatchObject({ start: at(2), length: at(2), sourceOffset: 48_000 });
    const layer = await mixOf(studio.state(), [clip.trackId], 96_000, 192_000);
    const context = await mixOf(studio.state(), [drums], 96_000, 192_000);
    // Layer = context + h, h constant per channel: any misalignment would break the constant.
    for (const channel of [0, 1] as const) {
      const h = layer[channel][0]! - context[channel][0]!;
      for (let i = 0; i < 96_000; i += 997) {
        expect(layer[channel][i]! - context[channel][i]!).toBeCloseTo(h, 5);
      }
    }
    await expectUndoRestores(before, result.revision);
  });

  it('refuses a turbo model for lego, naming the base model, and places nothing', async () => {
    const revision = studio.revision();
    const { finished } = await studio.run({
      kind: 'addLayer',
      range: { start: at(1), end: at(2) },
      trackClass: 'drums',
      contextTrackIds: [vocals],
      settings: { modelId: 'dit-turbo' },
    });
    expect(finished.status).toBe('failed');
    expect(finished.error).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { requires: 'dit-base' },
    });
    expect(studio.revision()).toBe(revision);
  });
});

describe('repaint', () => {
  it('makes a new version that equals the source outside the region, sample by sample', async () => {
    const before = studio.state();
    const start = at(2.01);
    const end = at(3.5);
    const { finished, result } = await studio.run({
      kind: 'repaint',
      target: { clipId: drumClip.id },
      regions: [{ start, end, caption: 'a drum fill' }],
      settings: { seeds: [3] },
    });
    expect(finished.error).toBeNull();
    const clip = clipOf(drumClip.id)!;
    expect(clip.mediaHash).not.toBe(drumClip.mediaHash);
    expect({ ...clip, mediaHash: drumClip.mediaHash }).toEqual(drumClip);
    const [oldL, oldR] = await studio.read(drumClip.mediaHash);
    const [newL, newR] = await studio.read(clip.mediaHash);
    expect(newL.length).toBe(oldL.length);
    // The region in latent frames: floor(sample / 1920) at both ends (spec §3.4).
    const first = Math.floor((start * 25) / HOP) * HOP;
    const last = Math.floor((end * 25) / HOP) * HOP;
    let changed = 0;
    for (let i = 0; i < oldL.length; i += 1) {
      if (i < first || i >= last) {
        if (newL[i] !== oldL[i] || newR[i] !== oldR[i]) {
          throw new Error(`sample ${i} changed outside the region`);
        }
      } else if (newL[i] !== oldL[i]) {
        changed += 1;
      }
    }
    expect(changed).toBeGreaterThan((last - first) / 2);
    // At the timeline level too: the track's mix outside the region is what it was.
    const mixBefore = await mixOf(before, [drums], 0, 6 * 48_000);
    const mixAfter = await mixOf(studio.state(), [drums], 0, 6 * 48_000);
    for (const i of [0, first - 1, last, last + 4321, 6 * 48_000 - 1]) {
      expect(mixAfter[0][i]).toBe(mixBefore[0][i]);
    }
    expect(takesOf(studio.state(), drumClip.id).map((take) => take.kind)).toEqual([
      'original',
      'version',
    ]);
    await expectUndoRestores(before, result.revision);
  });

  it('queues several regions in one run, each on the previous result', async () => {
    const before = studio.state();
    const { finished, result, progress } = await studio.run({
      kind: 'repaint',
      target: { clipId: drumClip.id },
      regions: [
        { start: at(0.5), end: at(1) },
        { start: at(4), end: at(5) },
      ],
      settings: { seeds: [4] },
    });
    expect(finished.error).toBeNull();
    expect(progress.some((p) => p.step === 2 && p.totalSteps === 2)).toBe(true);
    const [oldL] = await studio.read(drumClip.mediaHash);
    const [newL] = await studio.read(clipOf(drumClip.id)!.mediaHash);
    // Regions in latent frames: [0.5 s, 1 s) is frames [12, 25) = samples [23040, 48000).
    for (const i of [0, 23_039, 48_000, 100_000, 191_999, 240_000, 287_999]) {
      expect(newL[i]).toBe(oldL[i]);
    }
    expect(newL[36_000]).not.toBe(oldL[36_000]);
    expect(newL[216_000]).not.toBe(oldL[216_000]);
    await expectUndoRestores(before, result.revision);
  });
});

describe('extend', () => {
  it('outpaints past the end with the clip as context; the new part lands right after it', async () => {
    const before = studio.state();
    const { finished, result } = await studio.run({
      kind: 'extend',
      clipId: vocalClip.id,
      side: 'end',
      length: at(1),
      contextSeconds: 2,
      settings: { seeds: [2] },
    });
    expect(finished.error).toBeNull();
    const clip = clipOf(result.clipIds[0]!)!;
    expect(clip).toMatchObject({
      trackId: vocals,
      start: vocalClip.start + vocalClip.length,
      length: at(1),
      sourceOffset: 2 * 48_000,
    });
    // The result is [2 s of context | 1 s new]; the new part starts at full level, not
    // faded in from the silence the source was padded with.
    const [made] = await studio.read(clip.mediaHash);
    expect(made.length).toBe(3 * 48_000);
    const joint = made[2 * 48_000]!;
    expect(Math.abs(joint)).toBeGreaterThan(1e-3);
    for (const i of [1, 100, 4_799, 24_000, 47_999]) {
      expect(made[2 * 48_000 + i]).toBeCloseTo(joint, 6);
    }
    await expectUndoRestores(before, result.revision);
  });
});

describe('extract stems', () => {
  it('places one aligned track per class and the residual, which is the source minus the stems', async () => {
    const before = studio.state();
    const { finished, result } = await studio.run({
      kind: 'extract',
      source: { clipId: drumClip.id },
      trackClasses: ['drums', 'bass'],
    });
    expect(finished.error).toBeNull();
    const state = studio.state();
    const placed = result.clipIds.map((id) => state.clips.find((clip) => clip.id === id)!);
    expect(placed).toHaveLength(3);
    const names = result.trackIds.map((id) => state.tracks.find((t) => t.id === id)?.name);
    expect(names).toEqual(['Drums', 'Bass', 'Other (residual)']);
    // Below the source track, in order.
    expect(state.tracks.map((t) => t.id).slice(1, 4)).toEqual(result.trackIds);
    for (const clip of placed) {
      expect(clip).toMatchObject({
        start: drumClip.start,
        length: drumClip.length,
        sourceOffset: 0,
      });
    }
    expect(state.tracks.find((t) => t.id === drums)?.mute).toBe(true);
    const span = clipSpan(drumClip, state.meta.tempo);
    const [src] = await studio.read(drumClip.mediaHash, { start: 0, end: span.length });
    const stems = await Promise.all(placed.slice(0, 2).map((clip) => studio.read(clip.mediaHash)));
    const [residual] = await studio.read(placed[2]!.mediaHash);
    let sourceEnergy = 0;
    let residualEnergy = 0;
    for (let i = 0; i < span.length; i += 1) {
      const expected = src[i]! - stems[0]![0][i]! - stems[1]![0][i]!;
      expect(residual[i]).toBeCloseTo(expected, 6);
      sourceEnergy += src[i]! ** 2;
      residualEnergy += residual[i]! ** 2;
    }
    expect(result.residual?.energyRatio).toBeGreaterThan(0);
    // Left channel only here; the meter sums both, so compare orders of magnitude.
    expect(Math.log10(result.residual!.energyRatio)).toBeCloseTo(
      Math.log10(residualEnergy / sourceEnergy),
      0,
    );
    await expectUndoRestores(before, result.revision);
  });
});

describe('vocal to BGM and cover', () => {
  it('puts accompaniment under the vocal, split into per-class tracks when asked', async () => {
    const before = studio.state();
    const { finished, result } = await studio.run({
      kind: 'vocalToBgm',
      source: { clipId: vocalClip.id },
      trackClasses: ['drums', 'keyboard'],
      caption: 'warm acoustic ballad',
      split: true,
    });
    expect(finished.error).toBeNull();
    const state = studio.state();
    const index = state.tracks.findIndex((t) => t.id === vocals);
    expect(state.tracks.slice(index + 1, index + 4).map((t) => t.id)).toEqual(result.trackIds);
    const tracks = result.trackIds.map((id) => state.tracks.find((t) => t.id === id)!);
    expect(tracks.map((t) => [t.name, t.mute])).toEqual([
      ['Accompaniment for Lead', true],
      ['Drums', false],
      ['Keyboard', false],
    ]);
    for (const id of result.clipIds) {
      expect(state.clips.find((clip) => clip.id === id)).toMatchObject({
        start: vocalClip.start,
        length: vocalClip.length,
      });
    }
    await expectUndoRestores(before, result.revision);
  });

  it('covers a clip on a new track below it', async () => {
    const before = studio.state();
    const { finished, result } = await studio.run({
      kind: 'cover',
      source: { clipId: vocalClip.id },
      caption: 'jazz crooner',
      strength: 0.5,
      settings: { seeds: [9] },
    });
    expect(finished.error).toBeNull();
    const state = studio.state();
    const clip = state.clips.find((c) => c.id === result.clipIds[0])!;
    expect(clip).toMatchObject({ start: vocalClip.start, length: vocalClip.length });
    expect(state.tracks.findIndex((t) => t.id === clip.trackId)).toBe(
      state.tracks.findIndex((t) => t.id === vocals) + 1,
    );
    const lineage = (await studio.call('workflow.lineage', {
      projectId: studio.projectId,
      clipId: clip.id,
    })) as ClipLineageView;
    expect(lineage.steps[0]?.lineage?.parent).toEqual({
      clipId: vocalClip.id,
      mediaHash: vocalClip.mediaHash,
    });
    await expectUndoRestores(before, result.revision);
  });
});

describe('regenerate and retry', () => {
  it('regenerates a generated clip into new takes of it, and retries a failed run', async () => {
    const { result } = await studio.run({
      kind: 'generate',
      caption: 'lofi',
      durationSeconds: 2,
      at: at(8),
      settings: { seeds: [20] },
    });
    const clipId = result.clipIds[0]!;
    const media = clipOf(clipId)!.mediaHash;
    const again = (await studio.call('workflow.regenerate', {
      projectId: studio.projectId,
      clipId,
      newSeeds: true,
    })) as { jobId: string };
    const finished = await studio.outcome(again.jobId);
    expect(finished.error).toBeNull();
    expect(clipOf(clipId)!.mediaHash).toBe(media);
    expect(takesOf(studio.state(), clipId)).toHaveLength(2);

    const failed = await studio.run({
      kind: 'addLayer',
      range: { start: at(1), end: at(2) },
      trackClass: 'drums',
      contextTrackIds: [],
      settings: { modelId: 'dit-turbo' },
    });
    expect(failed.finished.status).toBe('failed');
    const retried = (await studio.call('workflow.retry', { jobId: failed.finished.jobId })) as {
      jobId: string;
    };
    expect((await studio.outcome(retried.jobId)).error).toMatchObject({
      code: 'VALIDATION_FAILED',
    });
  });
});
