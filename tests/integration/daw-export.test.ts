/**
 * DAW export end to end with the real renderer, resampler and encoders: a small generated
 * project exported in several formats, every file checked by tools that are not ours (ffprobe
 * and sox, xmllint against the official DAWproject schema, the midi-file parser, a test RPP
 * parser), and the null test: the stems sum to the mix.
 */
import { spawnSync } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { parseMidi } from 'midi-file';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { panStereo } from '../../app/audio/mix-laws.ts';
import type { JobFinished } from '../../app/contract/jobs.ts';
import { StudioError } from '../../app/errors.ts';
import {
  defaultExportOptions,
  type ExportOptions,
  ExportResult,
} from '../../app/export/export-options.ts';
import type { JobId, TrackId } from '../../app/model/ids.ts';
import { dbToGain } from '../../app/timeline/tempo.ts';
import { nodeFileWriter } from '../../main/core/export/file-writer.ts';
import { ffmpeg, soxDecode } from '../helpers/audio-fixtures.ts';
import { validateWithXmllint } from '../helpers/dawproject-schema.ts';
import { seedExportProject } from '../helpers/export-project.ts';
import { finishedJob } from '../helpers/jobs.ts';
import { probeAudio } from '../helpers/probe-audio.ts';
import { parseRpp, rppChildren, rppValue } from '../helpers/rpp-parse.ts';
import { startTestServices, type TestServices } from '../helpers/services.ts';
import { makeTempDir, removeDir } from '../helpers/temp-dir.ts';
import { zipContents } from '../helpers/zip-contents.ts';

const BEAT = 960; // ticks; one beat at 120 bpm is 0.5 s = 24 000 frames
let studio: TestServices;
let work: string;
let projectId: string;
let trackIds: TrackId[];

/** Tracks as seeded: drums (−3 dB, pan −0.4), bass (+2 dB, pan 0.6), a muted pad, an empty one. */
const TRACKS = [
  { name: 'Drums', gainDb: -3, pan: -0.4 },
  { name: 'Bass', gainDb: 2, pan: 0.6 },
  { name: 'Pad', gainDb: 0, pan: 0, mute: true },
  { name: 'Empty', gainDb: 0, pan: 0 },
];

beforeAll(async () => {
  work = await makeTempDir('layerline-daw-export-');
  studio = await startTestServices(undefined, { host: 'electron' });
  const tone = join(work, 'tone.wav');
  const noise = join(work, 'noise.wav');
  // Sources made by ffmpeg, not by us: a two-tone stereo signal and pink noise, 4 s each.
  await ffmpeg(['-f', 'lavfi', '-i', "aevalsrc='0.3*sin(2*PI*220*t)|0.25*sin(2*PI*331*t)':s=48000:d=4", '-c:a', 'pcm_f32le', tone]); // prettier-ignore
  await ffmpeg(['-f', 'lavfi', '-i', 'anoisesrc=d=4:c=pink:a=0.2:r=48000:seed=7', '-ac', '2', '-c:a', 'pcm_s24le', noise]); // prettier-ignore
  const seeded = await seedExportProject(studio.services, {
    name: 'Night Drive',
    tempo: 120,
    key: { tonic: 'A', mode: 'minor' },
    media: tone,
    mediaKind: 'audio',
    tracks: [
      {
        ...TRACKS[0]!,
        media: noise,
        clips: [
          { start: 0, length: 4 * BEAT, fadeIn: 480, fadeOut: 2400 },
          { start: 6 * BEAT, length: 2 * BEAT, sourceOffset: 12_345, gainDb: -4 },
        ],
      },
      {
        ...TRACKS[1]!,
        clips: [{ start: 2 * BEAT, length: 6 * BEAT, gainDb: -2, fadeIn: 1000, fadeOut: 1000 }],
      },
      { ...TRACKS[2]!, clips: [{ start: BEAT, length: 3 * BEAT }] },
      { ...TRACKS[3]!, clips: [] },
    ],
  });
  projectId = seeded.projectId;
  trackIds = seeded.trackIds;
}, 60_000);

