import { fileURLToPath } from 'node:url';

import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('./renderer', import.meta.url));
const serverUrl = process.env.LAYERLINE_SERVER ?? 'http://127.0.0.1:4780';

/** The renderer bundle. Relative asset paths let one build serve studio-app:// and http://. */
export default defineConfig({
  root,
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./out/renderer', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    target: 'chrome140',
  },
  server: {
    port: 5173,
    strictPort: true,
    proxy: Object.fromEntries(
      ['/rpc', '/events', '/media', '/upload', '/artifacts'].map((path) => [
        path,
        { target: serverUrl },
      ]),
    ),
  },
});
