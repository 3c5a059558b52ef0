import { readFile } from 'node:fs/promises';
import { join, sep } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { DragOutTarget } from '../../../app/export/export-options.ts';
import { placeholderMedia, seedExportProject } from '../../../tests/helpers/export-project.ts';
import { type FakeAudio, fakeAudio } from '../../../tests/helpers/fake-export-audio.ts';
import { startTestServices, type TestServices } from '../../../tests/helpers/services.ts';
import { makeTempDir, removeDir } from '../../../tests/helpers/temp-dir.ts';
import { DRAG_FOLDER } from './drag-out.ts';

let studio: TestServices;
let audio: FakeAudio;
let mediaDir: string;

beforeEach(async () => {
  mediaDir = await makeTempDir('layerline-drag-media-');
  audio = fakeAudio();
  studio = await startTestServices(undefined, { host: 'electron', exportAudio: audio });
});

afterEach(async () => {
  await studio.cleanup();
  await removeDir(mediaDir);
});

async function seed() {
  return seedExportProject(studio.services, {
    name: 'Drag Me',
    key: { tonic: 'C', mode: 'major' },
    media: await placeholderMedia(mediaDir),
    tracks: [
      { name: 'Drums', gainDb: -3, clips: [{ start: 4 * 960, length: 4 * 960 }] },
      { name: 'Silent', clips: [] },
    ],
  });
}

async function dragOut(projectId: string, target: DragOutTarget, phase: 'prepare' | 'start') {
  const envelope = await studio.services.dispatch('export.dragOut', { projectId, target, phase });
  return envelope.ok
    ? { ok: true as const, value: envelope.value as { fileName: string } }
    : { ok: false as const, error: envelope.error };
}

describe('export.dragOut', () => {
  it('renders a track once on prepare, then drags that file on start', async () => {
    const { projectId, trackIds } = await seed();
    const target = { kind: 'track', trackId: trackIds[0]! } as const;
    const prepared = await dragOut(projectId, target, 'prepare');
    expect(prepared).toEqual({ ok: true, value: { fileName: '01_Drums_120bpm_Cmaj.wav' } });
    expect(studio.ports.dragged).toEqual([]);
    await dragOut(projectId, target, 'start');
    expect(audio.renders).toHaveLength(1);
    // A track drags as its stem over the whole song, from 0, with its fader.
    expect(audio.renders[0]?.range).toEqual({ start: 0, end: 8 * 24_000 });
    const [path] = studio.ports.dragged;
    expect(path).toContain(`${sep}${DRAG_FOLDER}${sep}`);
    expect(path?.endsWith('01_Drums_120bpm_Cmaj.wav')).toBe(true);
    expect(JSON.parse(await readFile(path!, 'utf8'))).toMatchObject({
      frames: 8 * 24_000,
      chunks: ['bext', 'acid', 'LIST'],
    });
  });

  it('renders a clip over its own span, before the track fader, named after the clip', async () => {
    const { projectId } = await seed();
    const clip = studio.services.library.session(projectId).state.clips[0]!;
    const result = await dragOut(projectId, { kind: 'clip', clipId: clip.id }, 'start');
    expect(result).toEqual({ ok: true, value: { fileName: '01_Drums_clip_120bpm_Cmaj.wav' } });
    expect(audio.renders[0]?.range).toEqual({ start: 4 * 24_000, end: 8 * 24_000 });
    expect(audio.renders[0]?.state.tracks[0]).toMatchObject({ gainDb: 0, pan: 0 });
    expect(audio.renders[0]?.state.clips).toEqual([clip]);
  });

  it('renders again after the project changes', async () => {
    const { projectId, trackIds } = await seed();
    const target = { kind: 'track', trackId: trackIds[0]! } as const;
    await dragOut(projectId, target, 'start');
    const session = studio.services.library.session(projectId);
    studio.services.library.applyEdits(projectId, session.revision, [
      { op: 'track.update', trackId: trackIds[0]!, patch: { gainDb: -12 as never } },
    ]);
    await dragOut(projectId, target, 'start');
    expect(audio.renders).toHaveLength(2);
    expect(studio.ports.dragged).toHaveLength(2);
  });

  it('says clearly when there is nothing to drag', async () => {
    const { projectId, trackIds } = await seed();
    const silent = await dragOut(projectId, { kind: 'track', trackId: trackIds[1]! }, 'start');
    expect(silent).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    const unknown = await dragOut(
      projectId,
      { kind: 'clip', clipId: '00000000-0000-4000-8000-000000000000' as never },
      'start',
    );
    expect(unknown).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(studio.ports.dragged).toEqual([]);
  });

  it('is UNAVAILABLE in server mode, before rendering anything', async () => {
    const server = await startTestServices(undefined, { exportAudio: audio });
    try {
      const { projectId, trackIds } = await seedExportProject(server.services, {
        name: 'Browser',
        media: await placeholderMedia(mediaDir),
        tracks: [{ name: 'A', clips: [{ start: 0, length: 960 }] }],
      });
      const envelope = await server.services.dispatch('export.dragOut', {
        projectId,
        target: { kind: 'track', trackId: trackIds[0] },
        phase: 'start',
      });
      expect(envelope).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
      expect(audio.renders).toEqual([]);
    } finally {
      await server.cleanup();
    }
  });

  it('keeps its files in a folder the next start removes', async () => {
    const { projectId, trackIds } = await seed();
    await dragOut(projectId, { kind: 'track', trackId: trackIds[0]! }, 'start');
    expect(
      studio.ports.dragged[0]?.startsWith(join(studio.services.paths.exportsDir, DRAG_FOLDER)),
    ).toBe(true);
    expect(DRAG_FOLDER.startsWith('.tmp-')).toBe(true);
  });
});
