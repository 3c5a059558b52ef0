/**
 * The committed tiny packs (tests/fixtures/models, made by tools/export/make_fixtures.py from
 * stand-ins through the exporter's wrappers) are valid components, obey the IO contract as
 * ONNX Runtime reads them, and compute in ONNX Runtime what PyTorch computed (parity cases
 * saved by the exporter at two input sizes each, so fixed-in-trace shapes would show).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import * as ort from 'onnxruntime-node';
import { beforeAll, describe, expect, it } from 'vitest';

import { validateGraphIo } from '../../main/core/inference/contract/graph-validation.ts';
import {
  GRAPH_NAMES,
  type GraphName,
  type IoContract,
  resolveGraph,
} from '../../main/core/inference/contract/io-contract.ts';
import { parseComponentManifest } from '../../main/core/models/manifest.ts';
import { scanModelLibrary } from '../../main/core/models/model-library.ts';
import { runParity } from '../../tools/export/ort-parity.ts';
import { committedContract } from '../helpers/io-contract.ts';
import { REPO_ROOT } from '../helpers/server-process.ts';

const FIXTURES = join(REPO_ROOT, 'tests', 'fixtures', 'models');
const packs = (precision: string) => join(FIXTURES, 'packs', precision);
const parity = (precision: string) => join(FIXTURES, 'parity', precision);

describe('the exporter’s tiny fixture packs', () => {
  let contract: IoContract;
  beforeAll(async () => {
    contract = await committedContract();
  });

  it('are complete components whose files match their sha256', async () => {
    const scan = await scanModelLibrary(packs('fp32'), { contract, verify: 'full' });
    expect(scan.damaged).toEqual([]);
    expect(scan.installed.map((c) => c.id).sort()).toEqual([
      'dit-turbo',
      'lm-0.6b',
      'text-encoder',
      'vae',
    ]);
    const fp16 = await scanModelLibrary(packs('fp16'), { contract, verify: 'full' });
    expect(fp16.installed.map((c) => [c.id, c.manifest.precision])).toEqual([
      ['dit-turbo', 'fp16'],
    ]);
  });

  it('cover every graph of the contract, one with external data', async () => {
    const scan = await scanModelLibrary(packs('fp32'), { contract, verify: 'size' });
    const graphs = scan.installed.flatMap((c) => Object.keys(c.manifest.graphs)).sort();
    expect(graphs).toEqual([...GRAPH_NAMES].sort());
    const dit = scan.installed.find((c) => c.id === 'dit-turbo');
    expect(dit?.manifest.files.map((f) => f.path)).toContain('dit_step.onnx.data');
  });

  it('match the IO contract as ONNX Runtime reports their inputs and outputs', async () => {
    for (const precision of ['fp32', 'fp16']) {
      const scan = await scanModelLibrary(packs(precision), { contract, verify: 'size' });
      for (const component of scan.installed) {
        const text = await readFile(join(component.dir, 'component.json'), 'utf8');
        const manifest = parseComponentManifest(text, contract, component.id);
        for (const [graph, entry] of Object.entries(manifest.graphs)) {
          const file = join(component.dir, entry.file);
          const session = await ort.InferenceSession.create(file, { logSeverityLevel: 3 });
          try {
            const expected = resolveGraph(contract, graph as GraphName, manifest.config, file);
            const info = {
              inputs: session.inputMetadata.map((m) => ({ ...m })),
              outputs: session.outputMetadata.map((m) => ({ ...m })),
            };
            expect(() => {
              validateGraphIo(expected, info, file);
            }).not.toThrow();
          } finally {
            await session.release();
          }
        }
      }
    }
  });

  it('compute in ONNX Runtime what PyTorch computed (fp32 within 1e-4)', async () => {
    const results = await runParity(packs('fp32'), parity('fp32'));
    expect(new Set(results.map((r) => r.graph)).size).toBe(10);
    expect(new Set(results.map((r) => r.caseName))).toEqual(new Set(['case-0', 'case-1']));
    const worst = results.reduce((max, r) => Math.max(max, r.maxAbs), 0);
    expect(worst).toBeLessThanOrEqual(1e-4);
  });

  it('keep the fp16 profile close to fp32 PyTorch (float32 I/O, norms and softmax)', async () => {
    const results = await runParity(packs('fp16'), parity('fp16'));
    expect(results.length).toBeGreaterThan(0);
    for (const r of results) {
      expect(r.maxAbs, `${r.graph} ${r.caseName} ${r.output}`).toBeLessThanOrEqual(0.05);
    }
  });
});
