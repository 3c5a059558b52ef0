/**
 * Audio test files made in the test: WAV/RF64/AIFF bytes written here by hand (independent of
 * the studio's own writer), and compressed files made by Debian's ffmpeg from them.
 */
import { execFile, spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface PcmSpec {
  kind: 'int' | 'float';
  bits: 8 | 16 | 24 | 32 | 64;
  rate: number;
  /** Planar samples in [-1, 1]. */
  channels: Float64Array[];
  extensible?: boolean;
  /** Write RF64 with a ds64 chunk (sizes in ds64, 0xFFFFFFFF in the 32-bit fields). */
  rf64?: boolean;
  /** Channel mask for extensible files. */
  channelMask?: number;
}

/** A sine of `frames` samples at `freq` Hz. */
export function sine(
  frames: number,
  freq: number,
  rate: number,
  amp = 0.5,
  phase = 0,
): Float64Array {
  return Float64Array.from(
    { length: frames },
    (_, i) => amp * Math.sin((2 * Math.PI * freq * i) / rate + phase),
  );
}

function encodeSample(view: DataView, at: number, spec: PcmSpec, x: number, le: boolean): void {
  if (spec.kind === 'float') {
    if (spec.bits === 32) {
      view.setFloat32(at, x, le);
    } else {
      view.setFloat64(at, x, le);
    }
    return;
  }
  const scale = 2 ** (spec.bits - 1);
  const q = Math.max(-scale, Math.min(scale - 1, Math.round(x * scale)));
  switch (spec.bits) {
    case 8:
      view.setUint8(at, q + 128);
      break;
    case 16:
      view.setInt16(at, q, le);
      break;
    case 24: {
      const u = q & 0xffffff;
      const bytes = le
        ? [u & 0xff, (u >> 8) & 0xff, u >> 16]
        : [u >> 16, (u >> 8) & 0xff, u & 0xff];
      bytes.forEach((b, k) => {
        view.setUint8(at + k, b);
      });
      break;
    }
    case 32:
    case 64:
      view.setInt32(at, q, le);
  }
}

/** Interleaved sample bytes of `spec` (8-bit unsigned for WAV, signed when `signed8`). */
export function pcmData(spec: PcmSpec, le = true, signed8 = false): Uint8Array {
  const frames = spec.channels[0]?.length ?? 0;
  const bytes = spec.bits / 8;
  const out = new Uint8Array(frames * bytes * spec.channels.length);
  const view = new DataView(out.buffer);
  let at = 0;
  for (let i = 0; i < frames; i += 1) {
    for (const channel of spec.channels) {
      const x = channel[i] ?? 0;
      if (spec.bits === 8 && signed8) {
        view.setInt8(at, Math.max(-128, Math.min(127, Math.round(x * 128))));
      } else {
        encodeSample(view, at, spec, x, le);
      }
      at += bytes;
    }
  }
  return out;
}

const u32le = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
};
const chunk = (id: string, body: Uint8Array) =>
  Buffer.concat([
    Buffer.from(id, 'latin1'),
    u32le(body.length),
    body,
    Buffer.alloc(body.length % 2),
  ]);

/** A complete WAV (or RF64) file. */
export function wavBytes(spec: PcmSpec): Buffer {
  const channels = spec.channels.length;
  const blockAlign = (spec.bits / 8) * channels;
  const tag = spec.kind === 'float' ? 3 : 1;
  const fmt = Buffer.alloc(spec.extensible ? 40 : 16);
  fmt.writeUInt16LE(spec.extensible ? 0xfffe : tag, 0);
  fmt.writeUInt16LE(channels, 2);
  fmt.writeUInt32LE(spec.rate, 4);
  fmt.writeUInt32LE(spec.rate * blockAlign, 8);
  fmt.writeUInt16LE(blockAlign, 12);
  fmt.writeUInt16LE(spec.bits, 14);
  if (spec.extensible) {
    fmt.writeUInt16LE(22, 16);
    fmt.writeUInt16LE(spec.bits, 18);
    fmt.writeUInt32LE(spec.channelMask ?? 0, 20);
    Buffer.from([tag, 0, 0, 0, 0, 0, 0x10, 0, 0x80, 0, 0, 0xaa, 0, 0x38, 0x9b, 0x71]).copy(fmt, 24);
  }
  const data = pcmData(spec);
  if (!spec.rf64) {
    const body = Buffer.concat([Buffer.from('WAVE'), chunk('fmt ', fmt), chunk('data', data)]);
    return Buffer.concat([Buffer.from('RIFF'), u32le(body.length), body]);
  }
  const ds64 = Buffer.alloc(28);
  ds64.writeBigUInt64LE(BigInt(4 + 36 + 8 + fmt.length + 8 + data.length), 0);
  ds64.writeBigUInt64LE(BigInt(data.length), 8);
  ds64.writeBigUInt64LE(BigInt(data.length / blockAlign), 16);
  const dataChunk = Buffer.concat([Buffer.from('data'), u32le(0xffffffff), data]);
  const body = Buffer.concat([
    Buffer.from('WAVE'),
    chunk('ds64', ds64),
    chunk('fmt ', fmt),
    dataChunk,
  ]);
  return Buffer.concat([Buffer.from('RF64'), u32le(0xffffffff), body]);
}

