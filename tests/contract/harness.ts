/**
 * The transports the contract suite runs against. Each harness gives a connected client over
 * real services, and a way to hand the host a file (a token), as that host's clients would.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';

import { StudioClient } from '../../app/contract/client.ts';
import { type EventSourceLike, httpTransport } from '../../app/contract/transports/http.ts';
import { memoryTransport } from '../../app/contract/transports/memory.ts';
import { noopLogger } from '../../app/log.ts';
import type { FileToken } from '../../app/model/ids.ts';
import { startStudioServer } from '../../main/server/http-server.ts';
import { startTestServices, type TestServices } from '../helpers/services.ts';

export interface Harness {
  client: StudioClient;
  env: TestServices;
  /** Resolves once the event stream is connected (subscribe first, then await this). */
  eventsReady(): Promise<void>;
  /** Makes a file on this machine available to the host as a token. */
  provideFile(path: string): Promise<FileToken>;
  close(): Promise<void>;
}

export interface HarnessFactory {
  name: 'memory' | 'http';
  start(): Promise<Harness>;
}

const EventSourceCtor = (globalThis as unknown as { EventSource: new (url: string) => EventSource })
  .EventSource;

export const harnesses: HarnessFactory[] = [
  {
    name: 'memory',
    async start() {
      const env = await startTestServices();
      const client = new StudioClient(memoryTransport(env.services.dispatch, env.services.events));
      return {
        client,
        env,
        eventsReady: () => Promise.resolve(),
        provideFile: async (path) => {
          const bytes = (await readFile(path)).length;
          return env.services.files.issue({ path, name: basename(path), bytes, owned: false });
        },
        close: async () => {
          client.dispose();
          await env.cleanup();
        },
      };
    },
  },
  {
    name: 'http',
    async start() {
      const env = await startTestServices();
      const server = await startStudioServer({
        services: env.services,
        log: noopLogger,
        host: '127.0.0.1',
        port: 0,
        token: null,
        rendererDir: '/nonexistent',
        maxUploadBytes: 1024 * 1024 * 1024,
      });
      const baseUrl = server.url.replace(/\/$/, '');
      const client = new StudioClient(
        httpTransport({
          baseUrl,
          fetch: (url, init) => fetch(url, init),
          openEventSource: (url) => adaptEventSource(new EventSourceCtor(url)),
        }),
      );
      let connected = false;
      const waiting: (() => void)[] = [];
      client.onConnectionChange((now) => {
        connected = now;
        if (now) {
          waiting.splice(0).forEach((resolve) => {
            resolve();
          });
        }
      });
      return {
        client,
        env,
        eventsReady: () =>
          connected
            ? Promise.resolve()
            : new Promise<void>((resolve) => {
                waiting.push(resolve);
              }),
        provideFile: async (path) => {
          const response = await fetch(
            `${baseUrl}/upload?name=${encodeURIComponent(basename(path))}`,
            {
              method: 'POST',
              body: await readFile(path),
            },
          );
          const answer = (await response.json()) as { ok: boolean; value: { file: FileToken } };
          if (!answer.ok) {
            throw new Error(`upload failed: ${JSON.stringify(answer)}`);
          }
          return answer.value.file;
        },
        close: async () => {
          client.dispose();
          await server.close();
          await env.cleanup();
        },
      };
    },
  },
];

/** Node's EventSource types its handlers with DOM events; the transport needs only `data`. */
function adaptEventSource(source: EventSource): EventSourceLike {
  const like: EventSourceLike = {
    onopen: null,
    onmessage: null,
    onerror: null,
    close: () => {
      source.close();
    },
  };
  source.onopen = (event) => like.onopen?.(event);
  source.onmessage = (event: MessageEvent<string>) => like.onmessage?.(event);
  source.onerror = (event) => like.onerror?.(event);
  return like;
}
