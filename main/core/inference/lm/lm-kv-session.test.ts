import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type OrtLmRunner, ortLmRunner } from '../../../../tests/helpers/ort-lm-runner.ts';
import {
  tinyLmDecode,
  tinyLmPrefill,
  type TinyLmShape,
  tinyLmWeights,
} from '../../../../tools/fixtures/packs/tiny-lm-graphs.ts';
import { type LmGraphConfig, LmKvSession } from './lm-kv-session.ts';

const SHAPE: TinyLmShape = {
  vocab: 217_204,
  hidden: 8,
  layers: 2,
  heads: 2,
  headDim: 4,
  maxPositions: 512,
};
const CONFIG: LmGraphConfig = { vocab: SHAPE.vocab, layers: 2, kvHeads: 2, headDim: 4 };
let runner: OrtLmRunner;

beforeAll(async () => {
  const weights = tinyLmWeights(SHAPE, 5);
  runner = await ortLmRunner(tinyLmPrefill(weights), tinyLmDecode(weights));
});
afterAll(async () => {
  await runner.release();
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
    const { session } = await LmKvSession.prefill(runner.run, CONFIG, [prompt], 8);
    let logits: Float32Array = new Float32Array();
    for (const id of next) {
      logits = await session.step([id]);
    }
    expect(session.length).toBe(prompt.length + next.length);
    const whole = await LmKvSession.prefill(runner.run, CONFIG, [[...prompt, ...next]], 1);
    expectClose(logits, whole.logits);
  });

  it('left-pads rows of different lengths without changing their logits', async () => {
    const long = [1, 2, 3, 4, 5, 6, 7];
    const short = [9, 8, 7];
    const both = await LmKvSession.prefill(runner.run, CONFIG, [long, short], 4);
    const alone = await LmKvSession.prefill(runner.run, CONFIG, [short], 4);
    expectClose(both.logits.subarray(SHAPE.vocab), alone.logits);
    const stepBoth = await both.session.step([11, 12]);
    const stepAlone = await alone.session.step([12]);
    expectClose(stepBoth.subarray(SHAPE.vocab), stepAlone);
  });

  it('refuses to run past its capacity', async () => {
    const { session } = await LmKvSession.prefill(runner.run, CONFIG, [[1, 2]], 1);
    await session.step([3]);
    await expect(session.step([4])).rejects.toMatchObject({ code: 'INTERNAL' });
  });
});
