import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { openTinyLm, type TinyLm } from '../../../../tools/fixtures/packs/tiny-lm-engine.ts';
import { TINY_LM_SHAPE } from '../../../../tools/fixtures/packs/tiny-lm-pack.ts';
import { type LmGraphConfig, type LmGraphs, LmKvSession } from './lm-kv-session.ts';

// Heavy: the real 217,204-id vocabulary; generous limits for a loaded 2-core machine.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

// The tiny LM pack through the session pool (which checks both graphs against the contract).
const SHAPE = TINY_LM_SHAPE;
let root: string;
let tiny: TinyLm;
let graphs: LmGraphs;
let CONFIG: LmGraphConfig;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'tiny-lm-kv-'));
  tiny = await openTinyLm(root, { seed: 5 });
  graphs = tiny.engine.graphs;
  CONFIG = tiny.engine.config;
});
afterAll(async () => {
  await tiny.dispose();
  await rm(root, { recursive: true, force: true });
});

function expectClose(actual: Float32Array, expected: Float32Array): void {
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  for (let i = 0; i < actual.length; i++) {
    worst = Math.max(worst, Math.abs((actual[i] ?? 0) - (expected[i] ?? 0)));
  }
  expect(worst).toBeLessThan(1e-4);
}

describe('LM KV cache over the tiny real-vocabulary graphs', () => {
  it('decoding after a prefill equals prefilling the longer prompt', async () => {
    const prompt = [151_644, 9707, 1879, 198, 151_645];
    const next = [151_667, 198, 151_669 + 42];
    const { session } = await LmKvSession.prefill(graphs, CONFIG, [prompt], 8);
    let logits: Float32Array = new Float32Array();
    for (const id of next) {
      logits = await session.step([id]);
    }
    expect(session.length).toBe(prompt.length + next.length);
    const whole = await LmKvSession.prefill(graphs, CONFIG, [[...prompt, ...next]], 1);
    expectClose(logits, whole.logits);
  });

  it('left-pads rows of different lengths without changing their logits', async () => {
    const long = [1, 2, 3, 4, 5, 6, 7];
    const short = [9, 8, 7];
    const both = await LmKvSession.prefill(graphs, CONFIG, [long, short], 4);
    const alone = await LmKvSession.prefill(graphs, CONFIG, [short], 4);
    expectClose(both.logits.subarray(SHAPE.vocab), alone.logits);
    const stepBoth = await both.session.step([11, 12]);
    const stepAlone = await alone.session.step([12]);
    expectClose(stepBoth.subarray(SHAPE.vocab), stepAlone);
  });

  it('refuses to run past its capacity', async () => {
    const { session } = await LmKvSession.prefill(graphs, CONFIG, [[1, 2]], 1);
    await session.step([3]);
    await expect(session.step([4])).rejects.toMatchObject({ code: 'INTERNAL' });
  });
});
