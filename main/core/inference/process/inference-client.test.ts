/** The client's protocol handling over an in-memory fake process. */
import { describe, expect, it } from 'vitest';

import { noopLogger } from '../../../../app/log.ts';
import type { Channel } from '../../ports.ts';
import { InferenceClient } from './inference-client.ts';
import type { FromChild, ToChild } from './protocol.ts';

interface FakeProcess {
  channel: Channel;
  received: ToChild[];
  reply(message: FromChild): void;
  exit(code: number | null, signal: string | null): void;
  killed: boolean;
}

function fakeProcess(behaviour: (process: FakeProcess, message: ToChild) => void): FakeProcess {
  const listeners = new Set<(message: unknown) => void>();
  const exits = new Set<(exit: { code: number | null; signal: string | null }) => void>();
  let exited = false;
  const fake: FakeProcess = {
    received: [],
    killed: false,
    reply: (message) => {
      queueMicrotask(() => {
        for (const listener of listeners) {
          listener(message);
        }
      });
    },
    exit: (code, signal) => {
      if (exited) {
        return;
      }
      exited = true;
      queueMicrotask(() => {
        for (const listener of exits) {
          listener({ code, signal });
        }
      });
    },
    channel: {
      send: (message) => {
        fake.received.push(message as ToChild);
        behaviour(fake, message as ToChild);
      },
      onMessage: (listener) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      onExit: (listener) => {
        exits.add(listener);
        return () => exits.delete(listener);
      },
      kill: () => {
        fake.killed = true;
        fake.exit(null, 'SIGKILL');
      },
    },
  };
  return fake;
}

/** A well-behaved process: answers init, echoes task payloads, honours cancel unless told not to. */
function echo(options: { ignoreCancel?: boolean; progressSteps?: number } = {}) {
  return (process: FakeProcess, message: ToChild) => {
    if (message.type === 'init') {
      process.reply({ type: 'ready', pid: 1234, providers: ['cpu'] });
    } else if (message.type === 'task.run') {
      for (let i = 1; i <= (options.progressSteps ?? 0); i += 1) {
        process.reply({ type: 'task.progress', taskId: message.taskId, progress: { step: i } });
      }
      if (message.task !== 'wait') {
        process.reply({ type: 'task.done', taskId: message.taskId, result: message.payload });
      }
    } else if (message.type === 'task.cancel' && options.ignoreCancel !== true) {
      process.reply({ type: 'task.cancelled', taskId: message.taskId });
    } else if (message.type === 'shutdown') {
      process.exit(0, null);
    }
  };
}

function client(factory: () => FakeProcess, cancelGraceMs = 50) {
  const processes: FakeProcess[] = [];
  const inference = new InferenceClient({
    channel: () => {
      const next = factory();
      processes.push(next);
      return next.channel;
    },
    init: { contractPath: '/c.json', providers: ['cpu'] },
    log: noopLogger,
    cancelGraceMs,
  });
  return { inference, processes };
}

