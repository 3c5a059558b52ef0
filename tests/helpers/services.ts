/** Real services over a temp data folder, with fake ports and a capturing logger. */
import { join } from 'node:path';

import { createLogger, type LogRecord } from '../../app/log.ts';
import { createServices, type Services, type ServicesConfig } from '../../main/core/compose.ts';
import { type FakePorts, fakePorts } from './fake-ports.ts';
import { REPO_ROOT } from './server-process.ts';
import { makeTempDir, removeDir } from './temp-dir.ts';

export interface TestServices {
  services: Services;
  ports: FakePorts;
  dataDir: string;
  logs: LogRecord[];
  /** Disposes the services, keeping the data folder (to reopen it). */
  stop(): Promise<void>;
  /** Disposes and deletes the data folder. */
  cleanup(): Promise<void>;
}

export async function startTestServices(
  dataDir?: string,
  /** Extra config (e.g. an export writer, an audio engine or model hooks to inject). */
  extra: Partial<
    Pick<
      ServicesConfig,
      'host' | 'exportWriter' | 'exportAudio' | 'env' | 'modelHooks' | 'modelsDir' | 'lm'
    >
  > = {},
): Promise<TestServices> {
  const dir = dataDir ?? (await makeTempDir());
  const logs: LogRecord[] = [];
  const log = createLogger((record) => logs.push(record), { minLevel: 'debug' });
  const ports = fakePorts(join(dir, '..', `${dir.split('/').pop() ?? 'data'}-trash`));
  const services = await createServices(
    {
      dataDir: dir,
      host: 'server',
      appVersion: '0.0.0-test',
      log,
      resourcesDir: join(REPO_ROOT, 'resources'),
      env: {},
      ...extra,
    },
    ports,
  );
  let stopped = false;
  const stop = async () => {
    if (!stopped) {
      stopped = true;
      await services.dispose();
    }
  };
  return {
    services,
    ports,
    dataDir: dir,
    logs,
    stop,
    cleanup: async () => {
      await stop();
      await removeDir(dir);
    },
  };
}
