/**
 * `node main/server/main.ts`: the studio without Electron, for browsers, GPU servers and tests.
 * Flags: --port (4780; 0 = any free port), --host (127.0.0.1), --data-dir, --token,
 * --renderer-dir, --max-upload-mb, --log-level, --models-dir (default <data-dir>/models), --resources-dir. Prints "Layerline is running at <url>".
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { createLogger, type LogLevel } from '../../app/log.ts';
import { createServices } from '../core/compose.ts';
import { jsonLineSink, openLogFile, teeSink } from '../core/logging/json-lines.ts';
import { forkChannel } from '../core/process/child-process-channel.ts';
import { defaultDataDir } from './data-dir.ts';
import { startStudioServer } from './http-server.ts';
import { serverPorts } from './server-ports.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4780' },
    host: { type: 'string', default: '127.0.0.1' },
    'data-dir': { type: 'string' },
    token: { type: 'string' },
    'renderer-dir': { type: 'string', default: join(root, 'out', 'renderer') },
    'max-upload-mb': { type: 'string', default: '4096' },
    'log-level': { type: 'string', default: 'info' },
    'models-dir': { type: 'string' },
    'resources-dir': { type: 'string', default: join(root, 'resources') },
  },
});

const version = (
  JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }
).version;
const dataDir = resolve(values['data-dir'] ?? defaultDataDir());
const logFile = openLogFile(join(dataDir, 'logs', 'server.log'));
const log = createLogger(
  teeSink(
    jsonLineSink((line) => process.stderr.write(line)),
    logFile.sink,
  ),
  { minLevel: values['log-level'] as LogLevel },
).child('server');
const token = values.token ?? process.env.LAYERLINE_TOKEN ?? null;

try {
  const services = await createServices(
    {
      dataDir,
      host: 'server',
      appVersion: version,
      log,
      resourcesDir: resolve(values['resources-dir']),
      ...(values['models-dir'] === undefined ? {} : { modelsDir: resolve(values['models-dir']) }),
      inference: {
        // Node runs the TypeScript entry directly (type stripping).
        channel: () =>
          forkChannel(join(root, 'main', 'core', 'inference', 'process', 'child-main.ts')),
        contractPath: join(resolve(values['resources-dir']), 'inference', 'io-contract.json'),
        ...(values['models-dir'] === undefined ? {} : { modelsDir: resolve(values['models-dir']) }),
      },
    },
    serverPorts(dataDir),
  );
  const server = await startStudioServer({
    services,
    log,
    host: values.host,
    port: Number(values.port),
    token: token === '' ? null : token,
    rendererDir: resolve(values['renderer-dir']),
    maxUploadBytes: Number(values['max-upload-mb']) * 1024 * 1024,
  });
  console.log(`Layerline is running at ${server.url}`);
  console.log(`Data folder: ${dataDir}`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      return;
    }
    stopping = true;
    log.info('server.stopping', { signal });
    void server
      .close()
      .then(() => services.dispose())
      .then(() => logFile.close())
      .finally(() => process.exit(0));
  };
  process.on('SIGINT', () => {
    stop('SIGINT');
  });
  process.on('SIGTERM', () => {
    stop('SIGTERM');
  });
} catch (error) {
  console.error(
    `Layerline could not start: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
}
