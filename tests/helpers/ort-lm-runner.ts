/**
 * A RunLmGraph over onnxruntime-node sessions for tests and benches, standing in for the
 * session pool (the app's only ORT importer) until the LM is wired through it.
 */
import * as ort from 'onnxruntime-node';

import type { HostTensor, RunLmGraph } from '../../main/core/inference/lm/lm-kv-session.ts';

export interface OrtLmRunner {
  run: RunLmGraph;
  release(): Promise<void>;
}

export async function ortLmRunner(prefill: Uint8Array, decode: Uint8Array): Promise<OrtLmRunner> {
  const options: ort.InferenceSession.SessionOptions = {
    intraOpNumThreads: 1,
    graphOptimizationLevel: 'all',
  };
  const sessions = {
    lm_prefill: await ort.InferenceSession.create(prefill, options),
    lm_decode: await ort.InferenceSession.create(decode, options),
  };
  const run: RunLmGraph = async (graph, feeds) => {
    const inputs: Record<string, ort.Tensor> = {};
    for (const [name, t] of Object.entries(feeds)) {
      inputs[name] = new ort.Tensor(t.type, t.data, [...t.dims]);
    }
    const out = await sessions[graph].run(inputs);
    const result: Record<string, HostTensor> = {};
    for (const [name, t] of Object.entries(out)) {
      result[name] = {
        type: t.type === 'int64' ? 'int64' : 'float32',
        dims: t.dims,
        data: t.data as Float32Array,
      };
    }
    return result;
  };
  return {
    run,
    release: async () => {
      await sessions.lm_prefill.release();
      await sessions.lm_decode.release();
    },
  };
}
