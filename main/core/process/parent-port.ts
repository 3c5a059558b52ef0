/**
 * The child side of a Channel: talks to the parent over Electron's `process.parentPort`
 * (utility process) or Node's `process.send` (child_process.fork), whichever exists.
 */
export interface ParentPort {
  send(message: unknown): void;
  onMessage(listener: (message: unknown) => void): () => void;
}

interface ElectronParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
  off(event: 'message', listener: (event: { data: unknown }) => void): void;
}

export function connectParent(): ParentPort {
  const electronPort = (process as unknown as { parentPort?: ElectronParentPort }).parentPort;
  if (electronPort !== undefined) {
    return {
      send: (message) => {
        electronPort.postMessage(message);
      },
      onMessage: (listener) => {
        const handler = (event: { data: unknown }) => {
          listener(event.data);
        };
        electronPort.on('message', handler);
        return () => {
          electronPort.off('message', handler);
        };
      },
    };
  }
  const send = process.send?.bind(process);
  if (send === undefined) {
    throw new Error('This process was not started with an IPC channel to a parent.');
  }
  // A parent that was killed leaves nobody to work for: stop at once rather than finish a
  // generation that holds the CPU or GPU the restarted studio needs.
  process.once('disconnect', () => {
    process.exit(0);
  });
  return {
    send: (message) => {
      send(message);
    },
    onMessage: (listener) => {
      process.on('message', listener);
      return () => {
        process.off('message', listener);
      };
    },
  };
}
