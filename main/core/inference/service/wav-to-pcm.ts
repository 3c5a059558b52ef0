/**
 * WAV (PCM 16/24/32-bit, float 32-bit, WAVE_FORMAT_EXTENSIBLE) to the inference process's raw
 * PCM (interleaved stereo float32), chunk by chunk. Mono is duplicated, channels beyond two are
 * dropped (as the reference does). Other sample rates are refused until the audio importer's
 * resampler is wired in.
 */
import { open } from 'node:fs/promises';

import { StudioError, throwIfCancelled } from '../../../../app/errors.ts';

interface WavFormat {
  format: 'int' | 'float';
  bits: number;
  channels: number;
  sampleRate: number;
  dataOffset: number;
  dataBytes: number;
}

function unsupported(message: string): StudioError {
  return new StudioError('UNSUPPORTED_FORMAT', message);
}

function parseHeader(head: Buffer, fileBytes: number): WavFormat {
  if (head.toString('ascii', 0, 4) !== 'RIFF' || head.toString('ascii', 8, 12) !== 'WAVE') {
    throw unsupported('The source is not a WAV file (other formats need the audio importer).');
  }
  let offset = 12;
  let fmt: Omit<WavFormat, 'dataOffset' | 'dataBytes'> | null = null;
  while (offset + 8 <= head.length) {
    const id = head.toString('ascii', offset, offset + 4);
    const size = head.readUInt32LE(offset + 4);
    const body = offset + 8;
    if (id === 'fmt ') {
      let tag = head.readUInt16LE(body);
      if (tag === 0xfffe) {
        tag = head.readUInt16LE(body + 24); // sub-format GUID's first two bytes
      }
      const bits = head.readUInt16LE(body + 14);
      if (!((tag === 1 && [16, 24, 32].includes(bits)) || (tag === 3 && bits === 32))) {
        throw unsupported(`WAV encoding ${tag}/${bits}-bit is not supported.`);
      }
      fmt = {
        format: tag === 3 ? 'float' : 'int',
        bits,
        channels: head.readUInt16LE(body + 2),
        sampleRate: head.readUInt32LE(body + 4),
      };
    } else if (id === 'data') {
      if (fmt === null) {
        throw unsupported('The WAV file has no format chunk before its data.');
      }
      return { ...fmt, dataOffset: body, dataBytes: Math.min(size, fileBytes - body) };
    }
    offset = body + size + (size % 2);
  }
  throw unsupported('The WAV file has no data chunk in its first 64 KiB.');
}

function sampleAt(buffer: Buffer, at: number, format: WavFormat): number {
  if (format.format === 'float') {
    return buffer.readFloatLE(at);
  }
  if (format.bits === 16) {
    return buffer.readInt16LE(at) / 32768;
  }
  if (format.bits === 24) {
    return buffer.readIntLE(at, 3) / 8388608;
  }
  return buffer.readInt32LE(at) / 2147483648;
}

/** The reference clamps encoder input to [-1, 1]. */
const clamp = (value: number) => Math.max(-1, Math.min(1, value));

export async function convertWavToPcm(
  source: string,
  target: string,
  sampleRate: number,
  signal: AbortSignal,
): Promise<{ samples: number }> {
  const input = await open(source, 'r');
  const output = await open(target, 'w');
  try {
    const { size } = await input.stat();
    const head = Buffer.alloc(Math.min(size, 65536));
    await input.read(head, 0, head.length, 0);
    const format = parseHeader(head, size);
    if (format.sampleRate !== sampleRate) {
      throw unsupported(
        `The source is ${format.sampleRate} Hz; the model needs ${sampleRate} Hz (resampling comes with the audio importer).`,
      );
    }
    const frameBytes = (format.bits / 8) * format.channels;
    const frames = Math.floor(format.dataBytes / frameBytes);
    const chunkFrames = 1 << 16;
    const chunk = Buffer.alloc(chunkFrames * frameBytes);
    for (let start = 0; start < frames; start += chunkFrames) {
      throwIfCancelled(signal);
      const count = Math.min(chunkFrames, frames - start);
      await input.read(chunk, 0, count * frameBytes, format.dataOffset + start * frameBytes);
      const out = new Float32Array(count * 2);
      for (let i = 0; i < count; i += 1) {
        const at = i * frameBytes;
        const left = clamp(sampleAt(chunk, at, format));
        out[2 * i] = left;
        out[2 * i + 1] =
          format.channels > 1 ? clamp(sampleAt(chunk, at + format.bits / 8, format)) : left;
      }
      await output.write(new Uint8Array(out.buffer));
    }
    return { samples: frames };
  } finally {
    await input.close();
    await output.close();
  }
}
