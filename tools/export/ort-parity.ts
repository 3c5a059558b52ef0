/**
 * Runs exported graphs with onnxruntime-node on the parity cases the exporter saved
 * (`export.py --parity-dir`) and compares with PyTorch's outputs: max-abs and RMSE per output.
 * Proves that the graphs run in ONNX Runtime and compute what the wrapped modules compute.
 *
 *   node tools/export/ort-parity.ts <packs dir> <parity dir> [--max-abs 1e-4]
 *
 * Exits 1 when an output is further off than --max-abs (default 1e-4; fp16 packs need more).
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

import * as ort from 'onnxruntime-node';

interface TensorFile {
  name: string;
  dtype: 'float32' | 'int64';
  shape: number[];
  file: string;
}

interface ParityCase {
  inputs: TensorFile[];
  outputs: TensorFile[];
}

export interface ParityResult {
  component: string;
  graph: string;
  caseName: string;
  output: string;
  maxAbs: number;
  rmse: number;
}

async function readTensor(dir: string, spec: TensorFile): Promise<ort.Tensor> {
  const bytes = await readFile(join(dir, spec.file));
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  const data = spec.dtype === 'int64' ? new BigInt64Array(buffer) : new Float32Array(buffer);
  return new ort.Tensor(spec.dtype, data, spec.shape);
}

function compare(expected: ort.Tensor, got: ort.Tensor): { maxAbs: number; rmse: number } {
  const a = expected.data as Float32Array | BigInt64Array;
  const b = got.data as Float32Array | BigInt64Array;
  if (a.length !== b.length) {
    return { maxAbs: Number.POSITIVE_INFINITY, rmse: Number.POSITIVE_INFINITY };
  }
  let maxAbs = 0;
  let squares = 0;
  for (let i = 0; i < a.length; i += 1) {
    const diff = Math.abs(Number(a[i]) - Number(b[i]));
    maxAbs = Number.isNaN(diff) ? Number.POSITIVE_INFINITY : Math.max(maxAbs, diff);
    squares += diff * diff;
  }
  return { maxAbs, rmse: a.length === 0 ? 0 : Math.sqrt(squares / a.length) };
}

async function subdirs(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

/** Every case under `parityDir/<component>/<graph>/<case>` against `packsDir/<component>`. */
export async function runParity(packsDir: string, parityDir: string): Promise<ParityResult[]> {
  const results: ParityResult[] = [];
  for (const component of await subdirs(parityDir)) {
    for (const graph of await subdirs(join(parityDir, component))) {
      const session = await ort.InferenceSession.create(
        join(packsDir, component, `${graph}.onnx`),
        {
          logSeverityLevel: 3,
        },
      );
      try {
        for (const caseName of await subdirs(join(parityDir, component, graph))) {
          const dir = join(parityDir, component, graph, caseName);
          const spec = JSON.parse(await readFile(join(dir, 'case.json'), 'utf8')) as ParityCase;
          const feeds: Record<string, ort.Tensor> = {};
          for (const input of spec.inputs) {
            feeds[input.name] = await readTensor(dir, input);
          }
          const outputs = await session.run(feeds);
          for (const output of spec.outputs) {
            const got = outputs[output.name];
            const stats =
              got === undefined
                ? { maxAbs: Number.POSITIVE_INFINITY, rmse: Number.POSITIVE_INFINITY }
                : compare(await readTensor(dir, output), got);
            results.push({ component, graph, caseName, output: output.name, ...stats });
          }
        }
      } finally {
        await session.release();
      }
    }
  }
  return results;
}

if (import.meta.url === `file://${process.argv[1] ?? ''}`) {
  const [packsDir, parityDir] = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
  const flag = process.argv.indexOf('--max-abs');
  const tolerance = flag > 0 ? Number(process.argv[flag + 1]) : 1e-4;
  if (packsDir === undefined || parityDir === undefined) {
    console.error(
      'usage: node tools/export/ort-parity.ts <packs dir> <parity dir> [--max-abs 1e-4]',
    );
    process.exit(2);
  }
  const results = await runParity(packsDir, parityDir);
  let worst = 0;
  for (const r of results) {
    worst = Math.max(worst, r.maxAbs);
    console.log(
      `${r.component}/${r.graph} ${r.caseName} ${r.output}: max-abs ${r.maxAbs.toExponential(2)} rmse ${r.rmse.toExponential(2)}`,
    );
  }
  console.log(
    `${results.length} outputs compared; worst max-abs ${worst.toExponential(2)} (limit ${tolerance})`,
  );
  process.exit(worst <= tolerance ? 0 : 1);
}
