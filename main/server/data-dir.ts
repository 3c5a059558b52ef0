/** The default data folder per OS, matching where Electron keeps the desktop app's data. */
import { homedir } from 'node:os';
import { join } from 'node:path';

export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform = process.platform,
): string {
  if (env.LAYERLINE_DATA_DIR !== undefined && env.LAYERLINE_DATA_DIR !== '') {
    return env.LAYERLINE_DATA_DIR;
  }
  if (platform === 'win32') {
    return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Layerline');
  }
  if (platform === 'darwin') {
    return join(homedir(), 'Library', 'Application Support', 'Layerline');
  }
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Layerline');
}
