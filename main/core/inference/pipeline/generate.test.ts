/**
 * The pipeline end to end over analytic packs, whose graphs are closed-form functions (see
 * tools/fixtures/packs/analytic-pack.ts): with KEEP = 0 every Euler step lands on
 * target = context source + h (+ 0·mask), h = masked mean of the encoder states' first 4
 * channels, so the decoded audio is known exactly.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  type AnalyticHarness,
  analyticHarness,
  type DitCall,
  encoderMaskedMean,
  steppedAudio,
} from '../../../../tests/helpers/analytic-generation.ts';
import { ANALYTIC } from '../../../../tools/fixtures/packs/analytic-pack.ts';
import { qwenTextTokenizer } from '../../../../tools/fixtures/packs/qwen-vocabulary.ts';

const C = ANALYTIC.latentChannels;
const HOP = ANALYTIC.hop;
const EOT = 151643;

/** The caption prompt exactly as spec §3.1 writes it, tokenized, end-of-text appended. */
function captionIds(instruction: string, caption: string, metas: string): number[] {
  const text = `# Instruction\n${instruction}\n\n# Caption\n${caption}\n\n# Metas\n${metas}<|endoftext|>\n`;
  return [...qwenTextTokenizer().encode(text), EOT];
}

function lyricIds(language: string, lyrics: string): number[] {
  return [
    ...qwenTextTokenizer().encode(`# Languages\n${language}\n\n# Lyric\n${lyrics}<|endoftext|>`),
    EOT,
  ];
}

const metas = (seconds: number) =>
  `- bpm: 120\n- timesignature: N/A\n- keyscale: N/A\n- duration: ${seconds} seconds\n`;

/** h[c] of the analytic condition encoder + DiT, in float64, from the ids and the timbre token. */
function expectedH(
  caption: readonly number[],
  lyric: readonly number[],
  timbre: readonly number[],
): number[] {
  return Array.from({ length: C }, (_, c) => {
    const sum =
      lyric.reduce((s, id) => s + id * ANALYTIC.lyricWeight(c), 0) +
      (timbre[c] ?? 0) +
      caption.reduce((s, id) => s + id * ANALYTIC.textWeight(c), 0);
    return sum / (lyric.length + 1 + caption.length);
  });
}

const silenceTimbre = Array.from({ length: C }, (_, c) => ANALYTIC.silence(c));

/** The context's source half of frame f (row 0). */
function contextSource(call: DitCall, f: number): number[] {
  return Array.from(call.context.subarray(f * 2 * C, f * 2 * C + C));
}

function contextMask(call: DitCall, f: number): number {
  return call.context[f * 2 * C + C] ?? -1;
}

/** The analytic VAE encoder's latent of stepped audio: channel c is audio channel c mod 2. */
function sourceLatent(level: (hop: number, ch: 0 | 1) => number, f: number): number[] {
  return Array.from({ length: C }, (_, c) => level(f, (c % 2) as 0 | 1));
}

const level = (hop: number, ch: 0 | 1) => (ch === 0 ? ((hop % 7) - 3) / 16 : ((hop % 5) - 2) / 32);

let h: AnalyticHarness;
beforeAll(async () => {
  h = await analyticHarness();
});
afterAll(async () => {
  await h.dispose();
});

/** Exact equality of two long arrays without the cost of a deep-equality diff. */
function sameSamples(a: Float32Array, b: Float32Array): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}

