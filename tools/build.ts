/**
 * Builds what the app runs from: out/renderer (Vite), out/main (the Electron main process) and
 * out/preload (the sandboxed preload, CommonJS). `--renderer` builds only the renderer.
 * Needs no Electron binary.
 */
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';

import { build } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));
const only = process.argv.includes('--renderer') ? 'renderer' : 'all';

/** Node built-ins, electron and native or heavy packages stay outside the bundles. */
const external = [
  'electron',
  'better-sqlite3',
  'onnxruntime-node',
  'yauzl',
  'yazl',
  'zod',
  // Audio codecs and the resampler ship as their own packages (WASM inside; LGPL parts such as
  // codec-parser stay separately replaceable).
  '@alexanderolsen/libsamplerate-js',
  '@breezystack/lamejs',
  'libflacjs',
  '@wasm-audio-decoders/flac',
  '@wasm-audio-decoders/ogg-vorbis',
  'mpg123-decoder',
  'ogg-opus-decoder',
  ...builtinModules,
  ...builtinModules.map((name) => `node:${name}`),
];

export async function buildRenderer(): Promise<void> {
  await build({ configFile: `${root}/vite.config.ts`, logLevel: 'warn' });
}

export async function buildElectron(): Promise<void> {
  await build({
    configFile: false,
    root,
    logLevel: 'warn',
    build: {
      ssr: true,
      target: 'node22',
      outDir: `${root}/out/main`,
      emptyOutDir: true,
      sourcemap: true,
      rolldownOptions: {
        input: {
          'electron-main': `${root}/main/electron/main.ts`,
          // The inference process (an Electron utility process).
          'inference-process': `${root}/main/core/inference/process/child-main.ts`,
        },
        external,
        output: { format: 'es', entryFileNames: '[name].js' },
      },
    },
  });
  await build({
    configFile: false,
    root,
    logLevel: 'warn',
    build: {
      target: 'chrome140',
      outDir: `${root}/out/preload`,
      emptyOutDir: true,
      minify: false,
      lib: { entry: `${root}/preload/index.ts`, formats: ['cjs'], fileName: () => 'preload.cjs' },
      rolldownOptions: { external: ['electron'] },
    },
  });
}

if (import.meta.url === `file://${process.argv[1] ?? ''}`) {
  await buildRenderer();
  if (only === 'all') {
    await buildElectron();
  }
  console.log(
    only === 'all' ? 'Built out/renderer, out/main and out/preload.' : 'Built out/renderer.',
  );
}
