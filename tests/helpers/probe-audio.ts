/** What Debian's ffprobe says about an audio file: codec, rate, depth, channels, length, tags. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface ProbedAudio {
  codec: string;
  sampleRate: number;
  channels: number;
  /** ffprobe's sample format, e.g. "s16", "s32", "flt", "fltp". */
  sampleFormat: string;
  /** Bits per sample of PCM codecs, or bits_per_raw_sample (FLAC); 0 when not given. */
  bits: number;
  /** Length in frames (duration_ts at the stream's time base of 1/rate), or NaN. */
  frames: number;
  seconds: number;
  /** Container tags with lower-case keys. */
  tags: Record<string, string>;
}

export async function probeAudio(path: string): Promise<ProbedAudio> {
  const { stdout } = await run('ffprobe', [
    '-v', 'error', '-select_streams', 'a:0',
    '-show_entries',
    'stream=codec_name,sample_rate,channels,sample_fmt,bits_per_sample,bits_per_raw_sample,duration_ts,time_base,duration:format=duration:format_tags:stream_tags',
    '-of', 'json', path,
  ]); // prettier-ignore
  const json = JSON.parse(stdout) as {
    streams: (Record<string, string | number | undefined> & { tags?: Record<string, string> })[];
    format: { duration?: string; tags?: Record<string, string> };
  };
  const stream = json.streams[0] ?? {};
  const tags: Record<string, string> = {};
  for (const source of [json.format.tags ?? {}, stream.tags ?? {}]) {
    for (const [key, value] of Object.entries(source)) {
      tags[key.toLowerCase()] = value;
    }
  }
  const rate = Number(stream['sample_rate']);
  const timeBase = String(stream['time_base'] ?? '');
  const durationTs = Number(stream['duration_ts']);
  return {
    codec: String(stream['codec_name']),
    sampleRate: rate,
    channels: Number(stream['channels']),
    sampleFormat: String(stream['sample_fmt']),
    bits: Number(stream['bits_per_sample'] ?? 0) || Number(stream['bits_per_raw_sample'] ?? 0),
    frames: timeBase === `1/${rate}` ? durationTs : Number.NaN,
    seconds: Number(json.format.duration ?? stream['duration']),
    tags,
  };
}
