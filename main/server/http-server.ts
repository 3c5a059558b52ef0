/**
 * The headless host: the contract over HTTP (POST /rpc/:method, GET /events), media by hash
 * with ranges, uploads, exported files, and the built renderer.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { StudioError } from '../../app/errors.ts';
import { errorFields, type Logger } from '../../app/log.ts';
import { ArtifactId, MediaHash } from '../../app/model/ids.ts';
import { parsePeakLevel } from '../core/audio/peaks.ts';
import type { Services } from '../core/compose.ts';
import {
  type AccessPolicy,
  checkAccess,
  isLoopbackHost,
  loopbackHosts,
  TOKEN_COOKIE,
  tokenMatches,
} from './access.ts';
import { BASE_HEADERS, readBody, sendEnvelope, sendError } from './http-util.ts';
import { serveFile } from './media-route.ts';
import { serveStatic } from './static-route.ts';
import { receiveUpload, uploadName } from './upload-route.ts';

export interface ServerOptions {
  services: Services;
  log: Logger;
  /** Interface to bind; anything but loopback requires `token`. */
  host: string;
  /** 0 picks a free port. */
  port: number;
  token: string | null;
  rendererDir: string;
  maxUploadBytes: number;
}

export interface StudioServer {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

const RPC_BODY_LIMIT = 8 * 1024 * 1024;
const HEARTBEAT_MS = 15_000;

/** Routes one request; every method answers within the access policy already checked. */
class StudioHttpApp {
  readonly #options: ServerOptions;
  readonly #log: Logger;
  readonly streams = new Set<ServerResponse>();
  readonly policy: AccessPolicy;

  constructor(options: ServerOptions) {
    this.#options = options;
    this.#log = options.log.child('http');
    this.policy = { token: options.token, allowedHosts: null };
  }

