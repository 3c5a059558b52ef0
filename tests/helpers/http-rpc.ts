/** A bare JSON-over-HTTP caller for tests that talk to a server process directly. */
import type { Envelope } from '../../app/contract/wire.ts';

export async function rpc(
  baseUrl: string,
  method: string,
  params: unknown,
  init: { signal?: AbortSignal } = {},
): Promise<Envelope> {
  const response = await fetch(`${baseUrl}/rpc/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(params),
    ...(init.signal === undefined ? {} : { signal: init.signal }),
  });
  return (await response.json()) as Envelope;
}

export async function rpcValue<T>(baseUrl: string, method: string, params: unknown): Promise<T> {
  const answer = await rpc(baseUrl, method, params);
  if (!answer.ok) {
    throw new Error(`${method} failed: ${answer.error.code} ${answer.error.message}`);
  }
  return answer.value as T;
}