describe('InferenceClient', () => {
  it('starts lazily with init, runs tasks in order and relays progress', async () => {
    const { inference, processes } = client(() => fakeProcess(echo({ progressSteps: 2 })));
    expect(processes).toHaveLength(0);
    const progress: unknown[] = [];
    const [a, b] = await Promise.all([
      inference.run('generate', { n: 1 }, { onProgress: (p) => progress.push(p) }),
      inference.run('generate', { n: 2 }),
    ]);
    expect([a, b]).toEqual([{ n: 1 }, { n: 2 }]);
    expect(progress).toEqual([{ step: 1 }, { step: 2 }]);
    expect(processes).toHaveLength(1);
    expect(processes[0]!.received.map((m) => m.type)).toEqual(['init', 'task.run', 'task.run']);
    expect(processes[0]!.received[0]).toMatchObject({ type: 'init', contractPath: '/c.json' });
    expect(inference.pid).toBe(1234);
    await inference.dispose();
  });

  it('turns a failure into the StudioError it carries', async () => {
    const { inference } = client(() =>
      fakeProcess((process, message) => {
        if (message.type === 'init') {
          process.reply({ type: 'ready', pid: 1, providers: [] });
        } else if (message.type === 'task.run') {
          process.reply({
            type: 'task.failed',
            taskId: message.taskId,
            error: { code: 'MODEL_MISSING', message: 'no vae', details: { component: 'vae' } },
          });
        }
      }),
    );
    await expect(inference.run('generate', {})).rejects.toMatchObject({
      code: 'MODEL_MISSING',
      details: { component: 'vae' },
    });
  });

  it('cancels through the process, and kills it when it does not stop in the grace period', async () => {
    const polite = client(() => fakeProcess(echo()));
    const controller = new AbortController();
    const running = polite.inference.run('wait', {}, { signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort();
    await expect(running).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(polite.processes[0]!.killed).toBe(false);

    const stuck = client(() => fakeProcess(echo({ ignoreCancel: true })));
    const second = new AbortController();
    const hung = stuck.inference.run('wait', {}, { signal: second.signal });
    await new Promise((resolve) => setTimeout(resolve, 5));
    second.abort();
    await expect(hung).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(stuck.processes[0]!.killed).toBe(true);
    // The next task gets a fresh process.
    await expect(stuck.inference.run('generate', 7)).resolves.toBe(7);
    expect(stuck.processes).toHaveLength(2);
  });

  it('fails the running task when the process dies, and restarts for the next', async () => {
    const { inference, processes } = client(() => fakeProcess(echo()));
    const running = inference.run('wait', {});
    await new Promise((resolve) => setTimeout(resolve, 5));
    processes[0]!.exit(null, 'SIGKILL');
    await expect(running).rejects.toMatchObject({
      code: 'INFERENCE_PROCESS_CRASHED',
      details: { signal: 'SIGKILL' },
    });
    await expect(inference.run('generate', 'again')).resolves.toBe('again');
    expect(inference.starts).toBe(2);
  });

  it('ignores malformed and stale messages', async () => {
    const { inference } = client(() =>
      fakeProcess((process, message) => {
        echo()(process, message);
        if (message.type === 'task.run') {
          process.reply({ type: 'bogus' } as unknown as FromChild);
          process.reply({ type: 'task.done', taskId: 'someone-else', result: 'wrong' });
        }
      }),
    );
    await expect(inference.run('generate', 'right')).resolves.toBe('right');
  });

  it('keeps each session’s provider report, the latest last, until a fresh process starts', async () => {
    const cuda = { provider: 'cuda' as const, reason: 'libcudnn.so.9 missing' };
    const { inference, processes } = client(() =>
      fakeProcess((process, message) => {
        if (message.type === 'task.run') {
          const first = message.payload === 'fallback';
          const fallbacks = first ? [cuda] : [];
          const loaded = first
            ? ['vae/vae_decoder', 'text-encoder/text_encoder']
            : ['vae/vae_decoder'];
          for (const session of loaded) {
            process.reply({
              type: 'session.loaded',
              report: { session, provider: 'cpu', fallbacks },
            });
          }
        }
        echo()(process, message);
      }),
    );
    expect(inference.providerStatus()).toEqual({ available: true, inUse: null, sessions: [] });
    await inference.run('generate', 'fallback');
    const status = inference.providerStatus();
    expect(status.sessions.map((s) => s.session)).toEqual([
      'vae/vae_decoder',
      'text-encoder/text_encoder',
    ]);
    expect(status.inUse).toEqual({
      session: 'text-encoder/text_encoder',
      provider: 'cpu',
      fallbacks: [cuda],
    });
    processes[0]!.exit(null, 'SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 5));
    // The old process's report stands until a new one starts; the new one has loaded nothing.
    expect(inference.providerStatus().inUse?.provider).toBe('cpu');
    await inference.run('generate', 'plain');
    expect(inference.providerStatus().sessions).toEqual([
      { session: 'vae/vae_decoder', provider: 'cpu', fallbacks: [] },
    ]);
    await inference.dispose();
  });
});