  handle = (req: IncomingMessage, res: ServerResponse): void => {
    this.#route(req, res).catch((error: unknown) => {
      this.#log.error('request.crashed', { path: req.url?.split('?')[0], ...errorFields(error) });
      if (!res.headersSent) {
        sendError(res, new StudioError('INTERNAL', 'The server failed to answer.'));
      } else {
        res.destroy();
      }
    });
  };

  async #route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://studio.invalid');
    if (!this.#admit(req, res, url)) {
      return;
    }
    const [, first, second, third, fourth] = url.pathname.split('/');
    const read = req.method === 'GET' || req.method === 'HEAD';
    if (first === 'rpc' && second !== undefined && third === undefined) {
      // Method names are plain ASCII: the raw segment is compared as is, never decoded.
      await this.#rpc(req, res, second);
    } else if (first === 'events' && second === undefined && req.method === 'GET') {
      this.#events(req, res);
    } else if (first === 'media' && second !== undefined && third === undefined && read) {
      await this.#media(req, res, second);
    } else if (first === 'media' && second !== undefined && third === 'peaks' && !fourth && read) {
      await this.#peaks(req, res, second, url);
    } else if (first === 'upload' && second === undefined && req.method === 'POST') {
      await this.#upload(req, res, url);
    } else if (first === 'artifacts' && second !== undefined && third === undefined && read) {
      await this.#artifact(req, res, second);
    } else if (read) {
      await serveStatic(req, res, this.#options.rendererDir, url.pathname);
    } else {
      sendError(
        res,
        new StudioError('NOT_FOUND', `No route ${req.method ?? ''} ${url.pathname.slice(0, 80)}.`),
      );
    }
  }

  /** Applies the access policy; false when it already answered. */
  #admit(req: IncomingMessage, res: ServerResponse, url: URL): boolean {
    const verdict = checkAccess(this.policy, req, url);
    if (verdict.ok) {
      return true;
    }
    // A browser opened with ?token=… trades it for a cookie, then continues without it.
    const offered = url.searchParams.get('token');
    const token = this.policy.token;
    if (
      verdict.status === 401 &&
      req.method === 'GET' &&
      url.pathname === '/' &&
      token !== null &&
      tokenMatches(token, offered)
    ) {
      res.writeHead(303, {
        ...BASE_HEADERS,
        location: '/',
        'set-cookie': `${TOKEN_COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`,
      });
      res.end();
      return false;
    }
    res.writeHead(verdict.status, { ...BASE_HEADERS, 'content-type': 'application/json' });
    res.end(
      JSON.stringify({ ok: false, error: { code: 'UNAUTHORIZED', message: verdict.message } }),
    );
    return false;
  }

  async #rpc(req: IncomingMessage, res: ServerResponse, method: string): Promise<void> {
    if (req.method !== 'POST') {
      sendError(res, new StudioError('VALIDATION_FAILED', 'Calls are POST requests.'));
      return;
    }
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
      sendError(
        res,
        new StudioError(
          'VALIDATION_FAILED',
          'Calls carry a JSON body (content-type: application/json).',
        ),
      );
      return;
    }
    let params: unknown;
    try {
      const text = (await readBody(req, RPC_BODY_LIMIT)).toString('utf8');
      params = text === '' ? undefined : JSON.parse(text);
    } catch (error) {
      sendError(
        res,
        error instanceof StudioError
          ? error
          : new StudioError('VALIDATION_FAILED', 'The request body is not valid JSON.'),
      );
      return;
    }
    const controller = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) {
        controller.abort(new StudioError('CANCELLED', 'The caller went away.'));
      }
    });
    sendEnvelope(
      res,
      await this.#options.services.dispatch(method, params, { signal: controller.signal }),
    );
  }

  #events(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, {
      ...BASE_HEADERS,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    });
    res.write('retry: 1000\n\n: connected\n\n');
    this.streams.add(res);
    const unsubscribe = this.#options.services.events.subscribe((event, payload) => {
      res.write(`data: ${JSON.stringify({ event, payload })}\n\n`);
    });
    const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
    req.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
      this.streams.delete(res);
    });
  }

  async #media(req: IncomingMessage, res: ServerResponse, raw: string): Promise<void> {
    const hash = MediaHash.safeParse(raw);
    const found = hash.success ? this.#options.services.library.resolveMedia(hash.data) : null;
    if (found === null) {
      sendError(res, new StudioError('NOT_FOUND', 'No such media.'));
      return;
    }
    await serveFile(req, res, { ...found, etag: raw, immutable: true });
  }

  /** GET /media/:hash/peaks[?samplesPerPeak=N]: wavesurfer.js-ready JSON (audio/peaks.ts). */
  async #peaks(req: IncomingMessage, res: ServerResponse, raw: string, url: URL): Promise<void> {
    try {
      const hash = MediaHash.safeParse(raw);
      const level = parsePeakLevel(url.searchParams.get('samplesPerPeak'));
      const peaks = hash.success
        ? await this.#options.services.library.resolvePeaks(hash.data, level)
        : null;
      if (peaks === null) {
        throw new StudioError('NOT_FOUND', 'No such audio.');
      }
      const body = Buffer.from(JSON.stringify(peaks));
      const etag = `"${raw}-${peaks.samplesPerPeak}"`;
      const headers = {
        ...BASE_HEADERS,
        'content-type': 'application/json',
        etag,
        'cache-control': 'private, max-age=31536000, immutable',
      };
      if (req.headers['if-none-match'] === etag) {
        res.writeHead(304, headers).end();
        return;
      }
      res.writeHead(200, { ...headers, 'content-length': body.length });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch (error) {
      sendError(
        res,
        error instanceof StudioError ? error : new StudioError('INTERNAL', 'Peaks failed.'),
      );
    }
  }

  async #upload(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    try {
      const result = await receiveUpload(req, {
        uploadsDir: this.#options.services.paths.uploadsDir,
        limit: this.#options.maxUploadBytes,
        name: uploadName(url.searchParams.get('name')),
        files: this.#options.services.files,
      });
      sendEnvelope(res, { ok: true, value: result });
    } catch (error) {
      res.setHeader('connection', 'close');
      sendError(
        res,
        error instanceof StudioError
          ? error
          : new StudioError('STORAGE_FAILED', 'The upload failed.'),
      );
    }
  }

  async #artifact(req: IncomingMessage, res: ServerResponse, raw: string): Promise<void> {
    const id = ArtifactId.safeParse(raw);
    try {
      if (!id.success) {
        throw new StudioError('NOT_FOUND', 'No such file.');
      }
      const artifact = await this.#options.services.artifacts.resolveExisting(id.data);
      await serveFile(req, res, {
        path: artifact.path,
        bytes: artifact.bytes,
        mime: 'application/octet-stream',
        etag: raw,
        immutable: false,
        downloadName: artifact.fileName,
      });
    } catch (error) {
      sendError(
        res,
        error instanceof StudioError ? error : new StudioError('NOT_FOUND', 'No such file.'),
      );
    }
  }
}

export async function startStudioServer(options: ServerOptions): Promise<StudioServer> {
  if (!isLoopbackHost(options.host) && (options.token === null || options.token.length < 16)) {
    throw new StudioError(
      'UNAUTHORIZED',
      `Refusing to listen on ${options.host} without an access token of at least 16 characters (--token or LAYERLINE_TOKEN).`,
    );
  }
  const app = new StudioHttpApp(options);
  const server: Server = createServer(app.handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  if (isLoopbackHost(options.host)) {
    app.policy.allowedHosts = loopbackHosts(port);
  }
  const shownHost = options.host.includes(':') ? `[${options.host}]` : options.host;
  const url = `http://${shownHost}:${port}/`;
  options.log.child('http').info('server.listening', { url });
  return {
    url,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const stream of app.streams) {
          stream.end();
        }
        server.close(() => {
          resolve();
        });
        server.closeAllConnections();
      }),
  };
}