/** 80-bit IEEE extended, big-endian (AIFF sample rates). */
function extended(value: number): Buffer {
  const out = Buffer.alloc(10);
  const exponent = Math.floor(Math.log2(value));
  out.writeUInt16BE(exponent + 16383, 0);
  const mantissa = BigInt(Math.round(value * 2 ** (63 - exponent)));
  out.writeBigUInt64BE(mantissa, 2);
  return out;
}

/** A complete AIFF (big-endian int) or AIFF-C file with `compression` ('sowt', 'fl32', ...). */
export function aiffBytes(spec: PcmSpec, compression?: 'NONE' | 'sowt' | 'fl32' | 'fl64'): Buffer {
  const aifc = compression !== undefined;
  const frames = spec.channels[0]?.length ?? 0;
  const comm = Buffer.alloc(aifc ? 24 : 18);
  comm.writeInt16BE(spec.channels.length, 0);
  comm.writeUInt32BE(frames, 2);
  comm.writeInt16BE(spec.bits, 6);
  extended(spec.rate).copy(comm, 8);
  if (aifc) {
    comm.write(compression, 18, 'latin1');
  }
  const le = compression === 'sowt';
  const data = pcmData(spec, le, true);
  const ssnd = Buffer.concat([Buffer.alloc(8), data]);
  const be = (id: string, body: Buffer) => {
    const size = Buffer.alloc(4);
    size.writeUInt32BE(body.length);
    return Buffer.concat([Buffer.from(id, 'latin1'), size, body, Buffer.alloc(body.length % 2)]);
  };
  const body = Buffer.concat([
    Buffer.from(aifc ? 'AIFC' : 'AIFF'),
    be('COMM', comm),
    be('SSND', ssnd),
  ]);
  const size = Buffer.alloc(4);
  size.writeUInt32BE(body.length);
  return Buffer.concat([Buffer.from('FORM'), size, body]);
}

let ffmpegChecked: boolean | null = null;

/** True when Debian's ffmpeg is on PATH (CI installs it; see .ci/run). */
export function hasFfmpeg(): boolean {
  ffmpegChecked ??= spawnSync('ffmpeg', ['-version'], { stdio: 'ignore' }).status === 0;
  return ffmpegChecked;
}

/** Runs ffmpeg quietly with `args`; rejects with its stderr on failure. */
export async function ffmpeg(args: string[]): Promise<void> {
  await run('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-nostdin', '-y', ...args]);
}

/** Decodes any file with ffmpeg to interleaved float32 at its own rate and channel count. */
export async function ffmpegDecode(
  path: string,
): Promise<{ samples: Float32Array; channels: number; rate: number }> {
  const probe = await run('ffprobe', [
    '-v', 'error', '-select_streams', 'a:0', '-show_entries', 'stream=sample_rate,channels',
    '-of', 'csv=p=0', path,
  ]); // prettier-ignore
  const [rate, channels] = probe.stdout.trim().split(',').map(Number) as [number, number];
  const { stdout } = await run('ffmpeg', ['-v', 'error', '-i', path, '-f', 'f32le', '-'], {
    encoding: 'buffer',
    maxBuffer: 1 << 30,
  });
  const bytes = stdout as unknown as Buffer;
  const samples = new Float32Array(
    bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length),
  );
  return { samples, channels, rate };
}

export async function writeBytes(path: string, bytes: Uint8Array): Promise<string> {
  await writeFile(path, bytes);
  return path;
}

/** Decodes a WAV/FLAC/AIFF file with sox to interleaved float32 (stereo assumed by caller). */
export async function soxDecode(path: string): Promise<Float32Array> {
  const { stdout } = await run(
    'sox',
    [path, '-t', 'raw', '-e', 'floating-point', '-b', '32', '-'],
    {
      encoding: 'buffer',
      maxBuffer: 1 << 30,
    },
  );
  const bytes = stdout as unknown as Buffer;
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
}

/** The container tags ffprobe reads from a file (lower-cased keys). */
export async function ffprobeTags(path: string): Promise<Record<string, string>> {
  const { stdout } = await run('ffprobe', [
    '-v',
    'error',
    '-show_entries',
    'format_tags',
    '-of',
    'json',
    path,
  ]);
  const tags =
    (JSON.parse(stdout) as { format?: { tags?: Record<string, string> } }).format?.tags ?? {};
  return Object.fromEntries(Object.entries(tags).map(([k, v]) => [k.toLowerCase(), v]));
}
