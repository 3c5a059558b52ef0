import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import type { Channel } from '../ports.ts';
import { forkChannel } from './child-process-channel.ts';

const ECHO = fileURLToPath(new URL('../../../tests/fixtures/echo-child.ts', import.meta.url));

function nextMessage(channel: Channel): Promise<unknown> {
  return new Promise((resolve) => {
    const off = channel.onMessage((message) => {
      off();
      resolve(message);
    });
  });
}

const exited = (channel: Channel) =>
  new Promise<{ code: number | null; signal: string | null }>((resolve) => {
    channel.onExit(resolve);
  });

describe('forkChannel', () => {
  it('carries messages both ways, typed arrays included', async () => {
    const channel = forkChannel(ECHO);
    expect(await nextMessage(channel)).toEqual({ kind: 'ready' });
    const reply = nextMessage(channel);
    channel.send({ kind: 'echo', payload: { samples: new Float32Array([0.5, -0.25]) } });
    const answer = (await reply) as { payload: { samples: Float32Array } };
    expect(answer.payload.samples).toBeInstanceOf(Float32Array);
    expect([...answer.payload.samples]).toEqual([0.5, -0.25]);
    const exit = exited(channel);
    channel.kill();
    expect(await exit).toMatchObject({ signal: 'SIGKILL' });
  });

  it('reports a crash with its exit code, once, also to late listeners', async () => {
    const channel = forkChannel(ECHO);
    await nextMessage(channel);
    const exit = exited(channel);
    channel.send({ kind: 'exit', code: 3 });
    expect(await exit).toEqual({ code: 3, signal: null });
    expect(await exited(channel)).toEqual({ code: 3, signal: null });
    expect(() => {
      channel.send({ kind: 'echo' });
    }).not.toThrow();
  });

  it('kills a child stuck in a synchronous loop', async () => {
    const channel = forkChannel(ECHO);
    await nextMessage(channel);
    channel.send({ kind: 'hang' });
    const exit = exited(channel);
    setTimeout(() => {
      channel.kill();
    }, 100);
    expect(await exit).toMatchObject({ code: null, signal: 'SIGKILL' });
  });
});
