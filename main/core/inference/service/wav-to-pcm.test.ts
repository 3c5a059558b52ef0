import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { makeTempDir, removeDir } from '../../../../tests/helpers/temp-dir.ts';
import { convertWavToPcm } from './wav-to-pcm.ts';

let dir: string;
beforeEach(async () => {
  dir = await makeTempDir();
});
afterEach(async () => {
  await removeDir(dir);
});

function wav(
  format: number,
  bits: number,
  channels: number,
  rate: number,
  data: Buffer,
  extensible = false,
): Buffer {
  const fmtSize = extensible ? 40 : 16;
  const header = Buffer.alloc(12 + 8 + fmtSize + 8);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(header.length - 8 + data.length, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(fmtSize, 16);
  header.writeUInt16LE(extensible ? 0xfffe : format, 20);
  header.writeUInt16LE(channels, 22);
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE((rate * channels * bits) / 8, 28);
  header.writeUInt16LE((channels * bits) / 8, 32);
  header.writeUInt16LE(bits, 34);
  if (extensible) {
    header.writeUInt16LE(22, 36);
    header.writeUInt16LE(format, 44); // sub-format GUID starts with the format tag
  }
  header.write('data', 20 + fmtSize, 'ascii');
  header.writeUInt32LE(data.length, 24 + fmtSize);
  return Buffer.concat([header, data]);
}

async function convert(bytes: Buffer, rate = 48000): Promise<Float32Array> {
  await writeFile(join(dir, 'in.wav'), bytes);
  const { samples } = await convertWavToPcm(
    join(dir, 'in.wav'),
    join(dir, 'out.f32'),
    rate,
    new AbortController().signal,
  );
  const out = await readFile(join(dir, 'out.f32'));
  expect(out.length).toBe(samples * 8);
  return new Float32Array(out.buffer, out.byteOffset, out.length / 4);
}

describe('convertWavToPcm', () => {
  it('reads 16-bit stereo and 24-bit extensible', async () => {
    const pcm16 = Buffer.alloc(8);
    pcm16.writeInt16LE(16384, 0);
    pcm16.writeInt16LE(-32768, 2);
    pcm16.writeInt16LE(0, 4);
    pcm16.writeInt16LE(8192, 6);
    expect([...(await convert(wav(1, 16, 2, 48000, pcm16)))]).toEqual([0.5, -1, 0, 0.25]);
    const pcm24 = Buffer.alloc(6);
    pcm24.writeIntLE(-4194304, 0, 3);
    pcm24.writeIntLE(4194304, 3, 3);
    expect([...(await convert(wav(1, 24, 2, 48000, pcm24, true)))]).toEqual([-0.5, 0.5]);
  });

  it('duplicates mono float and clamps to [-1, 1]', async () => {
    const data = Buffer.alloc(8);
    data.writeFloatLE(0.75, 0);
    data.writeFloatLE(3, 4);
    expect([...(await convert(wav(3, 32, 1, 48000, data)))]).toEqual([0.75, 0.75, 1, 1]);
  });

  it('refuses other rates and other files with UNSUPPORTED_FORMAT', async () => {
    await expect(convert(wav(1, 16, 2, 44100, Buffer.alloc(4)))).rejects.toMatchObject({
      code: 'UNSUPPORTED_FORMAT',
      message: expect.stringContaining('44100 Hz') as unknown,
    });
    await expect(convert(Buffer.from('ID3 not a wav at all'))).rejects.toMatchObject({
      code: 'UNSUPPORTED_FORMAT',
    });
  });
});
