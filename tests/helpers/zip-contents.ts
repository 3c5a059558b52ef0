/** Every entry of a zip file, read into memory (for checking small exported archives). */
import { readZip } from '../../main/core/archive/zip-reader.ts';

export async function zipContents(path: string): Promise<Map<string, Buffer>> {
  const entries = new Map<string, Buffer>();
  await readZip(path, async (entry) => {
    const chunks: Buffer[] = [];
    for await (const chunk of await entry.open()) {
      chunks.push(chunk as Buffer);
    }
    entries.set(entry.name, Buffer.concat(chunks));
  });
  return entries;
}
