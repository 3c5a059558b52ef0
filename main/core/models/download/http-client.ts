/**
 * GET over node:http/https with redirects, an idle timeout, an AbortSignal and the proxy from
 * the environment (Node's Agent `proxyEnv`: HTTP_PROXY, HTTPS_PROXY, NO_PROXY). Credentials are
 * sent only to the origin they were given for: a redirect to another host (Hugging Face sends
 * downloads to a CDN with a signed URL) drops the Authorization header, as curl and browsers do.
 */
import { Agent as HttpAgent, type IncomingMessage, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

import { cancelledError, StudioError } from '../../../../app/errors.ts';
import type { ProxyEnv } from './proxy-env.ts';

const MAX_REDIRECTS = 8;

export interface HttpAgents {
  http: HttpAgent;
  https: HttpsAgent;
  destroy(): void;
}

/** Keep-alive agents that take their proxy from `env` (usually process.env). */
export function createAgents(env: ProxyEnv): HttpAgents {
  const proxyEnv = { ...env };
  const http = new HttpAgent({ keepAlive: true, proxyEnv });
  const https = new HttpsAgent({ keepAlive: true, proxyEnv });
  return {
    http,
    https,
    destroy: () => {
      http.destroy();
      https.destroy();
    },
  };
}

export interface GetRequest {
  url: string;
  headers?: Readonly<Record<string, string>>;
  /** Sent as `Authorization: Bearer …` to the first URL's origin only. */
  token?: string | null;
  signal: AbortSignal;
  agents: HttpAgents;
  /** Fails the request when no byte arrives for this long. */
  idleTimeoutMs: number;
}

export interface GetResponse {
  status: number;
  headers: IncomingMessage['headers'];
  body: IncomingMessage;
  /** The URL that answered, after redirects. */
  url: string;
}

/** A network-level failure worth retrying (connection reset, timeout, refused, DNS). */
export class TransientNetworkError extends Error {
  override readonly name = 'TransientNetworkError';
}

function once(request: GetRequest, url: URL, auth: boolean): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = {
      'user-agent': 'Layerline model manager',
      ...request.headers,
    };
    if (auth && request.token !== undefined && request.token !== null) {
      headers.authorization = `Bearer ${request.token}`;
    }
    const secure = url.protocol === 'https:';
    const send = secure ? httpsRequest : httpRequest;
    const req = send(url, {
      method: 'GET',
      headers,
      agent: secure ? request.agents.https : request.agents.http,
      signal: request.signal,
    });
    req.setTimeout(request.idleTimeoutMs, () => {
      req.destroy(new TransientNetworkError(`No answer from ${url.host} in time.`));
    });
    req.on('response', resolve);
    req.on('error', (error) => {
      if (request.signal.aborted) {
        reject(cancelledError(request.signal.reason));
      } else if (error instanceof TransientNetworkError) {
        reject(error);
      } else {
        reject(new TransientNetworkError(`${url.host}: ${error.message}`, { cause: error }));
      }
    });
    req.end();
  });
}

/** GET `url`, following up to 8 redirects. The caller must consume or destroy `body`. */
export async function httpGet(request: GetRequest): Promise<GetResponse> {
  const first = new URL(request.url);
  let url = first;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop += 1) {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new StudioError('VALIDATION_FAILED', `Unsupported download address ${url.protocol}.`);
    }
    const response = await once(request, url, url.origin === first.origin);
    const status = response.statusCode ?? 0;
    const location = response.headers.location;
    if (status >= 300 && status < 400 && status !== 304 && location !== undefined) {
      response.resume();
      url = new URL(location, url);
      if (first.protocol === 'https:' && url.protocol === 'http:') {
        throw new StudioError(
          'UNAVAILABLE',
          `The download server redirected ${first.host} to an insecure address; refusing it.`,
        );
      }
      continue;
    }
    return { status, headers: response.headers, body: response, url: url.toString() };
  }
  throw new StudioError('UNAVAILABLE', `Too many redirects from ${first.host}.`);
}
