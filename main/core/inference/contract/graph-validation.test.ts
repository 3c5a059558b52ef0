import { describe, expect, it } from 'vitest';

import { type StudioError } from '../../../../app/errors.ts';
import { type GraphIoInfo, validateGraphIo } from './graph-validation.ts';
import type { ResolvedGraph } from './io-contract.ts';

const expected: ResolvedGraph = {
  graph: 'vae_decoder',
  inputs: [{ name: 'latents', dtype: 'float32', dims: ['batch', 4, 'frames'] }],
  outputs: [{ name: 'audio', dtype: 'float32', dims: ['batch', 2, 'samples'] }],
};

const good: GraphIoInfo = {
  inputs: [{ name: 'latents', isTensor: true, type: 'float32', shape: ['batch', 4, 'frames'] }],
  outputs: [{ name: 'audio', isTensor: true, type: 'float32', shape: ['batch', 2, 'samples'] }],
};

function failure(actual: GraphIoInfo): StudioError {
  try {
    validateGraphIo(expected, actual, 'vae/vae_decoder.onnx');
  } catch (error) {
    return error as StudioError;
  }
  throw new Error('expected a mismatch');
}

describe('validateGraphIo', () => {
  it('accepts a matching graph, symbolic fixed sizes, undeclared shapes and extra outputs', () => {
    expect(() => {
      validateGraphIo(expected, good, 'f');
    }).not.toThrow();
    expect(() => {
      validateGraphIo(
        expected,
        {
          inputs: [{ name: 'latents', isTensor: true, type: 'float32', shape: ['b', 'c', 'f'] }],
          outputs: [
            { name: 'audio', isTensor: true, type: 'float32', shape: [] },
            { name: 'debug', isTensor: true, type: 'float32', shape: [1] },
          ],
        },
        'f',
      );
    }).not.toThrow();
  });

  it('names the file and tensor of a missing or renamed input', () => {
    const error = failure({ ...good, inputs: [{ ...good.inputs[0]!, name: 'z' }] });
    expect(error.code).toBe('MODEL_CORRUPT');
    expect(error.message).toContain('vae/vae_decoder.onnx');
    expect(error.message).toContain('input "latents" is missing');
    expect(error.details).toMatchObject({
      file: 'vae/vae_decoder.onnx',
      graph: 'vae_decoder',
      tensor: 'latents',
    });
  });

  it('rejects an unexpected extra input the host could not feed', () => {
    const error = failure({
      ...good,
      inputs: [...good.inputs, { name: 'scale', isTensor: true, type: 'float32', shape: [1] }],
    });
    expect(error.message).toContain('unexpected input "scale"');
  });

  it('rejects a missing output, another dtype, rank or fixed size, and a fixed dynamic axis', () => {
    expect(failure({ ...good, outputs: [] }).message).toContain('output "audio" is missing');
    expect(
      failure({ ...good, inputs: [{ ...good.inputs[0]!, type: 'float16' }] }).message,
    ).toContain('is float16, expected float32');
    expect(
      failure({ ...good, inputs: [{ ...good.inputs[0]!, shape: ['b', 4] }] }).message,
    ).toContain('rank 2, expected 3');
    expect(
      failure({ ...good, inputs: [{ ...good.inputs[0]!, shape: ['b', 64, 'f'] }] }).message,
    ).toContain('axis 1 is 64, expected 4');
    expect(
      failure({ ...good, inputs: [{ ...good.inputs[0]!, shape: [1, 4, 'f'] }] }).message,
    ).toContain('axis 0 is 1, expected dynamic (batch)');
  });
});