afterAll(async () => {
  await studio.cleanup();
  await removeDir(work);
});

async function exportNow(patch: Partial<ExportOptions>): Promise<ExportResult & { dir: string }> {
  const job: { id?: JobId } = {};
  const finished: Promise<JobFinished> = finishedJob(studio.services, () => job.id);
  const envelope = await studio.services.dispatch('export.start', {
    projectId,
    options: { ...defaultExportOptions(), ...patch },
  });
  if (!envelope.ok) {
    throw StudioError.fromWire(envelope.error);
  }
  job.id = (envelope.value as { jobId: JobId }).jobId;
  const outcome = await finished;
  if (outcome.status !== 'succeeded') {
    throw new Error(`export ${outcome.status}: ${JSON.stringify(outcome.error)}`);
  }
  const result = ExportResult.parse(outcome.result);
  return { ...result, dir: join(studio.services.paths.exportsDir, result.artifact.fileName) };
}

/** Planar channels of a WAV or FLAC file, decoded by sox. */
async function decode(path: string): Promise<[Float64Array, Float64Array]> {
  const interleaved = await soxDecode(path);
  const frames = interleaved.length / 2;
  const left = new Float64Array(frames);
  const right = new Float64Array(frames);
  for (let i = 0; i < frames; i += 1) {
    left[i] = interleaved[2 * i]!;
    right[i] = interleaved[2 * i + 1]!;
  }
  return [left, right];
}

/** Peak of `mix − Σ stems` relative to full scale, in dB. */
function nullDepthDb(mix: [Float64Array, Float64Array], stems: [Float64Array, Float64Array][]) {
  let worst = 0;
  for (const c of [0, 1] as const) {
    for (let i = 0; i < mix[c].length; i += 1) {
      let sum = 0;
      for (const stem of stems) {
        sum += stem[c][i]!;
      }
      worst = Math.max(worst, Math.abs(mix[c][i]! - sum));
    }
  }
  return worst === 0 ? -Infinity : 20 * Math.log10(worst);
}

const SONG_FRAMES = 8 * 24_000; // the last clip ends at beat 8

