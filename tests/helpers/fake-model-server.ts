/**
 * A local HTTP file server for model-download tests: Range requests, redirects, an optional
 * bearer token, a throttle, and faults queued per path (drop the connection after N bytes,
 * serve corrupted bytes, answer a status). Every request is recorded.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

export type Fault =
  | { kind: 'drop'; afterBytes: number }
  | { kind: 'corrupt' }
  | { kind: 'status'; status: number }
  /** Answers 200 with the whole file even when a Range was asked for. */
  | { kind: 'ignoreRange' };

export interface RecordedRequest {
  path: string;
  range: string | null;
  authorization: string | null;
}

export interface FakeModelServer {
  readonly url: string;
  readonly files: Map<string, Buffer>;
  /** Faults consumed one per request, in order, for a path. */
  readonly faults: Map<string, Fault[]>;
  /** path -> absolute or relative Location answered with 302. */
  readonly redirects: Map<string, string>;
  readonly requests: RecordedRequest[];
  /** When set, every file request needs `Authorization: Bearer <token>`. */
  token: string | null;
  /** Bytes per second per response; 0 = as fast as possible. */
  bytesPerSecond: number;
  addFault(path: string, ...faults: Fault[]): void;
  close(): Promise<void>;
}

function send(
  res: ServerResponse,
  body: Buffer,
  options: { dropAfter: number | null; bytesPerSecond: number },
): void {
  const chunk = 64 * 1024;
  let offset = 0;
  const step = () => {
    if (res.destroyed) {
      return;
    }
    if (options.dropAfter !== null && offset >= options.dropAfter) {
      // Cut the connection a moment after the bytes went out, so the client has them.
      setTimeout(() => res.socket?.destroy(), 50);
      return;
    }
    const limit = options.dropAfter ?? body.length;
    const end = Math.min(body.length, offset + chunk, limit);
    if (end > offset) {
      res.write(body.subarray(offset, end));
      offset = end;
    }
    if (offset >= body.length) {
      res.end();
      return;
    }
    const wait = options.bytesPerSecond > 0 ? (chunk / options.bytesPerSecond) * 1000 : 0;
    setTimeout(step, wait);
  };
  step();
}

export async function startFakeModelServer(): Promise<FakeModelServer> {
  const files = new Map<string, Buffer>();
  const faults = new Map<string, Fault[]>();
  const redirects = new Map<string, string>();
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const state = { token: null as string | null, bytesPerSecond: 0 };

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const range = req.headers.range ?? null;
    requests.push({ path, range, authorization: req.headers.authorization ?? null });
    const location = redirects.get(path);
    if (location !== undefined) {
      res.writeHead(302, { location }).end();
      return;
    }
    if (state.token !== null && req.headers.authorization !== `Bearer ${state.token}`) {
      res.writeHead(401, { 'content-type': 'text/plain' }).end('token needed');
      return;
    }
    const fault = faults.get(path)?.shift();
    if (fault?.kind === 'status') {
      res.writeHead(fault.status, { 'content-type': 'text/plain' }).end(`status ${fault.status}`);
      return;
    }
    const file = files.get(path);
    if (file === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    let body = file;
    if (fault?.kind === 'corrupt') {
      body = Buffer.from(file);
      const at = Math.floor(body.length / 2);
      body[at] = (body[at] ?? 0) ^ 0xff;
    }
    const match = /^bytes=(\d+)-$/.exec(range ?? '');
    let start = 0;
    if (match !== null && fault?.kind !== 'ignoreRange') {
      start = Number(match[1]);
      if (start >= body.length) {
        res.writeHead(416, { 'content-range': `bytes */${body.length}` }).end();
        return;
      }
      res.writeHead(206, {
        'content-length': body.length - start,
        'content-range': `bytes ${start}-${body.length - 1}/${body.length}`,
        'accept-ranges': 'bytes',
      });
    } else {
      res.writeHead(200, { 'content-length': body.length, 'accept-ranges': 'bytes' });
    }
    send(res, body.subarray(start), {
      dropAfter: fault?.kind === 'drop' ? fault.afterBytes : null,
      bytesPerSecond: state.bytesPerSecond,
    });
  };

  const server: Server = createServer(handle);
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    files,
    faults,
    redirects,
    requests,
    get token() {
      return state.token;
    },
    set token(value) {
      state.token = value;
    },
    get bytesPerSecond() {
      return state.bytesPerSecond;
    },
    set bytesPerSecond(value) {
      state.bytesPerSecond = value;
    },
    addFault(path, ...more) {
      faults.set(path, [...(faults.get(path) ?? []), ...more]);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) {
          socket.destroy();
        }
        server.close(() => {
          resolve();
        });
      }),
  };
}
