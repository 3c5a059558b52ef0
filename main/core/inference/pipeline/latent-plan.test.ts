import { describe, expect, it } from 'vitest';

import { planLatents } from './latent-plan.ts';

const base = { sampleRate: 48000, hop: 1920, poolWindow: 5, maxFrames: 15000 };

describe('planLatents', () => {
  it('text2music: floor(duration × 25) frames, duration rounded to 0.1 s', () => {
    expect(planLatents({ ...base, task: 'text2music', durationSeconds: 60 })).toMatchObject({
      frames: 1500,
      outputSamples: 1500 * 1920,
    });
    expect(planLatents({ ...base, task: 'text2music', durationSeconds: 10.04 }).frames).toBe(250);
    expect(planLatents({ ...base, task: 'text2music', audioCodeCount: 100 }).frames).toBe(500);
  });

  it('source tasks keep the source length; repaint regions become frames', () => {
    const cover = planLatents({ ...base, task: 'cover', sourceSamples: 48000 * 10 + 7 });
    expect(cover).toMatchObject({
      frames: 251,
      outputSamples: 480007,
      region: null,
      sourceOffsetSamples: 0,
    });
    const repaint = planLatents({
      ...base,
      task: 'repaint',
      sourceSamples: 480000,
      region: { startSeconds: 2, endSeconds: null },
    });
    expect(repaint.region).toEqual({ start: 50, end: 250 });
  });

  it('outpaints before the start and past the end', () => {
    const before = planLatents({
      ...base,
      task: 'repaint',
      sourceSamples: 480000,
      region: { startSeconds: -3, endSeconds: 1 },
    });
    expect(before).toMatchObject({
      sourceOffsetSamples: 144000,
      outputSamples: 624000,
      region: { start: 0, end: 100 },
    });
    const after = planLatents({
      ...base,
      task: 'repaint',
      sourceSamples: 480000,
      region: { startSeconds: 8, endSeconds: 14 },
    });
    expect(after).toMatchObject({
      sourceOffsetSamples: 0,
      outputSamples: 14 * 48000,
      region: { start: 200, end: 350 },
    });
  });

  it('refuses lengths beyond the silence latent', () => {
    expect(() => planLatents({ ...base, task: 'text2music', durationSeconds: 601 })).toThrow(
      /latent frames/,
    );
  });
});
