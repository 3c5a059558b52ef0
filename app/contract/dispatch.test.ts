import { describe, expect, it } from 'vitest';

import { StudioError } from '../errors.ts';
import { createLogger, type LogRecord } from '../log.ts';
import { StudioClient } from './client.ts';
import { createDispatch, type Handlers } from './dispatch.ts';
import type { EventListener } from './transport.ts';
import { memoryTransport } from './transports/memory.ts';

const PROJECT_ID = '5dbdaac9-9bf3-4e32-983e-ab7065e492c3';

/** Handlers that fail loudly unless a test overrides them. */
function handlers(overrides: Partial<Handlers>): Handlers {
  const unexpected = () => {
    throw new Error('unexpected call');
  };
  return new Proxy(overrides as Handlers, {
    get: (target, key: string) => (target as Record<string, unknown>)[key] ?? unexpected,
  });
}

function setup(overrides: Partial<Handlers>) {
  const logs: LogRecord[] = [];
  const log = createLogger((record) => logs.push(record), { minLevel: 'debug' });
  const dispatch = createDispatch(handlers(overrides), { log, newIncidentId: () => 'inc-test' });
  const listeners = new Set<EventListener>();
  const emit = (event: string, payload: unknown) => {
    listeners.forEach((listener) => {
      listener(event, payload);
    });
  };
  const client = new StudioClient(
    memoryTransport(dispatch, {
      subscribe: (listener) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    }),
  );
  return { dispatch, client, logs, emit, listeners };
}

describe('dispatch', () => {
  it('validates params before the handler runs and reports every issue', async () => {
    let called = false;
    const { dispatch } = setup({
      'project.rename': () => {
        called = true;
        throw new Error('not reached');
      },
    });
    const answer = await dispatch('project.rename', { projectId: 7, name: '   ' });
    expect(called).toBe(false);
    expect(answer).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    const issues = (answer as { error: { details: { issues: { path: string }[] } } }).error.details
      .issues;
    expect(issues.map((i) => i.path)).toEqual(['projectId', 'name']);
  });

  it('passes StudioErrors through and turns anything else into INTERNAL with an incident id', async () => {
    const { dispatch, logs } = setup({
      'project.get': () => {
        throw new StudioError('NOT_FOUND', 'gone', { projectId: PROJECT_ID });
      },
      'project.list': () => {
        throw new TypeError('secret stack detail');
      },
    });
    expect(await dispatch('project.get', { projectId: PROJECT_ID })).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'gone', details: { projectId: PROJECT_ID } },
    });
    const crash = await dispatch('project.list', {});
    expect(crash).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL', details: { incidentId: 'inc-test' } },
    });
    expect(JSON.stringify(crash)).not.toContain('secret stack detail');
    expect(logs.find((r) => r.event === 'call.crashed')?.fields).toMatchObject({
      incidentId: 'inc-test',
      error: 'secret stack detail',
    });
  });

  it('refuses a handler result outside the result schema', async () => {
    const { dispatch } = setup({ 'job.cancel': () => 'done' as unknown as null });
    expect(await dispatch('job.cancel', { jobId: PROJECT_ID })).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL' },
    });
  });

  it('answers unknown methods without calling anything', async () => {
    const { dispatch } = setup({});
    expect(await dispatch('constructor', {})).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
    expect(await dispatch('__proto__', {})).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
  });
});

describe('StudioClient', () => {
  it('unwraps values and rethrows host errors as StudioErrors', async () => {
    const { client } = setup({
      'project.list': () => [],
      'project.get': () => {
        throw new StudioError('NOT_FOUND', 'gone');
      },
    });
    expect(await client.call('project.list', {})).toEqual([]);
    await expect(client.call('project.get', { projectId: PROJECT_ID })).rejects.toMatchObject({
      name: 'StudioError',
      code: 'NOT_FOUND',
    });
  });

  it('refuses a host speaking another contract version', async () => {
    const { client } = setup({
      'system.hello': () => ({ contractVersion: 999, appVersion: 'x', host: 'server' as const }),
    });
    await expect(client.connect()).rejects.toMatchObject({ code: 'CONTRACT_MISMATCH' });
  });

  it('delivers only its event, validated, and unsubscribes', () => {
    const { client, emit, listeners } = setup({});
    const seen: unknown[] = [];
    const off = client.on('project.changed', (payload) => seen.push(payload));
    emit('library.changed', {});
    emit('project.changed', { projectId: PROJECT_ID, revision: 3 });
    emit('project.changed', { projectId: 'nope', revision: -1 });
    expect(seen).toEqual([{ projectId: PROJECT_ID, revision: 3 }]);
    off();
    expect(listeners.size).toBe(0);
  });
});
