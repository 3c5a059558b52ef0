import { readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { isStudioError, type StudioError } from '../../../app/errors.ts';
import { committedContract } from '../../../tests/helpers/io-contract.ts';
import { makeTempDir, removeDir } from '../../../tests/helpers/temp-dir.ts';
import { writeComponent } from '../../../tools/fixtures/packs/write-component.ts';
import { requireComponent, scanModelLibrary, VERIFIED_MEMO_FILE } from './model-library.ts';

let root: string;

async function writeVae(id: string): Promise<string> {
  return writeComponent(
    root,
    {
      id,
      kind: 'vae',
      version: '1',
      contract: 1,
      precision: 'fp32',
      graphs: { vae_encoder: { file: 'enc.onnx' }, vae_decoder: { file: 'dec.onnx' } },
      config: { latent_channels: 4, audio_channels: 2, vae_hop: 4, sample_rate: 48000 },
    },
    { 'enc.onnx': new Uint8Array([1, 2, 3]), 'dec.onnx': new Uint8Array([4, 5, 6, 7]) },
  );
}

async function scan(verify?: 'memo' | 'full' | 'size') {
  let hashed = 0;
  const result = await scanModelLibrary(root, {
    contract: await committedContract(),
    ...(verify === undefined ? {} : { verify }),
    onProgress: ({ hashedBytes }) => {
      hashed = hashedBytes;
    },
  });
  return { result, hashed };
}

function thrown(run: () => unknown): StudioError {
  try {
    run();
  } catch (error) {
    return error as StudioError;
  }
  throw new Error('expected an error');
}

beforeEach(async () => {
  root = await makeTempDir();
});

afterEach(async () => {
  await removeDir(root);
});

describe('scanModelLibrary', () => {
  it('treats a missing library folder as empty and reports MODEL_MISSING by component', async () => {
    const { result } = await scanModelLibrary(join(root, 'nope'), {
      contract: await committedContract(),
    }).then((r) => ({ result: r }));
    expect(result.installed).toEqual([]);
    const error = thrown(() => requireComponent(result, 'vae'));
    expect(error.code).toBe('MODEL_MISSING');
    expect(error.details).toEqual({ component: 'vae' });
    expect(error.message).toContain('"vae"');
  });

  it('hashes once, remembers, and re-hashes only a changed file', async () => {
    await writeVae('vae');
    const first = await scan();
    expect(first.result.installed.map((c) => c.id)).toEqual(['vae']);
    expect(first.hashed).toBe(7);
    const memo = JSON.parse(await readFile(join(root, 'vae', VERIFIED_MEMO_FILE), 'utf8')) as {
      files: object;
    };
    expect(Object.keys(memo.files).sort()).toEqual(['dec.onnx', 'enc.onnx']);

    const second = await scan();
    expect(second.hashed).toBe(0);
    expect(second.result.installed).toHaveLength(1);

    // Same size, new content and time: the memo no longer vouches, the hash catches it.
    const dec = join(root, 'vae', 'dec.onnx');
    await writeFile(dec, new Uint8Array([9, 9, 9, 9]));
    await utimes(dec, new Date(), new Date(Date.now() + 5000));
    const third = await scan();
    expect(third.hashed).toBe(4);
    expect(third.result.installed).toEqual([]);
    const error = thrown(() => requireComponent(third.result, 'vae'));
    expect(error.code).toBe('MODEL_CORRUPT');
    expect(error.details).toMatchObject({ component: 'vae', file: 'dec.onnx', reason: 'hash' });
    expect(error.message).toContain('vae/dec.onnx');
  });

  it('full mode re-hashes even memoised files; size mode hashes nothing', async () => {
    await writeVae('vae');
    await scan();
    expect((await scan('full')).hashed).toBe(7);
    expect((await scan('size')).hashed).toBe(0);
  });

  it('reports a missing file, a wrong size and a broken manifest per component', async () => {
    await writeVae('vae-a');
    await writeVae('vae-b');
    await writeVae('vae-c');
    await writeVae('vae-d');
    await rm(join(root, 'vae-a', 'enc.onnx'));
    await writeFile(join(root, 'vae-b', 'dec.onnx'), new Uint8Array([1]));
    await writeFile(join(root, 'vae-c', 'component.json'), '{"schema":');
    const manifest = JSON.parse(await readFile(join(root, 'vae-d', 'component.json'), 'utf8')) as {
      id: string;
    };
    manifest.id = 'other';
    await writeFile(join(root, 'vae-d', 'component.json'), JSON.stringify(manifest));
    const { result } = await scan();
    expect(result.installed).toEqual([]);
    const byId = Object.fromEntries(result.damaged.map((d) => [d.id, d.problems[0]]));
    expect(byId['vae-a']).toMatchObject({ file: 'enc.onnx', reason: 'missing' });
    expect(byId['vae-b']).toMatchObject({ file: 'dec.onnx', reason: 'size' });
    expect(byId['vae-c']).toMatchObject({ file: 'component.json', reason: 'manifest' });
    expect(byId['vae-d']?.message).toContain('names component "other"');
    expect(
      isStudioError(
        thrown(() => requireComponent(result, 'vae-a')),
        'MODEL_CORRUPT',
      ),
    ).toBe(true);
  });

  it('skips dot folders (staging areas) and can be limited to some components', async () => {
    await writeVae('vae');
    await writeVae('.staging');
    await writeVae('vae-2');
    const result = await scanModelLibrary(root, {
      contract: await committedContract(),
      only: ['vae-2'],
    });
    expect(result.installed.map((c) => c.id)).toEqual(['vae-2']);
    expect(result.damaged).toEqual([]);
  });

  it('stops when cancelled', async () => {
    await writeVae('vae');
    const controller = new AbortController();
    controller.abort();
    await expect(
      scanModelLibrary(root, { contract: await committedContract(), signal: controller.signal }),
    ).rejects.toMatchObject({ code: 'CANCELLED' });
  });
});
