/**
 * The timeline benchmark's project: 16 tracks, each with one 10-minute clip of its own media
 * (distinct audio, so peaks are fetched and drawn per track), written with the real services
 * into a data folder the server host then serves.
 */
import type { ProjectId } from '../../app/model/ids.ts';
import type { Clip, Track } from '../../app/model/project.ts';
import type { StereoBlock } from '../../main/core/audio/studio-file.ts';
import { benchTrackWithClip, openBenchServices } from './bench-services.ts';

const RATE = 48_000;
const TRACK_COLORS = ['#e0685b', '#e9a23b', '#6cc36a', '#4aa3df', '#7b7fe8', '#c173d9'];

/** Tones under a slow swell, different per track: a one-second table, so it is fast to make. */
function* trackAudio(frames: number, seed: number): Generator<StereoBlock> {
  const table = new Float32Array(RATE);
  for (let i = 0; i < RATE; i += 1) {
    table[i] = Math.sin((2 * Math.PI * (110 + seed * 15) * i) / RATE);
  }
  const block = 1 << 16;
  for (let at = 0; at < frames; at += block) {
    const n = Math.min(block, frames - at);
    const left = new Float32Array(n);
    const right = new Float32Array(n);
    for (let i = 0; i < n; i += 1) {
      const t = at + i;
      const swell = 0.2 + 0.5 * Math.abs(Math.sin((Math.PI * t) / (RATE * (2 + (seed % 5)))));
      const value = (table[t % RATE] as number) * swell;
      left[i] = value;
      right[i] = value * 0.8;
    }
    yield [left, right];
  }
}

export interface BenchProject {
  projectId: ProjectId;
  trackCount: number;
  seconds: number;
}

/** Writes the project into `dataDir` (closed again afterwards, for the server to open). */
export async function writeBenchProject(
  dataDir: string,
  options: { tracks: number; seconds: number },
): Promise<BenchProject> {
  const services = await openBenchServices(dataDir);
  try {
    const { projectId } = await services.library.create({ name: 'Timeline bench' });
    const session = services.library.session(projectId);
    const frames = options.seconds * RATE;
    const tracks: Track[] = [];
    const clips: Clip[] = [];
    for (let t = 0; t < options.tracks; t += 1) {
      const stored = await session.audio.storeStudioAudio(trackAudio(frames, t), {
        name: `Stem ${t + 1}`,
        origin: 'generated',
        provenance: { bench: t },
      });
      const { track, clip } = benchTrackWithClip(stored.media.hash, {
        name: `Stem ${t + 1}`,
        trackClass: 'synth',
        color: TRACK_COLORS[t % TRACK_COLORS.length] ?? '#e0685b',
        gainDb: -6,
        pan: 0,
        // 120 bpm: two quarter notes a second.
        clip: {
          name: `Stem ${t + 1}`,
          lengthTicks: options.seconds * 2 * 960,
          gainDb: 0,
          fadeSamples: 4800,
        },
      });
      tracks.push(track);
      clips.push(clip);
    }
    services.library.applyEdits(projectId, 0, [
      ...tracks.map((track, index) => ({ op: 'track.add' as const, track, index })),
      ...clips.map((clip) => ({ op: 'clip.add' as const, clip })),
    ]);
    return { projectId, trackCount: options.tracks, seconds: options.seconds };
  } finally {
    await services.dispose();
  }
}
