import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import type { Protocol } from 'electron';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

import { fake } from '../../tests/helpers/fake-electron.ts';
import { makeTempDir, removeDir } from '../../tests/helpers/temp-dir.ts';
import { CONTENT_SECURITY_POLICY } from '../core/security/csp.ts';
import { appResponse, registerAppProtocol, rendererPathOf } from './app-protocol.ts';

const hoisted = await vi.hoisted(() => import('../../tests/helpers/fake-electron.ts'));
vi.mock('electron', () => hoisted.fake.module);

let base: string;
let root: string;

beforeAll(async () => {
  base = await makeTempDir();
  root = join(base, 'renderer');
  await mkdir(join(root, 'assets'), { recursive: true });
  await writeFile(join(root, 'index.html'), '<!doctype html><title>shell</title>');
  await writeFile(join(root, 'assets', 'index-AbCdEfGh12.js'), 'console.log(1)');
  await writeFile(join(base, 'secret.txt'), 'outside the renderer');
  await symlink(join(base, 'secret.txt'), join(root, 'assets', 'link.txt'));
});

afterAll(async () => {
  await removeDir(base);
});

beforeEach(() => {
  fake.reset();
});

const get = (url: string, method = 'GET') =>
  appResponse({ url, method, headers: new Headers() }, root);

describe('studio-app protocol', () => {
  it('serves the shell and assets with types, caching and the CSP header', async () => {
    const shell = await get('studio-app://app/index.html');
    expect(shell.status).toBe(200);
    expect(shell.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(shell.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(shell.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await shell.text()).toContain('<title>shell</title>');
    const script = await get('studio-app://app/assets/index-AbCdEfGh12.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('cache-control')).toContain('immutable');
    expect(await script.text()).toBe('console.log(1)');
    expect((await get('studio-app://app/')).status).toBe(200);
    const head = await get('studio-app://app/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('answers extension-less routes with the shell and missing assets with 404', async () => {
    expect(await (await get('studio-app://app/projects/p1')).text()).toContain('shell');
    expect((await get('studio-app://app/assets/missing.js')).status).toBe(404);
  });

  it('refuses traversal, encoded traversal, backslashes, other hosts and absolute paths', async () => {
    for (const url of [
      'studio-app://app/..%2fsecret.txt',
      'studio-app://app/..%2F..%2Fetc%2Fpasswd',
      'studio-app://app/assets/..%5c..%5csecret.txt',
      'studio-app://app/assets\\..\\..\\secret.txt',
      'studio-app://app/%2e%2e%2fsecret.txt',
      'studio-app://app/%2fetc%2fpasswd',
      'studio-app://app//etc/passwd',
      'studio-app://app/C:%5cWindows%5cwin.ini',
      'studio-app://app/index.html%00.png',
      'studio-app://app/%E0%A4%A',
      'studio-app://other/index.html',
      'studio-app://app.evil/index.html',
      'studio-media://app/index.html',
      'not a url',
    ]) {
      const response = await get(url);
      expect(response.status, url).toBe(404);
      expect(await response.text(), url).not.toContain('outside the renderer');
    }
  });

  it('does not follow a symlink out of the renderer folder', async () => {
    expect((await get('studio-app://app/assets/link.txt')).status).toBe(404);
  });

  it('answers only GET and HEAD', async () => {
    expect((await get('studio-app://app/index.html', 'POST')).status).toBe(405);
  });

  it('maps URLs to paths inside the folder, refusing what decodes to traversal', () => {
    expect(rendererPathOf('studio-app://app/a/b.js')).toBe('a/b.js');
    expect(rendererPathOf('studio-app://app/')).toBe('index.html');
    expect(rendererPathOf('studio-app://app/a%20b.js')).toBe('a b.js');
    // URL dot segments (also %2e%2e) resolve within the origin, as in Chromium: never above it.
    expect(rendererPathOf('studio-app://app/a/%2e%2e/b.js')).toBe('b.js');
    expect(rendererPathOf('studio-app://app/../../b.js')).toBe('b.js');
    expect(rendererPathOf('studio-app://app/a/..%2fb.js')).toBeNull();
    expect(rendererPathOf('studio-app://app/a/.%2fb.js')).toBeNull();
    expect(rendererPathOf('studio-app://app/a%5cb.js')).toBeNull();
  });

  it('registers on the protocol object and unregisters', async () => {
    const { protocol } = fake.module;
    const unregister = registerAppProtocol(protocol as unknown as Protocol, root);
    const handler = fake.state.protocolHandlers.get('studio-app')!;
    expect((await handler(new Request('studio-app://app/index.html'))).status).toBe(200);
    unregister();
    expect(fake.state.protocolHandlers.has('studio-app')).toBe(false);
  });
});
