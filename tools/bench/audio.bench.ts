/**
 * `npm run bench audio`: the audio engine's figures, with inputs made at run time by Debian's
 * ffmpeg (apt install ffmpeg).
 *   1. Decode speed (× realtime) of a 5-minute MP3 and FLAC, and the ratio to ffmpeg decoding
 *      the same file to PCM in the same run; full import speed too (decode, resample, store).
 *   2. Resampler (44.1 → 48 kHz, libsamplerate SINC_BEST): passband ripple and stopband
 *      rejection on a swept sine, and speed.
 *   3. Peak memory of a 10-minute import (child process, RSS high-water) against the decoded size.
 *   4. Mix engine speed: 16 tracks × 5 minutes, × realtime.
 * Figures only; nothing here fails on a timing.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { openAudioDecoder } from '../../main/core/audio/decode/open-decoder.ts';
import { StereoResampler } from '../../main/core/audio/resampler.ts';
import { startAudioBench } from './audio-bench-project.ts';
import { chirp, measureSweep } from './audio-signal.ts';

const here = fileURLToPath(import.meta.url);
const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;
const fmt = (x: number, digits = 1) => x.toFixed(digits);
const cpuSeconds = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
};

function ffmpeg(args: string[]): void {
  const result = spawnSync('ffmpeg', [
    '-hide_banner',
    '-loglevel',
    'error',
    '-nostdin',
    '-y',
    ...args,
  ]);
  if (result.status !== 0) {
    throw new Error(`ffmpeg failed: ${result.stderr.toString()}`);
  }
}

/** A music-like 44.1 kHz stereo test signal: pink noise under two tones, `minutes` long. */
function makeSource(path: string, minutes: number, codecArgs: string[]): void {
  const duration = String(minutes * 60);
  ffmpeg([
    '-f', 'lavfi', '-i', `anoisesrc=color=pink:amplitude=0.2:duration=${duration}:sample_rate=44100`,
    '-f', 'lavfi', '-i', `sine=frequency=220:duration=${duration}:sample_rate=44100`,
    '-f', 'lavfi', '-i', `sine=frequency=330:duration=${duration}:sample_rate=44100`,
    '-filter_complex', '[0][1]amix=inputs=2[l];[0][2]amix=inputs=2[r];[l][r]join=inputs=2:channel_layout=stereo',
    ...codecArgs, path,
  ]); // prettier-ignore
}

/** Wall and CPU (user + system) × realtime: the machine may be shared, CPU time is steadier. */
interface Speed {
  realtime: number;
  cpuRealtime: number;
}

async function decodeSpeed(path: string): Promise<Speed & { frames: number; rate: number }> {
  const start = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  const decoder = await openAudioDecoder(path);
  let frames = 0;
  let rate = 0;
  try {
    for await (const block of decoder.blocks()) {
      frames += block.channels[0]?.length ?? 0;
      rate = block.sampleRate;
    }
  } finally {
    await decoder.close();
  }
  const used = process.cpuUsage(cpu);
  const audio = frames / rate;
  return {
    realtime: audio / seconds(start),
    cpuRealtime: audio / ((used.user + used.system) / 1e6),
    frames,
    rate,
  };
}

/** ffmpeg decoding to PCM on one thread; -benchmark reports its own CPU time. */
function ffmpegSpeed(path: string, audioSeconds: number): Speed {
  const start = process.hrtime.bigint();
  const result = spawnSync('ffmpeg', [
    '-hide_banner', '-loglevel', 'info', '-nostdin', '-benchmark', '-threads', '1',
    '-i', path, '-f', 'f32le', '-y', '/dev/null',
  ]); // prettier-ignore
  const wall = seconds(start);
  const bench = /utime=([\d.]+)s stime=([\d.]+)s/.exec(result.stderr.toString());
  const cpu = bench === null ? wall : Number(bench[1]) + Number(bench[2]);
  return { realtime: audioSeconds / wall, cpuRealtime: audioSeconds / cpu };
}

async function benchDecode(dir: string): Promise<void> {
  console.log('\n-- decode (5-minute 44.1 kHz stereo inputs)');
  const inputs: [string, string[]][] = [
    ['mp3', ['-c:a', 'libmp3lame', '-b:a', '192k']],
    ['flac', ['-c:a', 'flac']],
  ];
  const bench = await startAudioBench();
  try {
    for (const [ext, args] of inputs) {
      const path = join(dir, `five.${ext}`);
      makeSource(path, 5, args);
      const ours = await decodeSpeed(path);
      const theirs = ffmpegSpeed(path, ours.frames / ours.rate);
      const start = process.hrtime.bigint();
      await bench.importFile(path);
      const imported = 300 / seconds(start);
      console.log(
        `${ext.toUpperCase().padEnd(4)} decode ${fmt(ours.realtime)}× realtime (CPU ${fmt(ours.cpuRealtime)}×); ` +
          `ffmpeg 1 thread to PCM ${fmt(theirs.realtime)}× (CPU ${fmt(theirs.cpuRealtime)}×); ` +
          `ratio ours/ffmpeg ${fmt(ours.realtime / theirs.realtime, 2)} wall, ${fmt(ours.cpuRealtime / theirs.cpuRealtime, 2)} CPU; ` +
          `full import (decode+resample+store+peaks) ${fmt(imported)}×`,
      );
    }
  } finally {
    await bench.cleanup();
  }
}

