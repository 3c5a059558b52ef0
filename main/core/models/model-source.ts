/**
 * Where packs download from: a base URL (Hugging Face by default, a ModelScope-style mirror or
 * a company mirror) and an optional access token in the host's secret store. Settings beat
 * the environment (LAYERLINE_MODEL_BASE_URL, then HF_ENDPOINT), which beats the catalog.
 */
import { readFile } from 'node:fs/promises';

import { z } from 'zod';

import type { ModelSourceView } from '../../../app/contract/models.ts';
import { StudioError } from '../../../app/errors.ts';
import { writeFileAtomic } from '../fs/atomic.ts';
import type { SecretStore } from '../ports.ts';
import type { Catalog } from './catalog.ts';
import { type ProxyEnv, proxyFor, redactProxy } from './download/proxy-env.ts';

export const TOKEN_SECRET = 'model-source-token';

const Settings = z.object({ baseUrl: z.string().nullable() });

/** Checks a base URL or template: http(s), placeholders only {repo}, {revision}, {path}. */
export function validateBaseUrl(value: string): string {
  const trimmed = value.trim();
  const unknown = [...trimmed.matchAll(/\{([^}]*)\}/g)]
    .map((m) => m[1])
    .filter((name) => name !== 'repo' && name !== 'revision' && name !== 'path');
  const probe = trimmed.replace(/\{(repo|revision|path)\}/g, 'x');
  let url: URL | null;
  try {
    url = new URL(probe);
  } catch {
    url = null;
  }
  if (
    url === null ||
    (url.protocol !== 'https:' && url.protocol !== 'http:') ||
    unknown.length > 0
  ) {
    throw new StudioError(
      'VALIDATION_FAILED',
      'The download source must be an http(s) address; it may use {repo}, {revision} and {path}.',
      { baseUrl: value },
    );
  }
  return trimmed;
}

/** The URL of `path` in `repo` at `revision` under `baseUrl` (template or plain base). */
export function packFileUrl(
  baseUrl: string,
  target: { repo: string; revision: string; path: string },
): string {
  const encodePath = (path: string) => path.split('/').map(encodeURIComponent).join('/');
  if (baseUrl.includes('{path}')) {
    return baseUrl
      .replaceAll('{repo}', target.repo)
      .replaceAll('{revision}', encodeURIComponent(target.revision))
      .replaceAll('{path}', encodePath(target.path));
  }
  return `${baseUrl.replace(/\/+$/, '')}/${encodePath(target.path)}`;
}

export interface ResolvedSource {
  baseUrl: string;
  origin: ModelSourceView['origin'];
  token: string | null;
}

export class ModelSource {
  readonly #settingsPath: string;
  readonly #secrets: SecretStore;
  readonly #catalog: () => Catalog;
  readonly #env: ProxyEnv;

  constructor(settingsPath: string, secrets: SecretStore, catalog: () => Catalog, env: ProxyEnv) {
    this.#settingsPath = settingsPath;
    this.#secrets = secrets;
    this.#catalog = catalog;
    this.#env = env;
  }

  async #settings(): Promise<z.infer<typeof Settings>> {
    try {
      const parsed = Settings.safeParse(JSON.parse(await readFile(this.#settingsPath, 'utf8')));
      return parsed.success ? parsed.data : { baseUrl: null };
    } catch {
      return { baseUrl: null };
    }
  }

  async resolve(): Promise<ResolvedSource> {
    const settings = await this.#settings();
    const fromEnv =
      this.#env.LAYERLINE_MODEL_BASE_URL ??
      (this.#env.HF_ENDPOINT === undefined
        ? undefined
        : `${this.#env.HF_ENDPOINT.replace(/\/+$/, '')}/{repo}/resolve/{revision}/{path}`);
    const stored = await this.#secrets.get(TOKEN_SECRET);
    const token = stored ?? this.#env.HF_TOKEN ?? null;
    if (settings.baseUrl !== null) {
      return { baseUrl: settings.baseUrl, origin: 'settings', token };
    }
    if (fromEnv !== undefined && fromEnv.trim() !== '') {
      return { baseUrl: fromEnv.trim(), origin: 'environment', token };
    }
    return { baseUrl: this.#catalog().defaultBaseUrl, origin: 'catalog', token };
  }

  async view(): Promise<ModelSourceView> {
    const resolved = await this.resolve();
    const probe = packFileUrl(resolved.baseUrl, { repo: 'r', revision: 'main', path: 'p' });
    const proxy = proxyFor(new URL(probe), this.#env);
    return {
      baseUrl: resolved.baseUrl,
      isDefault: resolved.origin === 'catalog',
      origin: resolved.origin,
      hasToken: resolved.token !== null,
      tokenStorage: this.#secrets.description,
      proxy: proxy === null ? null : redactProxy(proxy),
      packsPublished: this.#catalog().packSource.published,
    };
  }

  /** baseUrl null = back to the default; token undefined = unchanged, null = forget it. */
  async update(change: { baseUrl?: string | null; token?: string | null }): Promise<void> {
    if (change.baseUrl !== undefined) {
      const baseUrl = change.baseUrl === null ? null : validateBaseUrl(change.baseUrl);
      await writeFileAtomic(this.#settingsPath, `${JSON.stringify({ baseUrl }, null, 2)}\n`);
    }
    if (change.token !== undefined) {
      const token = change.token?.trim() ?? null;
      await this.#secrets.set(TOKEN_SECRET, token === '' ? null : token);
    }
  }
}
