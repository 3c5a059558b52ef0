/**
 * `npm run serve [-- flags]`: the studio for browsers. Builds the renderer when out/renderer has
 * no index.html, then runs the server host (main/server/main.ts) in this process, which reads
 * the same flags: --port, --host, --data-dir, --token, --renderer-dir, --max-upload-mb, --log-level.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const index = fileURLToPath(new URL('../out/renderer/index.html', import.meta.url));

if (!existsSync(index)) {
  console.log('Building the studio interface (first run)…');
  const { buildRenderer } = await import('./build.ts');
  await buildRenderer();
}
await import('../main/server/main.ts');