async function benchResampler(): Promise<void> {
  console.log('\n-- resampler 44.1 → 48 kHz (libsamplerate SRC_SINC_BEST_QUALITY)');
  const sweep = { seconds: 20, f0: 20, f1: 20_000 };
  const input = Float32Array.from(chirp(44_100, sweep.seconds, sweep.f0, sweep.f1, 0.5));
  const resampler = await StereoResampler.create(44_100, 48_000, 'best');
  const [head] = resampler.process(input, input);
  const [tail] = resampler.flush();
  resampler.dispose();
  const output = new Float32Array(head.length + tail.length);
  output.set(head);
  output.set(tail, head.length);
  const ideal = chirp(48_000, sweep.seconds, sweep.f0, sweep.f1, 0.5);
  const figures = measureSweep(output, ideal, { rate: 48_000, ...sweep, passbandTop: 20_000 });
  console.log(
    `swept sine 20 Hz–20 kHz: passband ripple ${figures.passbandRippleDb.toExponential(2)} dB (lowest ${figures.passbandMinDb.toExponential(2)} dB); ` +
      `stopband rejection ${fmt(figures.rejectionDb)} dB integrated, strongest spur ${fmt(figures.worstSpurDb)} dB below the signal ` +
      `(target ≥ 90 dB: ${figures.rejectionDb >= 90 ? 'met' : 'NOT met'})`,
  );
  const noise = Float32Array.from({ length: 44_100 * 60 }, () => Math.random() - 0.5);
  for (const quality of ['best', 'medium', 'fastest'] as const) {
    const r = await StereoResampler.create(44_100, 48_000, quality);
    const start = process.hrtime.bigint();
    const cpu = process.cpuUsage();
    for (let at = 0; at < noise.length; at += 65_536) {
      const part = noise.subarray(at, at + 65_536);
      r.process(part, part);
    }
    r.flush();
    r.dispose();
    console.log(
      `speed (${quality}): ${fmt(60 / seconds(start))}× realtime (CPU ${fmt(60 / cpuSeconds(cpu))}×), stereo`,
    );
  }
}

function benchMemory(dir: string): void {
  console.log('\n-- peak memory of a 10-minute import (child process)');
  const decodedBytes = 10 * 60 * 48_000 * 2 * 4;
  const inputs: [string, string[]][] = [
    ['mp3', ['-c:a', 'libmp3lame', '-b:a', '192k']],
    ['wav', ['-c:a', 'pcm_s16le']],
  ];
  for (const [ext, args] of inputs) {
    const path = join(dir, `ten.${ext}`);
    makeSource(path, 10, args);
    const child = spawnSync(process.execPath, ['--expose-gc', here, '--child-import', path], {
      encoding: 'utf8',
    });
    const line = child.stdout.trim().split('\n').pop() ?? '';
    const result = JSON.parse(line) as { baselineMb: number; peakMb: number; seconds: number };
    const used = (result.peakMb - result.baselineMb) * 1024 * 1024;
    console.log(
      `${ext.toUpperCase().padEnd(4)} RSS high-water ${fmt(result.peakMb)} MB (baseline ${fmt(result.baselineMb)} MB, ` +
        `import adds ${fmt(used / 1048576)} MB) vs decoded size ${fmt(decodedBytes / 1048576)} MB: ` +
        `ratio ${fmt(used / decodedBytes, 2)}, whole process ${fmt((result.peakMb * 1048576) / decodedBytes, 2)} ` +
        `(bound ≈ 2); imported in ${fmt(result.seconds)} s`,
    );
  }
}

async function childImport(path: string): Promise<void> {
  const bench = await startAudioBench();
  (globalThis as { gc?: () => void }).gc?.();
  const baseline = process.resourceUsage().maxRSS / 1024;
  const start = process.hrtime.bigint();
  await bench.importFile(path);
  const elapsed = seconds(start);
  const peak = process.resourceUsage().maxRSS / 1024;
  await bench.cleanup();
  console.log(JSON.stringify({ baselineMb: baseline, peakMb: peak, seconds: elapsed }));
}

async function benchMix(): Promise<void> {
  console.log('\n-- mix engine: 16 tracks × 5 minutes');
  const bench = await startAudioBench();
  try {
    const frames = 5 * 60 * 48_000;
    const state = await bench.sixteenTrackProject(frames);
    const start = process.hrtime.bigint();
    const cpu = process.cpuUsage();
    let rendered = 0;
    for await (const [left] of bench.mix(state, frames)) {
      rendered += left.length;
    }
    const elapsed = seconds(start);
    console.log(
      `rendered ${fmt(rendered / 48_000 / 60, 2)} min of 16 tracks in ${fmt(elapsed, 2)} s: ${fmt(300 / elapsed)}× realtime (CPU ${fmt(300 / cpuSeconds(cpu))}×)`,
    );
  } finally {
    await bench.cleanup();
  }
}

async function main(): Promise<void> {
  const child = process.argv.indexOf('--child-import');
  if (child >= 0) {
    await childImport(process.argv[child + 1] ?? '');
    return;
  }
  if (spawnSync('ffmpeg', ['-version']).status !== 0) {
    console.log(
      'ffmpeg is not installed (apt-get install ffmpeg); the audio bench needs it for its inputs.',
    );
    process.exitCode = 1;
    return;
  }
  const dir = await mkdtemp(join(tmpdir(), 'layerline-audio-bench-'));
  try {
    await benchDecode(dir);
    await benchResampler();
    benchMemory(dir);
    await benchMix();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
