/**
 * Checks a loaded graph's inputs and outputs (as ONNX Runtime reports them) against the
 * resolved IO contract. Pure: the session pool passes ORT's metadata in.
 */
import { StudioError } from '../../../../app/errors.ts';
import type { ResolvedGraph, ResolvedTensor } from './io-contract.ts';

/** What ORT says about one graph input or output (`InferenceSession.inputMetadata`). */
export interface GraphValueInfo {
  name: string;
  isTensor: boolean;
  /** ORT tensor type name, e.g. "float32"; absent for non-tensors. */
  type?: string;
  /** Empty when the graph does not declare a shape. */
  shape?: readonly (number | string)[];
}

export interface GraphIoInfo {
  inputs: readonly GraphValueInfo[];
  outputs: readonly GraphValueInfo[];
}

function mismatch(file: string, graph: string, tensor: string, problem: string, details: object) {
  return new StudioError(
    'MODEL_CORRUPT',
    `The model file ${file} does not match the IO contract for graph "${graph}": ${problem}.`,
    { file, graph, tensor, ...details },
  );
}

function checkTensor(
  expected: ResolvedTensor,
  actual: GraphValueInfo,
  side: 'input' | 'output',
  file: string,
  graph: string,
): void {
  const name = expected.name;
  if (!actual.isTensor || actual.type !== expected.dtype) {
    throw mismatch(
      file,
      graph,
      name,
      `${side} "${name}" is ${actual.type ?? 'not a tensor'}, expected ${expected.dtype}`,
      {
        expected: expected.dtype,
        actual: actual.type ?? null,
      },
    );
  }
  const shape = actual.shape ?? [];
  if (shape.length === 0) {
    return; // Shape not declared in the graph: ORT checks sizes at run time.
  }
  if (shape.length !== expected.dims.length) {
    throw mismatch(
      file,
      graph,
      name,
      `${side} "${name}" has rank ${shape.length}, expected ${expected.dims.length}`,
      {
        expected: expected.dims,
        actual: shape,
      },
    );
  }
  expected.dims.forEach((dim, axis) => {
    const got = shape[axis];
    // A graph may leave a contract-fixed size symbolic; it may not fix a dynamic one.
    const bad =
      (typeof dim === 'number' && typeof got === 'number' && got !== dim && got > 0) ||
      (typeof dim === 'string' && typeof got === 'number' && got > 0);
    if (bad) {
      const want = typeof dim === 'number' ? String(dim) : `dynamic (${dim})`;
      throw mismatch(
        file,
        graph,
        name,
        `${side} "${name}" axis ${axis} is ${String(got)}, expected ${want}`,
        {
          axis,
          expected: expected.dims,
          actual: shape,
        },
      );
    }
  });
}

/**
 * Throws MODEL_CORRUPT naming the file and the tensor when the graph's IO differs from the
 * contract: a missing or unexpected input, a missing output, another dtype, rank or fixed size.
 * Extra outputs are allowed (the engine never fetches them).
 */
export function validateGraphIo(expected: ResolvedGraph, actual: GraphIoInfo, file: string): void {
  const graph = expected.graph;
  const inputs = new Map(actual.inputs.map((info) => [info.name, info]));
  const outputs = new Map(actual.outputs.map((info) => [info.name, info]));
  for (const tensor of expected.inputs) {
    const info = inputs.get(tensor.name);
    if (info === undefined) {
      throw mismatch(file, graph, tensor.name, `input "${tensor.name}" is missing`, {
        found: [...inputs.keys()],
      });
    }
    checkTensor(tensor, info, 'input', file, graph);
  }
  const known = new Set(expected.inputs.map((tensor) => tensor.name));
  const extra = [...inputs.keys()].filter((name) => !known.has(name));
  if (extra.length > 0) {
    throw mismatch(file, graph, extra[0] ?? '', `unexpected input "${extra[0] ?? ''}"`, {
      unexpected: extra,
    });
  }
  for (const tensor of expected.outputs) {
    const info = outputs.get(tensor.name);
    if (info === undefined) {
      throw mismatch(file, graph, tensor.name, `output "${tensor.name}" is missing`, {
        found: [...outputs.keys()],
      });
    }
    checkTensor(tensor, info, 'output', file, graph);
  }
}
