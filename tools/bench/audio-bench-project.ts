/** A throw-away studio (real services, temp folder) for the audio benchmark. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { noopLogger } from '../../app/log.ts';
import type { MediaHash } from '../../app/model/ids.ts';
import {
  type Clip,
  defaultProjectMeta,
  type ProjectState,
  type Track,
} from '../../app/model/project.ts';
import { renderMixBlocks } from '../../main/core/audio/mix/mix-renderer.ts';
import type { StereoBlock } from '../../main/core/audio/studio-file.ts';
import { importAudioFile } from '../../main/core/media/import-audio.ts';
import type { ProjectSession } from '../../main/core/services/project-session.ts';
import { benchTrackWithClip, openBenchServices } from './bench-services.ts';

export interface AudioBench {
  importFile(path: string): Promise<void>;
  /** 16 tracks, each with one 5-minute clip of its own generated media, varied gain/pan/fades. */
  sixteenTrackProject(frames: number): Promise<ProjectState>;
  mix(state: ProjectState, frames: number): AsyncGenerator<StereoBlock>;
  cleanup(): Promise<void>;
}

export async function startAudioBench(): Promise<AudioBench> {
  const dataDir = await mkdtemp(join(tmpdir(), 'layerline-bench-'));
  const services = await openBenchServices(dataDir);
  const { projectId } = await services.library.create({ name: 'Bench' });
  const session = (): ProjectSession => services.library.session(projectId);
  return {
    importFile: async (path) => {
      await importAudioFile(
        session().audio,
        { path, name: 'bench' },
        { signal: new AbortController().signal, log: noopLogger, progress: () => undefined },
      );
    },
    sixteenTrackProject: async (frames) => {
      const tracks: Track[] = [];
      const clips: Clip[] = [];
      for (let t = 0; t < 16; t += 1) {
        const hash = await generatedMedia(session(), frames, t);
        const { track, clip } = benchTrackWithClip(hash, {
          name: `Track ${t + 1}`,
          trackClass: 'drums',
          color: '#e0685b',
          gainDb: -6 + (t % 4),
          pan: (t % 5) / 2 - 1,
          // 5 minutes at 120 bpm = 600 quarter notes.
          clip: { name: `Clip ${t + 1}`, lengthTicks: 600 * 960, gainDb: -3, fadeSamples: 48_000 },
        });
        tracks.push(track);
        clips.push(clip);
      }
      return { meta: defaultProjectMeta(), tracks, clips };
    },
    mix: (state, frames) =>
      renderMixBlocks((hash) => session().audio.openReader(hash), {
        state,
        trackIds: state.tracks.map((t) => t.id),
        range: { start: 0, end: frames },
      }),
    cleanup: async () => {
      await services.dispose();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A distinct 5-minute studio file per track (decaying tones), streamed into the store. */
async function generatedMedia(
  session: ProjectSession,
  frames: number,
  seed: number,
): Promise<MediaHash> {
  const block = 1 << 16;
  function* blocks(): Generator<StereoBlock> {
    for (let at = 0; at < frames; at += block) {
      const n = Math.min(block, frames - at);
      const left = new Float32Array(n);
      const right = new Float32Array(n);
      for (let i = 0; i < n; i += 1) {
        const t = (at + i) / 48_000;
        left[i] = 0.3 * Math.sin(2 * Math.PI * (110 + seed * 20) * t);
        right[i] = 0.3 * Math.sin(2 * Math.PI * (165 + seed * 20) * t);
      }
      yield [left, right];
    }
  }
  const stored = await session.audio.storeStudioAudio(blocks(), {
    name: `bench ${seed}`,
    origin: 'generated',
    provenance: { bench: seed },
  });
  return stored.media.hash;
}
