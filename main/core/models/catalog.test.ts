import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { isStudioError } from '../../../app/errors.ts';
import { REPO_ROOT } from '../../../tests/helpers/server-process.ts';
import { makeTempDir, removeDir } from '../../../tests/helpers/temp-dir.ts';
import { findComponent, loadCatalog } from './catalog.ts';

describe('the model catalog', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await makeTempDir();
  });
  afterEach(async () => {
    await removeDir(dir);
  });

  it('lists every component the engine uses, each with both precisions', async () => {
    const catalog = await loadCatalog(join(REPO_ROOT, 'resources'));
    expect(catalog.components.map((c) => c.id).sort()).toEqual(
      [
        'dit-base',
        'dit-sft',
        'dit-turbo',
        'dit-turbo-shift1',
        'dit-turbo-shift3',
        'lm-0.6b',
        'lm-1.7b',
        'lm-4b',
        'text-encoder',
        'vae',
      ].sort(),
    );
    for (const component of catalog.components) {
      expect(component.precisions.fp16.approxBytes).toBeLessThan(
        component.precisions.fp32.approxBytes,
      );
    }
    // Add layer needs the base DiT (spec 4: only base supports lego/extract/complete).
    expect(catalog.tasks.find((t) => t.id === 'lego')?.needs).toContainEqual(['dit-base']);
  });

  it('never claims a hash it does not know: unknown upstream values are null', async () => {
    const catalog = await loadCatalog(join(REPO_ROOT, 'resources'));
    const files = catalog.components.flatMap((c) => c.upstream.files);
    expect(files.length).toBeGreaterThan(0);
    expect(files.every((f) => f.sha256 === null && f.bytes === null)).toBe(true);
  });

  it('rejects a catalog whose tasks name a component that does not exist', async () => {
    await cp(join(REPO_ROOT, 'resources', 'models'), join(dir, 'models'), { recursive: true });
    const path = join(dir, 'models', 'catalog.json');
    const json = JSON.parse(await readFile(path, 'utf8')) as { tasks: { suggest: string }[] };
    json.tasks[0]!.suggest = 'dit-imaginary';
    await writeFile(path, JSON.stringify(json));
    const error = await loadCatalog(dir).catch((e: unknown) => e);
    expect(isStudioError(error, 'MODEL_CORRUPT')).toBe(true);
  });

  it('answers NOT_FOUND for an unknown component and MODEL_MISSING without a catalog', async () => {
    const catalog = await loadCatalog(join(REPO_ROOT, 'resources'));
    expect(() => findComponent(catalog, 'nope')).toThrow(/No model component/);
    expect(isStudioError(await loadCatalog(dir).catch((e: unknown) => e), 'MODEL_MISSING')).toBe(
      true,
    );
  });
});