describe('DAW export, 32-bit float WAV at 48 kHz, post-fader stems', () => {
  let result: ExportResult & { dir: string };

  beforeAll(async () => {
    result = await exportNow({ format: { container: 'wav', sampleFormat: 'float32' } });
  }, 60_000);

  it('writes the planned files, leaving out the track without clips', () => {
    expect(result.files.map((f) => f.fileName)).toEqual([
      '01_Drums_120bpm_Amin.wav',
      '02_Bass_120bpm_Amin.wav',
      '03_Pad_120bpm_Amin.wav',
      'Night_Drive_Mix_120bpm_Amin.wav',
      'Night_Drive_120bpm_Amin_TempoMap.mid',
      'Night_Drive.RPP',
      'Night_Drive.dawproject',
    ]);
    expect(result.skipped.map((s) => s.name)).toEqual(['Empty']);
  });

  it('every audio file is float32 stereo 48 kHz, starts at 0 and is the song’s length', async () => {
    for (const file of result.files.filter((f) => f.role === 'stem' || f.role === 'mix')) {
      const probed = await probeAudio(join(result.dir, file.fileName));
      expect(probed, file.fileName).toMatchObject({
        codec: 'pcm_f32le',
        sampleRate: 48_000,
        channels: 2,
        bits: 32,
        frames: SONG_FRAMES,
      });
      // BWF: the first sample is at time reference 0; described and stamped as ours.
      expect(probed.tags['time_reference']).toBe('0');
      expect(probed.tags['encoded_by']).toBe('Layerline');
      // LIST/INFO: the track's (or the mix's) title and the song as the album.
      expect(probed.tags['album']).toBe('Night Drive');
    }
  });

  it('null test: the audible stems sum to the mix within −90 dB', async () => {
    const mix = await decode(join(result.dir, 'Night_Drive_Mix_120bpm_Amin.wav'));
    const drums = await decode(join(result.dir, '01_Drums_120bpm_Amin.wav'));
    const bass = await decode(join(result.dir, '02_Bass_120bpm_Amin.wav'));
    const pad = await decode(join(result.dir, '03_Pad_120bpm_Amin.wav'));
    const depth = nullDepthDb(mix, [drums, bass]);
    console.log(`null test (float32, post-fader): residual peak ${depth.toFixed(1)} dBFS`);
    expect(depth).toBeLessThanOrEqual(-90);
    // The test can fail: the muted pad is a real stem that the mix does not contain.
    expect(nullDepthDb(mix, [drums, bass, pad])).toBeGreaterThan(-40);
  });

  it('the tempo map reads back: 120 bpm, 4/4, A minor, ending at the song’s end', async () => {
    const midi = parseMidi(
      await readFile(join(result.dir, 'Night_Drive_120bpm_Amin_TempoMap.mid')),
    );
    expect(midi.header.ticksPerBeat).toBe(960);
    const events = midi.tracks[0] ?? [];
    expect(events.find((e) => e.type === 'setTempo')).toMatchObject({
      microsecondsPerBeat: 500_000,
    });
    expect(events.find((e) => e.type === 'timeSignature')).toMatchObject({
      numerator: 4,
      denominator: 4,
    });
    expect(events.find((e) => e.type === 'keySignature')).toMatchObject({ key: 0, scale: 1 });
    const end = events.reduce((tick, e) => tick + e.deltaTime, 0);
    expect(end).toBe(8 * BEAT);
  });

  it('the REAPER project places every stem at 0 with its length, name and mute', async () => {
    const rpp = parseRpp(await readFile(join(result.dir, 'Night_Drive.RPP'), 'utf8'));
    expect(rppValue(rpp, 'TEMPO')).toEqual(['120', '4', '4']);
    const tracks = rppChildren(rpp, 'TRACK');
    expect(tracks.map((t) => rppValue(t, 'NAME')[0])).toEqual(['Drums', 'Bass', 'Pad']);
    const stems = result.files.filter((f) => f.role === 'stem').map((f) => f.fileName);
    tracks.forEach((track, i) => {
      const [item] = rppChildren(track, 'ITEM');
      const [source] = rppChildren(item!, 'SOURCE');
      expect(Number(rppValue(item!, 'POSITION')[0])).toBe(0);
      expect(Number(rppValue(item!, 'LENGTH')[0])).toBeCloseTo(SONG_FRAMES / 48_000, 9);
      expect(rppValue(source!, 'FILE')[0]).toBe(stems[i]);
      // Post-fader stems carry the fader, so the project opens at unity.
      expect(rppValue(track, 'VOLPAN').slice(0, 2).map(Number)).toEqual([1, 0]);
      expect(rppValue(track, 'MUTESOLO')[0]).toBe(TRACKS[i]?.mute === true ? '1' : '0');
    });
  });

  it('the DAWproject validates against the official schema and holds the stems', async () => {
    const container = await zipContents(join(result.dir, 'Night_Drive.dawproject'));
    const project = container.get('project.xml')!.toString('utf8');
    const metadata = container.get('metadata.xml')!.toString('utf8');
    const project_ = await validateWithXmllint(project, 'Project.xsd', work);
    expect(project_.valid, project_.report).toBe(true);
    const metadata_ = await validateWithXmllint(metadata, 'MetaData.xsd', work);
    expect(metadata_.valid, metadata_.report).toBe(true);
    const stem = await readFile(join(result.dir, '01_Drums_120bpm_Amin.wav'));
    expect(Buffer.compare(container.get('audio/01_Drums_120bpm_Amin.wav')!, stem)).toBe(0);
  });
});

