/**
 * Electron main-process entry, bundled to out/main/electron-main.js (ESM). Paths are relative
 * to the bundle: out/renderer and out/preload sit beside out/main.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { runDesktopApp } from './lifecycle.ts';

runDesktopApp({
  outDir: join(dirname(fileURLToPath(import.meta.url)), '..'),
  devServerUrl: process.env.LAYERLINE_DEV_SERVER_URL,
});
