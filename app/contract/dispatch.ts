/**
 * The server half of the contract: look up the method, validate params, run the handler,
 * validate the result and answer with an envelope. The only place exceptions become envelopes.
 */
import type { z } from 'zod';

import { StudioError, type WireError } from '../errors.ts';
import { errorFields, type Logger } from '../log.ts';
import { type Methods, methods, type ParsedParams, type Result } from './methods.ts';
import { isMethodName, type MethodName } from './names.ts';
import { type Envelope, errorEnvelope, okEnvelope } from './wire.ts';

export interface CallContext {
  /** Aborted when the caller goes away or the host shuts down. */
  signal: AbortSignal;
  log: Logger;
}

export type MethodHandler<K extends MethodName> = (
  params: ParsedParams<K>,
  context: CallContext,
) => Promise<Result<K>> | Result<K>;

export type Handlers = { [K in MethodName]: MethodHandler<K> };

export type Dispatch = (
  method: string,
  params: unknown,
  options?: { signal?: AbortSignal },
) => Promise<Envelope>;

/** zod issues as plain data: where and what. */
export function issuesOf(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
}

export function validationError(message: string, error: z.ZodError): StudioError {
  const issues = issuesOf(error);
  const first = issues[0];
  const where =
    first === undefined || first.path === '' ? '' : ` (${first.path}: ${first.message})`;
  return new StudioError('VALIDATION_FAILED', `${message}${where}`, { issues });
}

let incidentCounter = 0;
const defaultIncidentId = (): string =>
  `inc-${Date.now().toString(36)}-${(incidentCounter++).toString(36)}`;

export function createDispatch(
  handlers: Handlers,
  options: { log: Logger; newIncidentId?: () => string },
): Dispatch {
  const log = options.log.child('rpc');
  const newIncidentId = options.newIncidentId ?? defaultIncidentId;

  const toWire = (method: string, error: unknown): WireError => {
    if (error instanceof StudioError) {
      if (error.code === 'CANCELLED') {
        log.info('call.cancelled', { method });
      } else {
        log.warn('call.failed', { method, code: error.code, error: error.message });
      }
      return error.toWire();
    }
    const incidentId = newIncidentId();
    log.error('call.crashed', { method, incidentId, ...errorFields(error) });
    return {
      code: 'INTERNAL',
      message: `Something went wrong inside the studio (incident ${incidentId}).`,
      details: { incidentId },
    };
  };

  return async (method, params, callOptions = {}) => {
    if (!isMethodName(method)) {
      return errorEnvelope({
        code: 'VALIDATION_FAILED',
        message: `Unknown method '${method.slice(0, 80)}'.`,
        details: { method: method.slice(0, 80) },
      });
    }
    const def: Methods[MethodName] = methods[method];
    const parsed = def.params.safeParse(params);
    if (!parsed.success) {
      return errorEnvelope(
        validationError(`Invalid parameters for ${method}`, parsed.error).toWire(),
      );
    }
    const signal = callOptions.signal ?? new AbortController().signal;
    try {
      const handler = handlers[method] as (p: unknown, c: CallContext) => unknown;
      const value: unknown = await handler(parsed.data, { signal, log: log.child(method) });
      const checked = def.result.safeParse(value);
      if (!checked.success) {
        throw new Error(`${method} produced a result outside its schema: ${checked.error.message}`);
      }
      return okEnvelope(checked.data);
    } catch (error) {
      return errorEnvelope(toWire(method, error));
    }
  };
}
