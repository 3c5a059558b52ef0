/** Projects to export in tests: tracks with clips over stored media, built through the library. */
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';

import { noopLogger } from '../../app/log.ts';
import type { EditOp } from '../../app/model/edits.ts';
import type { MediaHash, ProjectId, TrackId } from '../../app/model/ids.ts';
import { Clip, type MusicalKey, Track } from '../../app/model/project.ts';
import type { Services } from '../../main/core/compose.ts';
import { importAudioFile } from '../../main/core/media/import-audio.ts';

export interface SeedClip {
  /** Start on the timeline, in ticks (960 per quarter). */
  start: number;
  length: number;
  sourceOffset?: number;
  gainDb?: number;
  fadeIn?: number;
  fadeOut?: number;
}

export interface SeedTrack {
  name: string;
  gainDb?: number;
  pan?: number;
  mute?: boolean;
  solo?: boolean;
  clips: SeedClip[];
  /** The media file the clips play (a path); defaults to the project's shared media. */
  media?: string;
}

export interface SeededProject {
  projectId: ProjectId;
  trackIds: TrackId[];
}

const COLORS = ['#e0685b', '#4aa3df', '#6cc36a', '#c173d9'];

/** Creates a project with `tracks`; `media` is the file every clip plays unless a track names its own. */
export async function seedExportProject(
  services: Services,
  options: {
    name: string;
    tempo?: number;
    key?: MusicalKey | null;
    media: string;
    /** 'audio': import media as the studio does (decoded to its format); 'raw': store bytes. */
    mediaKind?: 'audio' | 'raw';
    tracks: SeedTrack[];
  },
): Promise<SeededProject> {
  const { library } = services;
  const summary = await library.create({
    name: options.name,
    tempo: options.tempo ?? 120,
    key: options.key ?? null,
  });
  const projectId = summary.projectId;
  const session = library.session(projectId);
  const hashes = new Map<string, MediaHash>();
  const hashOf = async (path: string) => {
    const known = hashes.get(path);
    if (known !== undefined) {
      return known;
    }
    let hash: MediaHash;
    if (options.mediaKind === 'audio') {
      const imported = await importAudioFile(
        session.audio,
        { path, name: basename(path) },
        { signal: new AbortController().signal, log: noopLogger, progress: () => undefined },
      );
      hash = imported.media.hash;
    } else {
      const row = await session.addMediaFile(
        path,
        { name: 'media.bin', mime: 'application/octet-stream' },
        { now: library.now() },
      );
      hash = row.hash;
    }
    hashes.set(path, hash);
    return hash;
  };
  const ops: EditOp[] = [];
  const trackIds: TrackId[] = [];
  for (const [index, seed] of options.tracks.entries()) {
    const track = Track.parse({
      id: randomUUID(),
      name: seed.name,
      instrument: { kind: 'custom', label: seed.name },
      color: COLORS[index % COLORS.length],
      gainDb: seed.gainDb ?? 0,
      pan: seed.pan ?? 0,
      mute: seed.mute ?? false,
      solo: seed.solo ?? false,
    });
    trackIds.push(track.id);
    ops.push({ op: 'track.add', track, index });
    for (const clip of seed.clips) {
      ops.push({
        op: 'clip.add',
        clip: Clip.parse({
          id: randomUUID(),
          trackId: track.id,
          start: clip.start,
          length: clip.length,
          mediaHash: await hashOf(seed.media ?? options.media),
          sourceOffset: clip.sourceOffset ?? 0,
          gainDb: clip.gainDb ?? 0,
          fadeIn: clip.fadeIn ?? 0,
          fadeOut: clip.fadeOut ?? 0,
          name: `${seed.name} clip`,
        }),
      });
    }
  }
  if (ops.length > 0) {
    library.applyEdits(projectId, session.revision, ops);
  }
  return { projectId, trackIds };
}

/** A file of arbitrary bytes to stand in as media where no test decodes it. */
export async function placeholderMedia(dir: string): Promise<string> {
  const path = join(dir, 'placeholder.bin');
  await writeFile(path, Buffer.from('not really audio'));
  return path;
}
