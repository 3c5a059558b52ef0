import { join } from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';

import type { GpuInfo, HardwareInfo, ProvidersReport } from '../../../app/contract/models.ts';
import { REPO_ROOT } from '../../../tests/helpers/server-process.ts';
import { type Catalog, loadCatalog } from './catalog.ts';
import { recommend, tierFor } from './recommend.ts';

const GB = 1e9;
const nvidia = (vramGb: number): GpuInfo => ({
  vendor: 'nvidia',
  name: 'NVIDIA Test',
  vramBytes: vramGb * GB,
  driverVersion: '550.1',
  cudaVersion: '12.4',
});
const machine = (gpus: GpuInfo[], ramGb = 32): HardwareInfo => ({
  platform: 'linux',
  arch: 'x64',
  ramBytes: ramGb * GB,
  cpuCores: 8,
  gpus,
});
const via = (preferred: ProvidersReport['preferred']): ProvidersReport => ({
  preferred,
  why: 'test',
  providers: [],
});

describe('recommend', () => {
  let catalog: Catalog;
  beforeAll(async () => {
    catalog = await loadCatalog(join(REPO_ROOT, 'resources'));
  });

  it('follows the official VRAM tiers of spec 9.2 (bounds inclusive)', () => {
    const levels = catalog.tiers.levels;
    expect(tierFor(levels, 4).tier).toBe('1');
    expect(tierFor(levels, 4.1).tier).toBe('2');
    expect(tierFor(levels, 8).tier).toBe('3');
    expect(tierFor(levels, 12).tier).toBe('4');
    expect(tierFor(levels, 16).tier).toBe('5');
    expect(tierFor(levels, 24).tier).toBe('6');
    expect(tierFor(levels, 80).tier).toBe('unlimited');
  });

  it('gives a small GPU the required set in fp16 and no planner, and says why', () => {
    const result = recommend(catalog, machine([nvidia(4)]), via('cuda'));
    expect(result.precision).toBe('fp16');
    expect(result.tier).toBe('1');
    expect(result.items.map((i) => i.componentId)).toEqual([
      'text-encoder',
      'vae',
      'dit-turbo',
      'dit-base',
    ]);
    expect(result.notes.join(' ')).toMatch(/LM planner/);
    expect(result.maxDurationS).toBe(180);
  });

  it('adds the 0.6B planner at 8 GB, the 1.7B at 16 GB and allows 10 minutes above 24 GB', () => {
    const lmOf = (gb: number) =>
      recommend(catalog, machine([nvidia(gb)]), via('cuda')).items.find((i) =>
        i.componentId.startsWith('lm-'),
      )?.componentId;
    expect(lmOf(8)).toBe('lm-0.6b');
    expect(lmOf(16)).toBe('lm-1.7b');
    const big = recommend(catalog, machine([nvidia(48)]), via('cuda'));
    expect(big.tier).toBe('unlimited');
    expect(big.maxDurationS).toBe(600);
  });

  it('uses fp32 on the CPU, plans with half the RAM and keeps the planner small', () => {
    const result = recommend(catalog, machine([], 32), via('cpu'));
    expect(result.precision).toBe('fp32');
    expect(result.memoryGb).toBe(16);
    expect(result.items.find((i) => i.componentId.startsWith('lm-'))?.componentId).toBe('lm-0.6b');
    expect(result.notes.join(' ')).toMatch(/CPU/);
  });

  it('suggests no planner when DirectML cannot say how much memory the GPU has', () => {
    const gpu: GpuInfo = { ...nvidia(8), vendor: 'amd', vramBytes: null };
    const result = recommend(catalog, { ...machine([gpu]), platform: 'win32' }, via('dml'));
    expect(result.tier).toBeNull();
    expect(result.items.some((i) => i.componentId.startsWith('lm-'))).toBe(false);
    expect(result.notes.join(' ')).toMatch(/could not be read/);
  });
});
