/** Feeding files into a hash, streamed, with progress and cancellation between chunks. */
import type { Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';

import { cancelledError } from '../../../app/errors.ts';

/** Feeds the first `length` bytes of `path` (all when omitted) into `hash`. */
export async function hashFileInto(
  hash: Hash,
  path: string,
  options: { signal: AbortSignal; length?: number; onBytes?: (bytes: number) => void },
): Promise<void> {
  if (options.length === 0) {
    return;
  }
  const stream = createReadStream(path, {
    highWaterMark: 1 << 20,
    ...(options.length === undefined ? {} : { end: options.length - 1 }),
  });
  const onAbort = () => stream.destroy(cancelledError(options.signal.reason));
  options.signal.addEventListener('abort', onAbort, { once: true });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      hash.update(chunk);
      options.onBytes?.(chunk.length);
    }
  } finally {
    options.signal.removeEventListener('abort', onAbort);
  }
  if (options.signal.aborted) {
    throw cancelledError(options.signal.reason);
  }
}
