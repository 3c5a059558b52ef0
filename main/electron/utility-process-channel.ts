/**
 * Channel (main/core/ports.ts) over an Electron utility process: the desktop home of the
 * inference process. The child talks back through process.parentPort (main/core/process).
 */
import { utilityProcess } from 'electron';

import type { Logger } from '../../app/log.ts';
import type { Channel } from '../core/ports.ts';
import { channelExitLatch } from '../core/process/channel-exit.ts';

export interface UtilityChannelOptions {
  /** Shown in task managers and crash reports. */
  serviceName: string;
  /** Receives the child's stdout and stderr, line by line. */
  log: Logger;
  args?: string[];
  env?: Record<string, string>;
}

function pipeLines(stream: NodeJS.ReadableStream | null, write: (line: string) => void): void {
  let rest = '';
  stream?.on('data', (chunk: Buffer | string) => {
    const lines = (rest + chunk.toString()).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) {
      if (line.trim() !== '') {
        write(line);
      }
    }
  });
  stream?.on('end', () => {
    if (rest.trim() !== '') {
      write(rest);
    }
  });
}

/** Forks `entry` (after app ready); utility processes report an exit code, never a signal. */
export function utilityProcessChannel(entry: string, options: UtilityChannelOptions): Channel {
  const child = utilityProcess.fork(entry, options.args ?? [], {
    serviceName: options.serviceName,
    stdio: 'pipe',
    ...(options.env === undefined ? {} : { env: options.env }),
  });
  const log = options.log.child(options.serviceName);
  // Piped output must be read, or the child blocks once the pipe is full.
  pipeLines(child.stdout, (line) => {
    log.info('child.stdout', { line });
  });
  pipeLines(child.stderr, (line) => {
    log.warn('child.stderr', { line });
  });
  const exit = channelExitLatch();
  child.once('exit', (code) => {
    exit.settle({ code, signal: null });
  });
  return {
    send(message) {
      if (exit.current() === null) {
        child.postMessage(message);
      }
    },
    onMessage(listener) {
      const handler = (message: unknown) => {
        listener(message);
      };
      child.on('message', handler);
      return () => {
        child.off('message', handler);
      };
    },
    onExit: exit.onExit,
    kill() {
      if (exit.current() === null) {
        child.kill();
      }
    },
  };
}
