import { createServer, request as httpRequest } from 'node:http';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import {
  type FakeModelServer,
  startFakeModelServer,
} from '../../../../tests/helpers/fake-model-server.ts';
import { createAgents } from './http-client.ts';
import { bypassesProxy, proxyFor, redactProxy } from './proxy-env.ts';

describe('proxyFor', () => {
  const env = { HTTPS_PROXY: 'http://proxy.corp:3128', HTTP_PROXY: 'http://plain.corp:8080' };
  it('picks the proxy by scheme', () => {
    expect(proxyFor(new URL('https://huggingface.co/x'), env)).toBe('http://proxy.corp:3128');
    expect(proxyFor(new URL('http://mirror.local/x'), env)).toBe('http://plain.corp:8080');
    expect(proxyFor(new URL('https://huggingface.co/x'), {})).toBeNull();
  });
  it('reads lowercase variables too', () => {
    expect(proxyFor(new URL('https://a.b/'), { https_proxy: 'http://p:1' })).toBe('http://p:1');
  });
  it('honours NO_PROXY hosts, domain suffixes, ports and *', () => {
    const url = new URL('https://models.corp.example/x');
    expect(proxyFor(url, { ...env, NO_PROXY: 'corp.example' })).toBeNull();
    expect(proxyFor(url, { ...env, NO_PROXY: '.corp.example' })).toBeNull();
    expect(proxyFor(url, { ...env, no_proxy: 'localhost, *.corp.example' })).toBeNull();
    expect(proxyFor(url, { ...env, NO_PROXY: 'example.org,other.corp' })).toBe(env.HTTPS_PROXY);
    expect(proxyFor(url, { ...env, NO_PROXY: '*' })).toBeNull();
    expect(bypassesProxy(url, 'models.corp.example:8443')).toBe(false);
    expect(bypassesProxy(url, 'models.corp.example:443')).toBe(true);
    expect(bypassesProxy(new URL('http://notcorp.example/'), 'corp.example')).toBe(false);
  });
  it('redacts credentials', () => {
    expect(redactProxy('http://user:pw@proxy:3128')).toBe('http://proxy:3128');
  });
});

describe('the agents route through the proxy the environment names', () => {
  let origin: FakeModelServer;
  let proxyHits: string[];
  let proxy: ReturnType<typeof createServer>;
  let proxyUrl: string;
  beforeEach(async () => {
    origin = await startFakeModelServer();
    origin.files.set('/f', Buffer.from('direct'));
    proxyHits = [];
    proxy = createServer((req, res) => {
      proxyHits.push(req.url ?? '');
      res.end('via proxy');
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const address = proxy.address();
    proxyUrl = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;
  });
  afterEach(async () => {
    await origin.close();
    await new Promise((resolve) => proxy.close(resolve));
  });

  const get = (env: Record<string, string>): Promise<string> => {
    const agents = createAgents(env);
    return new Promise<string>((resolve, reject) => {
      httpRequest(`${origin.url}/f`, { agent: agents.http }, (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => {
          agents.destroy();
          resolve(text);
        });
      })
        .on('error', reject)
        .end();
    });
  };

  it('uses HTTP_PROXY, and goes direct for NO_PROXY hosts, as proxyFor says', async () => {
    const viaProxy = { HTTP_PROXY: proxyUrl };
    expect(await get(viaProxy)).toBe('via proxy');
    expect(proxyFor(new URL(origin.url), viaProxy)).toBe(proxyUrl);
    expect(proxyHits).toEqual([`${origin.url}/f`]);

    const bypass = { HTTP_PROXY: proxyUrl, NO_PROXY: '127.0.0.1' };
    expect(await get(bypass)).toBe('direct');
    expect(proxyFor(new URL(origin.url), bypass)).toBeNull();
    expect(proxyHits).toHaveLength(1);
  });
});