describe('text2music on the analytic pack', () => {
  it('lands on silence + h, with the spec prompts, the turbo times and staged progress', async () => {
    const run = await h.run(h.plan());
    expect(run.items).toHaveLength(1);
    const item = run.items[0]!;
    expect(item.left.length).toBe(4 * 48000);
    const caption = captionIds(
      'Fill the audio semantic mask based on the given conditions:',
      'warm synth pads',
      metas(4),
    );
    const expected = expectedH(caption, lyricIds('en', '[Instrumental]'), silenceTimbre);
    expect(encoderMaskedMean(run.ditCalls[0]!, 0).map((v) => v.toFixed(6))).toEqual(
      expected.map((v) => v.toFixed(6)),
    );
    for (const index of [0, 96_000, 191_999]) {
      expect(item.left[index]).toBeCloseTo(ANALYTIC.silence(0) + expected[0]!, 6);
      expect(item.right[index]).toBeCloseTo(ANALYTIC.silence(1) + expected[1]!, 6);
    }
    expect(run.ditCalls.map((call) => Number(call.t[0]!.toFixed(5)))).toEqual([
      1, 0.95455, 0.9, 0.83333, 0.75, 0.64286, 0.5, 0.3,
    ]);
    expect(run.ditCalls.every((call) => call.tr[0] === call.t[0])).toBe(true);
    const phases = [...new Set(run.progress.map((p) => p.phase))];
    expect(phases).toEqual(['load', 'encode', 'diffuse', 'decode', 'write']);
    const diffuse = run.progress.filter((p) => p.phase === 'diffuse');
    expect(diffuse.at(-1)).toMatchObject({ fraction: 1, step: 8, totalSteps: 8 });
    expect(run.graphCalls.filter((g) => g === 'vae_decoder').length).toBe(Math.ceil(100 / 24));
    expect(run.graphCalls).not.toContain('vae_encoder');
  });

  it('drives the context from audio codes with the cover instruction', async () => {
    const codes = [32010, 31990, 32000, 32025];
    const run = await h.run(h.plan({ audioCodes: codes }));
    expect(run.output.latentFrames).toBe(20);
    const call = run.ditCalls[0]!;
    codes.forEach((code, k) => {
      for (let i = 0; i < 5; i += 1) {
        expect(contextSource(call, 5 * k + i)[2]).toBeCloseTo((code - 32000) / 100, 6);
      }
    });
    const caption = captionIds(
      'Generate audio semantic tokens based on the given conditions:',
      'warm synth pads',
      metas(0),
    );
    expect(encoderMaskedMean(call, 0)[0]).toBeCloseTo(
      expectedH(caption, lyricIds('en', '[Instrumental]'), silenceTimbre)[0]!,
      6,
    );
  });

  it('puts the reference timbre token between lyric and caption tokens', async () => {
    const ref = steppedAudio(12, (_hop, ch) => (ch === 0 ? 0.5 : 0.25));
    const reference = await h.writeSource('ref', ref.left, ref.right);
    const run = await h.run(h.plan({ reference }));
    const call = run.ditCalls[0]!;
    const lyricCount = lyricIds('en', '[Instrumental]').length;
    const hidden = call.encoderDims[2] ?? 0;
    const token = Array.from(call.encoder.subarray(lyricCount * hidden, lyricCount * hidden + C));
    expect(token).toEqual([0.5, 0.25, 0.5, 0.25]);
  });

  it('is bit-identical for the same plan and stops within one step when cancelled', async () => {
    const a = await h.run(h.plan({ seeds: [5] }));
    const b = await h.run(h.plan({ seeds: [5] }));
    expect(sameSamples(b.items[0]!.left, a.items[0]!.left)).toBe(true);
    const controller = new AbortController();
    let stepsSeen = 0;
    await expect(
      h.run(h.plan(), {
        signal: controller.signal,
        onProgress: (p) => {
          if (p.phase === 'diffuse' && (p.step ?? 0) >= 3) {
            stepsSeen = p.step ?? 0;
            controller.abort();
          }
        },
      }),
    ).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(stepsSeen).toBe(3);
  });
});

describe('repaint on the analytic pack', () => {
  it('changes the region and keeps everything else equal to the source', async () => {
    const audio = steppedAudio(4, level);
    const source = await h.writeSource('src', audio.left, audio.right);
    for (const preserveSource of [true, false]) {
      const plan = h.plan({ task: 'repaint', source, region: { startSeconds: 1, endSeconds: 2 } });
      plan.repaint.preserveSource = preserveSource;
      const run = await h.run(plan);
      const item = run.items[0]!;
      expect(item.left.length).toBe(audio.left.length);
      const [start, end] = [48000, 96000];
      for (let i = 0; i < item.left.length; i += 1) {
        if (i < start || i >= end) {
          if (item.left[i] !== audio.left[i] || item.right[i] !== audio.right[i]) {
            throw new Error(
              `sample ${i} changed outside the region (preserveSource ${String(preserveSource)})`,
            );
          }
        }
      }
      const changed = item.left
        .subarray(start + 4 * HOP, end - 4 * HOP)
        .some((v, i) => v !== audio.left[start + 4 * HOP + i]);
      expect(changed).toBe(true);
      // The context: region silenced, mask 1 only inside it.
      const call = run.ditCalls[0]!;
      expect(contextSource(call, 30)).toEqual(silenceTimbre.map((v) => Math.fround(v)));
      expect(contextSource(call, 10)).toEqual(sourceLatent(level, 10).map((v) => Math.fround(v)));
      expect([
        contextMask(call, 24),
        contextMask(call, 25),
        contextMask(call, 49),
        contextMask(call, 50),
      ]).toEqual([0, 1, 1, 0]);
    }
  });

  it('outpaints before the start: the result is longer and the source sits after the new part', async () => {
    const audio = steppedAudio(4, level);
    const source = await h.writeSource('src2', audio.left, audio.right);
    const run = await h.run(
      h.plan({ task: 'repaint', source, region: { startSeconds: -1, endSeconds: 1 } }),
    );
    const item = run.items[0]!;
    expect(item.left.length).toBe(5 * 48000);
    for (let i = 2 * 48000; i < item.left.length; i += 997) {
      expect(item.left[i]).toBe(audio.left[i - 48000]);
    }
    expect(item.left[1000]).not.toBe(0);
  });
});

