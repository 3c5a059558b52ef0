/** What crosses a transport: the result envelope and the error inside it. */
import { z } from 'zod';

import { ERROR_CODES, type WireError as WireErrorType } from '../errors.ts';

export const WireError = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  details: z.unknown().optional(),
});

export const Envelope = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: WireError }),
]);

export type Envelope<T = unknown> = { ok: true; value: T } | { ok: false; error: WireErrorType };

export function okEnvelope<T>(value: T): Envelope<T> {
  return { ok: true, value };
}

export function errorEnvelope(error: WireErrorType): Envelope<never> {
  return { ok: false, error };
}