describe('DAW export, 24-bit WAV at 44.1 kHz over a selection, pre-fader stems, as a zip', () => {
  let result: ExportResult & { dir: string };
  const start = 2 * BEAT;
  const end = 7 * BEAT;
  const frames44 = Math.round((5 * 24_000 * 44_100) / 48_000);

  beforeAll(async () => {
    result = await exportNow({
      range: { kind: 'selection', start: start as never, end: end as never },
      sampleRate: 44_100,
      stemLevels: 'preFader',
      output: 'zip',
      trackIds: [trackIds[0]!, trackIds[1]!],
    });
  }, 60_000);

  it('zips one folder whose audio is 24-bit 44.1 kHz, all of the selection’s length', async () => {
    expect(result.artifact.fileName).toBe('Night_Drive_120bpm_Amin_bars_1.3-2.4.zip');
    const zip = await zipContents(result.dir);
    const folder = 'Night_Drive_120bpm_Amin_bars_1.3-2.4';
    expect([...zip.keys()].every((name) => name.startsWith(`${folder}/`))).toBe(true);
    for (const file of result.files.filter((f) => f.role === 'stem' || f.role === 'mix')) {
      const path = join(work, `sel-${file.fileName}`);
      await writeFile(path, zip.get(`${folder}/${file.fileName}`)!);
      const probed = await probeAudio(path);
      expect(probed, file.fileName).toMatchObject({
        codec: 'pcm_s24le',
        sampleRate: 44_100,
        channels: 2,
        bits: 24,
        frames: frames44,
      });
      // The first sample's place in the song, in samples at the file's rate.
      expect(probed.tags['time_reference']).toBe(
        String(Math.round((2 * 24_000 * 44_100) / 48_000)),
      );
    }
  });

  it('null test: stems through their faders (the studio’s pan law) sum to the mix', async () => {
    const zip = await zipContents(result.dir);
    const folder = 'Night_Drive_120bpm_Amin_bars_1.3-2.4';
    const load = async (name: string) => {
      const path = join(work, `null-${name}`);
      await writeFile(path, zip.get(`${folder}/${name}`)!);
      return decode(path);
    };
    const mix = await load('Night_Drive_Mix_120bpm_Amin.wav');
    const faded = await Promise.all(
      ['01_Drums_120bpm_Amin.wav', '02_Bass_120bpm_Amin.wav'].map(async (name, i) => {
        const [l, r] = await load(name);
        const gain = dbToGain(TRACKS[i]!.gainDb as never);
        const { ll, rl, lr, rr } = panStereo(TRACKS[i]!.pan);
        const outL = l.map((x, k) => gain * (ll * x + rl * r[k]!));
        const outR = r.map((x, k) => gain * (lr * l[k]! + rr * x));
        return [outL, outR] as [Float64Array, Float64Array];
      }),
    );
    const depth = nullDepthDb(mix, faded);
    console.log(`null test (24-bit 44.1 kHz, pre-fader): residual peak ${depth.toFixed(1)} dBFS`);
    expect(depth).toBeLessThanOrEqual(-90);
  });

  it('the REAPER project carries each track’s volume and pan instead', async () => {
    const zip = await zipContents(result.dir);
    const rpp = parseRpp(
      zip.get('Night_Drive_120bpm_Amin_bars_1.3-2.4/Night_Drive.RPP')!.toString(),
    );
    const volpan = rppChildren(rpp, 'TRACK').map((t) =>
      rppValue(t, 'VOLPAN').slice(0, 2).map(Number),
    );
    expect(volpan[0]![0]).toBeCloseTo(dbToGain(-3 as never), 9);
    expect(volpan[0]![1]).toBe(-0.4);
    expect(volpan[1]![0]).toBeCloseTo(dbToGain(2 as never), 9);
    expect(volpan[1]![1]).toBe(0.6);
  });
});

