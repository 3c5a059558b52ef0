/**
 * The project the playback parity test renders: imported through the studio (upload, then
 * the media.import job) and built with edits, with every mix law exercised.
 */
import { randomUUID } from 'node:crypto';

import { timelineSample } from '../../app/audio/mix-laws.ts';
import type { ProjectId } from '../../app/model/ids.ts';
import type { AudioMedia } from '../../app/model/media.ts';
import type { ProjectState } from '../../app/model/project.ts';
import { bpm, PPQN, ticks } from '../../app/timeline/units.ts';
import { rpc, type Studio } from './studio.ts';

/** Uploads WAV bytes and imports them into a fresh project; answers the stored media. */
export async function importWav(
  studio: Studio,
  bytes: Uint8Array,
  name: string,
  projectId?: string,
  tempo = 97,
): Promise<{ projectId: string; media: AudioMedia }> {
  const target =
    projectId ??
    ((await rpc(studio, 'project.create', { name: 'Parity', tempo })) as { projectId: string })
      .projectId;
  const upload = await fetch(`${studio.url}/upload?name=${encodeURIComponent(name)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream' },
    body: new Blob([new Uint8Array(bytes)]),
  });
  const token = ((await upload.json()) as { value: { file: string } }).value.file;
  const { jobId } = (await rpc(studio, 'media.import', { projectId: target, file: token })) as {
    jobId: string;
  };
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const job = (await rpc(studio, 'job.get', { jobId })) as {
      status: string;
      result: { media: AudioMedia } | null;
      error: unknown;
    };
    if (job.status === 'succeeded' && job.result !== null) {
      return { projectId: target, media: job.result.media };
    }
    if (job.status !== 'running') {
      throw new Error(`import failed: ${JSON.stringify(job.error)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('import timed out');
}

const track = (name: string, fields: object) => ({
  id: randomUUID(),
  name,
  instrument: { kind: 'ace', trackClass: 'keyboard' },
  color: '#4aa3df',
  gainDb: 0,
  pan: 0,
  mute: false,
  solo: false,
  ...fields,
});

/**
 * Three tracks (at 97 bpm no tick lands on a whole sample): faders and pans, clips with
 * source offsets, trims, clip gains, fades (one pair overlapping), two overlapping clips, a
 * clip whose source crosses playback's chunk boundaries (2^18 frames) and a muted track that
 * must stay silent.
 */
export async function buildParityProject(
  studio: Studio,
  a: { projectId: string; media: AudioMedia },
  b: { projectId: string; media: AudioMedia },
): Promise<{ projectId: ProjectId; state: ProjectState; end: number }> {
  const projectId = a.projectId as ProjectId;
  if (b.projectId !== projectId) {
    throw new Error('both media must be in the same project');
  }
  const t1 = track('Pads', { gainDb: -3, pan: -0.4 });
  const t2 = track('Keys', { gainDb: 1.5, pan: 0.7 });
  const t3 = track('Muted', { mute: true });
  const clip = (trackId: string, media: AudioMedia, fields: object) => ({
    id: randomUUID(),
    trackId,
    mediaHash: media.hash,
    sourceOffset: 0,
    gainDb: 0,
    fadeIn: 0,
    fadeOut: 0,
    name: 'c',
    ...fields,
  });
  const edits = [
    { op: 'track.add', track: t1, index: 0 },
    { op: 'track.add', track: t2, index: 1 },
    { op: 'track.add', track: t3, index: 2 },
    {
      op: 'clip.add',
      clip: clip(t1.id, a.media, {
        start: 481,
        length: 4 * PPQN + 13,
        sourceOffset: 12_345,
        gainDb: -2,
        fadeIn: 4800,
        fadeOut: 9600,
      }),
    },
    {
      op: 'clip.add',
      clip: clip(t1.id, b.media, {
        start: 3 * PPQN + 7,
        length: 3 * PPQN,
        sourceOffset: 777,
        fadeIn: 1000,
      }),
    },
    {
      op: 'clip.add',
      clip: clip(t2.id, b.media, {
        start: 333,
        length: 5 * PPQN + 1,
        sourceOffset: 500,
        gainDb: 3,
        fadeIn: 60_000,
        fadeOut: 40_000,
      }),
    },
    { op: 'clip.add', clip: clip(t3.id, a.media, { start: 0, length: 4 * PPQN, gainDb: 6 }) },
    {
      op: 'clip.add',
      clip: clip(t2.id, a.media, {
        start: 6 * PPQN + 5,
        length: 3 * PPQN + 11,
        sourceOffset: 250_001,
        fadeOut: 3000,
      }),
    },
  ];
  await rpc(studio, 'project.applyEdits', { projectId, baseRevision: 0, edits });
  const snapshot = (await rpc(studio, 'project.get', { projectId })) as { state: ProjectState };
  const tempo = bpm(snapshot.state.meta.tempo);
  const last = Math.max(
    ...snapshot.state.clips.map((c) => timelineSample(ticks(c.start + c.length), tempo)),
  );
  return { projectId, state: snapshot.state, end: last + 4800 };
}
