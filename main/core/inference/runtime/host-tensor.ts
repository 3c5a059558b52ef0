/**
 * Tensors as the host sees them: a dtype, dims and a typed array (row-major). The session
 * pool turns them into ONNX Runtime tensors without copying; stages never see ORT types.
 */
import type { GraphName, TensorDtype } from '../contract/io-contract.ts';
import type { ComponentConfig } from '../contract/io-contract.ts';

export type HostTensorData = Float32Array | BigInt64Array | Int32Array | Uint8Array;

export interface HostTensor {
  dtype: TensorDtype;
  dims: readonly number[];
  data: HostTensorData;
}

export type Feeds = Readonly<Record<string, HostTensor>>;
export type Outputs = Readonly<Record<string, HostTensor>>;

export function elementCount(dims: readonly number[]): number {
  return dims.reduce((product, size) => product * size, 1);
}

export function float32Tensor(data: Float32Array, dims: readonly number[]): HostTensor {
  if (data.length !== elementCount(dims)) {
    throw new RangeError(
      `float32 tensor of ${data.length} values cannot have dims [${dims.join(', ')}]`,
    );
  }
  return { dtype: 'float32', dims, data };
}

export function int64Tensor(data: BigInt64Array, dims: readonly number[]): HostTensor {
  if (data.length !== elementCount(dims)) {
    throw new RangeError(
      `int64 tensor of ${data.length} values cannot have dims [${dims.join(', ')}]`,
    );
  }
  return { dtype: 'int64', dims, data };
}

/** An int64 tensor from plain numbers (token ids, masks, indices). */
export function int64From(values: readonly number[], dims: readonly number[]): HostTensor {
  return int64Tensor(
    BigInt64Array.from(values, (value) => BigInt(value)),
    dims,
  );
}

/** The output `name` as float32 data, or INFERENCE_FAILED-worthy RangeError. */
export function float32Output(
  outputs: Outputs,
  name: string,
): { data: Float32Array; dims: readonly number[] } {
  const tensor = outputs[name];
  if (tensor?.data instanceof Float32Array) {
    return { data: tensor.data, dims: tensor.dims };
  }
  throw new RangeError(`graph output "${name}" is missing or not float32`);
}

export function int64Output(
  outputs: Outputs,
  name: string,
): { data: BigInt64Array; dims: readonly number[] } {
  const tensor = outputs[name];
  if (tensor?.data instanceof BigInt64Array) {
    return { data: tensor.data, dims: tensor.dims };
  }
  throw new RangeError(`graph output "${name}" is missing or not int64`);
}

/** One graph of one installed component, as the session pool loads it. */
export interface GraphHandle {
  componentId: string;
  graph: GraphName;
  /** Absolute path of the .onnx file (external data sits beside it). */
  file: string;
  /** The file's name inside the component, for messages ("dit-turbo/dit_step.onnx"). */
  label: string;
  config: ComponentConfig;
  /** Bytes of the graph and its external data, for memory accounting. */
  bytes: number;
}

/**
 * Runs one graph: the only way stages and pipelines reach ONNX Runtime. Checks `signal`
 * before the call (ORT's run cannot be interrupted once started). `into` names outputs to be
 * written into caller-owned tensors of the exact output shape (no allocation per call); those
 * outputs are returned as the same tensors.
 */
export type RunSession = (
  graph: GraphHandle,
  feeds: Feeds,
  signal?: AbortSignal,
  into?: Outputs,
) => Promise<Outputs>;

/** A RunSession bound to one graph: what a stage receives. */
export type RunGraph = (feeds: Feeds, signal?: AbortSignal, into?: Outputs) => Promise<Outputs>;

export function bindGraph(run: RunSession, graph: GraphHandle): RunGraph {
  return (feeds, signal, into) => run(graph, feeds, signal, into);
}