describe('source tasks on a base analytic pack', () => {
  let base: AnalyticHarness;
  const audio = steppedAudio(4, level);
  beforeAll(async () => {
    base = await analyticHarness({ variant: 'base' });
  });
  afterAll(async () => {
    await base.dispose();
  });

  const basePlan = () => ({
    schedule: 'base' as const,
    steps: 4,
    shift: 3,
    guidanceScale: 1,
    guidanceMethod: 'apg' as const,
    cfgInterval: { start: 0, end: 1 },
    solver: 'euler' as const,
  });

  it('lego keeps the whole backing track in the context and asks for the named track', async () => {
    const source = await base.writeSource('backing', audio.left, audio.right);
    const run = await base.run(
      base.plan({
        task: 'lego',
        source,
        region: { startSeconds: 1, endSeconds: 2 },
        sampler: basePlan(),
        prompt: { ...base.plan().prompt, trackClasses: ['drums'] },
      }),
    );
    for (const call of run.ditCalls) {
      for (const f of [0, 30, 60, 99]) {
        expect(contextSource(call, f)).toEqual(sourceLatent(level, f).map((v) => Math.fround(v)));
      }
      expect([contextMask(call, 10), contextMask(call, 30), contextMask(call, 60)]).toEqual([
        0, 1, 0,
      ]);
    }
    const caption = captionIds(
      'Generate the DRUMS track based on the audio context:',
      'warm synth pads',
      metas(4),
    );
    const hExpected = expectedH(caption, lyricIds('en', '[Instrumental]'), silenceTimbre);
    // Inside the region the result is backing + h, not silence + h.
    const i = 30 * HOP + 10;
    expect(run.items[0]!.left[i]).toBeCloseTo(level(30, 0) + hExpected[0]!, 6);
  });

  it('extract sees the full mix with mask 1, complete names every class', async () => {
    const source = await base.writeSource('mix', audio.left, audio.right);
    const extract = await base.run(
      base.plan({
        task: 'extract',
        source,
        sampler: basePlan(),
        prompt: { ...base.plan().prompt, trackClasses: ['vocals'] },
      }),
    );
    const call = extract.ditCalls[0]!;
    for (const f of [0, 50, 99]) {
      expect(contextSource(call, f)).toEqual(sourceLatent(level, f).map((v) => Math.fround(v)));
      expect(contextMask(call, f)).toBe(1);
    }
    const extractIds = captionIds(
      'Extract the VOCALS track from the audio:',
      'warm synth pads',
      metas(4),
    );
    expect(encoderMaskedMean(call, 0)[1]).toBeCloseTo(
      expectedH(extractIds, lyricIds('en', '[Instrumental]'), silenceTimbre)[1]!,
      6,
    );
    const complete = await base.run(
      base.plan({
        task: 'complete',
        source,
        sampler: basePlan(),
        prompt: { ...base.plan().prompt, trackClasses: ['drums', 'bass'] },
      }),
    );
    const completeIds = captionIds(
      'Complete the input track with DRUMS | BASS:',
      'warm synth pads',
      metas(4),
    );
    expect(encoderMaskedMean(complete.ditCalls[0]!, 0)[0]).toBeCloseTo(
      expectedH(completeIds, lyricIds('en', '[Instrumental]'), silenceTimbre)[0]!,
      6,
    );
  });
});

describe('cover strength', () => {
  it('conditions the first int(steps × strength) steps on the source, then switches to text2music', async () => {
    const audio = steppedAudio(4, level);
    const source = await h.writeSource('cover', audio.left, audio.right);
    const run = await h.run(h.plan({ task: 'cover', source, coverStrength: 0.5 }));
    expect(run.ditCalls).toHaveLength(8);
    // FSQ round trip of the source: per 5 frames, round(100·mean(channel 0))/100 on every channel.
    const group = (k: number) =>
      Math.round((100 * [0, 1, 2, 3, 4].reduce((s, i) => s + level(5 * k + i, 0), 0)) / 5) / 100;
    const coverH = encoderMaskedMean(run.ditCalls[0]!, 0);
    run.ditCalls.forEach((call, step) => {
      if (step < 4) {
        expect(contextSource(call, 7)[3]).toBeCloseTo(group(1), 6);
        expect(encoderMaskedMean(call, 0)).toEqual(coverH);
      } else {
        expect(contextSource(call, 7)).toEqual(silenceTimbre.map((v) => Math.fround(v)));
        expect(encoderMaskedMean(call, 0)).not.toEqual(coverH);
      }
    });
    const text2musicIds = captionIds(
      'Fill the audio semantic mask based on the given conditions:',
      'warm synth pads',
      metas(4),
    );
    expect(encoderMaskedMean(run.ditCalls[4]!, 0)[0]).toBeCloseTo(
      expectedH(text2musicIds, lyricIds('en', '[Instrumental]'), silenceTimbre)[0]!,
      6,
    );
    const full = await h.run(h.plan({ task: 'cover', source, coverStrength: 1 }));
    expect(
      full.ditCalls.every((call) => contextSource(call, 7)[3]!.toFixed(6) === group(1).toFixed(6)),
    ).toBe(true);
  });
});
