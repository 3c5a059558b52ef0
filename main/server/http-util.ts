/** Small HTTP helpers: JSON envelopes with a fitting status, and bounded body reading. */
import type { IncomingMessage, ServerResponse } from 'node:http';

import type { Envelope } from '../../app/contract/wire.ts';
import { type ErrorCode, StudioError } from '../../app/errors.ts';

const STATUS: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  NOT_FOUND: 404,
  CONFLICT: 409,
  CANCELLED: 409,
  UNAUTHORIZED: 401,
  UNAVAILABLE: 503,
  CONTRACT_MISMATCH: 409,
  UNSUPPORTED_FORMAT: 415,
  TOO_LARGE: 413,
  STORAGE_FAILED: 500,
  MIGRATION_FAILED: 500,
  MODEL_MISSING: 424,
  MODEL_CORRUPT: 424,
  INSUFFICIENT_MEMORY: 507,
  INFERENCE_FAILED: 500,
  INFERENCE_PROCESS_CRASHED: 500,
  INTERNAL: 500,
};

/** Headers every response carries. */
export const BASE_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-resource-policy': 'same-origin',
} as const;

export function sendEnvelope(res: ServerResponse, envelope: Envelope): void {
  const status = envelope.ok ? 200 : STATUS[envelope.error.code];
  const body = JSON.stringify(envelope);
  res.writeHead(status, {
    ...BASE_HEADERS,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
  });
  res.end(body);
}

export function sendError(res: ServerResponse, error: StudioError): void {
  sendEnvelope(res, { ok: false, error: error.toWire() });
}

/** Reads a request body up to `limit` bytes; TOO_LARGE beyond it. */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) {
    throw new StudioError('TOO_LARGE', `The request is larger than ${limit} bytes.`, { limit });
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of req) {
    total += (chunk as Buffer).length;
    if (total > limit) {
      throw new StudioError('TOO_LARGE', `The request is larger than ${limit} bytes.`, { limit });
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
