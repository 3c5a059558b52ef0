/**
 * The exit half of a Channel (main/core/ports.ts), shared by the child-process and the
 * Electron utility-process channels: remembers the one exit, tells every listener once, and
 * tells a listener that subscribes after the exit at once.
 */
import type { Channel } from '../ports.ts';

export type ChannelExit = Parameters<Parameters<Channel['onExit']>[0]>[0];

export interface ChannelExitLatch {
  /** The exit, once it happened; null while the process runs. */
  current(): ChannelExit | null;
  /** Records the exit and notifies the listeners (later calls are ignored). */
  settle(exit: ChannelExit): void;
  /** Channel.onExit. */
  onExit: Channel['onExit'];
}

export function channelExitLatch(): ChannelExitLatch {
  let exit: ChannelExit | null = null;
  const listeners = new Set<(exit: ChannelExit) => void>();
  return {
    current: () => exit,
    settle(next) {
      if (exit !== null) {
        return;
      }
      exit = next;
      for (const listener of listeners) {
        listener(next);
      }
      listeners.clear();
    },
    onExit(listener) {
      if (exit !== null) {
        listener(exit);
        return () => undefined;
      }
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
