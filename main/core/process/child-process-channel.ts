/**
 * Channel over a Node child process (`child_process.fork`), used by the server host and tests
 * for the inference process. Messages use the "advanced" serialization, so typed arrays cross
 * as typed arrays.
 */
import { fork } from 'node:child_process';

import type { Channel } from '../ports.ts';
import { channelExitLatch } from './channel-exit.ts';

export interface ForkOptions {
  args?: string[];
  execArgv?: string[];
  env?: NodeJS.ProcessEnv;
}

export function forkChannel(entry: string, options: ForkOptions = {}): Channel {
  const child = fork(entry, options.args ?? [], {
    serialization: 'advanced',
    execArgv: options.execArgv ?? [],
    env: options.env ?? process.env,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exit = channelExitLatch();
  child.once('exit', (code, signal) => {
    exit.settle({ code, signal });
  });
  // A failed spawn emits 'error' (and maybe no 'exit'); report it as an exit.
  child.once('error', () => {
    if (exit.current() === null && child.exitCode === null) {
      child.emit('exit', null, 'SPAWN_FAILED');
    }
  });
  return {
    send(message) {
      if (exit.current() === null && child.connected) {
        child.send(message as never);
      }
    },
    onMessage(listener) {
      child.on('message', listener);
      return () => {
        child.off('message', listener);
      };
    },
    onExit: exit.onExit,
    kill() {
      if (exit.current() === null) {
        child.kill('SIGKILL');
      }
    },
  };
}