describe('DAW export, FLAC and MP3 with tags', () => {
  it('FLAC 16-bit: flac stream of the right length, tagged with title, BPM and key', async () => {
    const result = await exportNow({
      format: { container: 'flac', sampleFormat: 'int16' },
      projectFiles: { reaper: false, dawproject: false },
      tempoMap: false,
    });
    const probed = await probeAudio(join(result.dir, '02_Bass_120bpm_Amin.flac'));
    expect(probed).toMatchObject({ codec: 'flac', sampleRate: 48_000, channels: 2, bits: 16 });
    expect(Math.round(probed.seconds * 48_000)).toBe(SONG_FRAMES);
    expect(probed.tags).toMatchObject({
      title: 'Bass',
      album: 'Night Drive',
      bpm: '120',
      initialkey: 'Am',
      track: '2',
    });
    const [left] = await decode(join(result.dir, '02_Bass_120bpm_Amin.flac'));
    expect(left.length).toBe(SONG_FRAMES);
  });

  it('MP3 320 kbps: mp3 stream of about the right length, tagged', async () => {
    const result = await exportNow({
      format: { container: 'mp3', bitrateKbps: 320 },
      stems: false,
      projectFiles: { reaper: false, dawproject: false },
      tempoMap: false,
    });
    const probed = await probeAudio(join(result.dir, 'Night_Drive_Mix_120bpm_Amin.mp3'));
    expect(probed).toMatchObject({ codec: 'mp3', sampleRate: 48_000, channels: 2 });
    expect(probed.seconds).toBeGreaterThan(3.95);
    expect(probed.seconds).toBeLessThan(4.1);
    expect(probed.tags).toMatchObject({ title: 'Night Drive (mix)', tbpm: '120', tkey: 'Am' });
  });
});

describe('DAW export onto a full disk (simulated)', () => {
  it('fails with STORAGE_FAILED while tagging a FLAC and leaves nothing in the exports folder', async () => {
    let written = 0;
    const full = await startTestServices(undefined, {
      host: 'electron',
      exportWriter: {
        write: async (path, data, signal) => {
          const counting = async function* () {
            for await (const chunk of data instanceof Uint8Array ? [data] : data) {
              written += chunk.length;
              if (written > 50_000) {
                throw Object.assign(new Error('ENOSPC: no space left on device'), {
                  code: 'ENOSPC',
                });
              }
              yield chunk;
            }
          };
          return nodeFileWriter.write(path, counting(), signal);
        },
      },
    });
    try {
      const seeded = await seedExportProject(full.services, {
        name: 'Full Disk',
        media: join(work, 'tone.wav'),
        mediaKind: 'audio',
        tracks: [{ name: 'Tone', clips: [{ start: 0, length: 8 * BEAT }] }],
      });
      const job: { id?: JobId } = {};
      const finished = finishedJob(full.services, () => job.id);
      const envelope = await full.services.dispatch('export.start', {
        projectId: seeded.projectId,
        options: {
          ...defaultExportOptions(),
          format: { container: 'flac', sampleFormat: 'int24' },
        },
      });
      job.id = (envelope as { value: { jobId: JobId } }).value.jobId;
      const outcome = await finished;
      expect(outcome.status).toBe('failed');
      expect(outcome.error?.message).toContain('The disk is full');
      expect(await readdir(full.services.paths.exportsDir)).toEqual([]);
    } finally {
      await full.cleanup();
    }
  });
});

describe('DAW export, loudness-normalised mix', () => {
  it('meets the target as ffmpeg’s ebur128 measures it, and leaves the stems alone', async () => {
    const plain = await exportNow({
      projectFiles: { reaper: false, dawproject: false },
      tempoMap: false,
    });
    const loud = await exportNow({
      normalizeMix: { targetLufs: -20 },
      projectFiles: { reaper: false, dawproject: false },
      tempoMap: false,
    });
    const measure = (path: string) => {
      const out = spawnSync('ffmpeg', ['-hide_banner', '-nostats', '-i', path, '-af', 'ebur128', '-f', 'null', '-'], { encoding: 'utf8' });
      return Number(/Integrated loudness:\s+I:\s+(-?[\d.]+) LUFS/.exec(out.stderr)?.[1]);
    }; // prettier-ignore
    expect(measure(join(loud.dir, 'Night_Drive_Mix_120bpm_Amin.wav'))).toBeCloseTo(-20, 0);
    expect(measure(join(plain.dir, 'Night_Drive_Mix_120bpm_Amin.wav'))).not.toBeCloseTo(-20, 0);
    const stem = (r: { dir: string }) => readFile(join(r.dir, '01_Drums_120bpm_Amin.wav'));
    const [a, b] = await Promise.all([stem(plain), stem(loud)]);
    // Same audio; only the bext creation time may differ.
    expect(Buffer.compare(a.subarray(-20_000), b.subarray(-20_000))).toBe(0);
  });
});
