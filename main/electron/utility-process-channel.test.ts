import { beforeEach, describe, expect, it, vi } from 'vitest';

import { createLogger, type LogRecord } from '../../app/log.ts';
import { fake } from '../../tests/helpers/fake-electron.ts';
import { utilityProcessChannel } from './utility-process-channel.ts';

const hoisted = await vi.hoisted(() => import('../../tests/helpers/fake-electron.ts'));
vi.mock('electron', () => hoisted.fake.module);

let logs: LogRecord[];

beforeEach(() => {
  fake.reset();
  logs = [];
});

function open(options: { env?: Record<string, string> } = {}) {
  const channel = utilityProcessChannel('/app/out/main/inference.js', {
    serviceName: 'layerline-inference',
    log: createLogger((r) => logs.push(r)),
    args: ['--threads', '2'],
    ...options,
  });
  const child = fake.state.forks.at(-1)!;
  return { channel, child };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('utility process channel', () => {
  it('forks the entry with piped stdio and the service name', () => {
    const { child } = open({ env: { LAYERLINE_X: '1' } });
    expect(child.modulePath).toBe('/app/out/main/inference.js');
    expect(child.args).toEqual(['--threads', '2']);
    expect(child.options).toEqual({
      serviceName: 'layerline-inference',
      stdio: 'pipe',
      env: { LAYERLINE_X: '1' },
    });
  });

  it('carries messages both ways, typed arrays included, and unsubscribes', () => {
    const { channel, child } = open();
    channel.send({ kind: 'run', samples: new Float32Array([0.5, -0.25]) });
    const posted = child.posted[0] as { samples: Float32Array };
    expect(posted.samples).toBeInstanceOf(Float32Array);
    expect([...posted.samples]).toEqual([0.5, -0.25]);
    const got: unknown[] = [];
    const off = channel.onMessage((m) => got.push(m));
    child.emit('message', { kind: 'progress', step: 1 });
    off();
    child.emit('message', { kind: 'progress', step: 2 });
    expect(got).toEqual([{ kind: 'progress', step: 1 }]);
    expect(child.listenerCount('message')).toBe(0);
  });

  it('reports the exit once, with its code, also to late listeners; then drops sends and kills', () => {
    const { channel, child } = open();
    const exits: unknown[] = [];
    const off = channel.onExit((e) => exits.push(e));
    const removed = channel.onExit(() => exits.push('removed listener'));
    removed();
    child.exit(3);
    child.exit(4);
    expect(exits).toEqual([{ code: 3, signal: null }]);
    const late: unknown[] = [];
    channel.onExit((e) => late.push(e));
    expect(late).toEqual([{ code: 3, signal: null }]);
    off();
    channel.send({ kind: 'run' });
    expect(child.posted).toEqual([]);
    channel.kill();
    expect(child.killCalls).toBe(0);
  });

  it('kills a live child', () => {
    const { channel, child } = open();
    channel.kill();
    expect(child.killCalls).toBe(1);
  });

  it('drains the child output into the log, line by line', async () => {
    const { child } = open();
    child.stdout?.write('loading model\nsess');
    child.stdout?.write('ion ready\n');
    child.stderr?.write('warning: slow\n');
    child.stdout?.end('tail without newline');
    await tick();
    expect(logs.map((r) => [r.level, r.event, r.fields.line])).toEqual([
      ['info', 'child.stdout', 'loading model'],
      ['info', 'child.stdout', 'session ready'],
      ['warn', 'child.stderr', 'warning: slow'],
      ['info', 'child.stdout', 'tail without newline'],
    ]);
    expect(logs[0]?.scope).toBe('layerline-inference');
  });
});
