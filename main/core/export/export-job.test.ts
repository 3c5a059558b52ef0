/**
 * The export job's orchestration over real services and a fake audio engine (the real one is
 * exercised in tests/integration/daw-export.test.ts): what it writes, where, how it commits,
 * and that a failure, a full disk or a cancel leaves nothing behind.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { JobFinished } from '../../../app/contract/jobs.ts';
import { StudioError } from '../../../app/errors.ts';
import {
  defaultExportOptions,
  type ExportOptions,
  ExportResult,
} from '../../../app/export/export-options.ts';
import type { JobId } from '../../../app/model/ids.ts';
import { placeholderMedia, seedExportProject } from '../../../tests/helpers/export-project.ts';
import { type FakeAudio, fakeAudio } from '../../../tests/helpers/fake-export-audio.ts';
import { finishedJob } from '../../../tests/helpers/jobs.ts';
import { parseRpp, rppChildren } from '../../../tests/helpers/rpp-parse.ts';
import { startTestServices, type TestServices } from '../../../tests/helpers/services.ts';
import { makeTempDir, removeDir } from '../../../tests/helpers/temp-dir.ts';
import { zipContents } from '../../../tests/helpers/zip-contents.ts';
import { type ExportFileWriter, nodeFileWriter } from './file-writer.ts';

/** A writer that fails with ENOSPC once `limit` bytes have been written in total. */
function diskFullAfter(limit: number): ExportFileWriter {
  let written = 0;
  return {
    write: async (path, data, signal) => {
      const counted = async function* () {
        for await (const chunk of data instanceof Uint8Array ? [data] : data) {
          written += chunk.length;
          if (written > limit) {
            throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
          }
          yield chunk;
        }
      };
      return nodeFileWriter.write(path, counted(), signal);
    },
  };
}

let studio: TestServices;
let audio: FakeAudio;
let mediaDir: string;
let writer: ExportFileWriter;

beforeEach(async () => {
  mediaDir = await makeTempDir('layerline-export-media-');
  audio = fakeAudio();
  writer = nodeFileWriter;
  studio = await startTestServices(undefined, {
    host: 'electron',
    exportAudio: audio,
    exportWriter: { write: (path, data, signal) => writer.write(path, data, signal) },
  });
});

afterEach(async () => {
  await studio.cleanup();
  await removeDir(mediaDir);
});

async function seed() {
  return seedExportProject(studio.services, {
    name: 'Demo Song',
    tempo: 120,
    key: { tonic: 'A', mode: 'minor' },
    media: await placeholderMedia(mediaDir),
    tracks: [
      { name: 'Drums', clips: [{ start: 0, length: 8 * 960 }] },
      { name: 'Bass', gainDb: -6, pan: 0.5, mute: true, clips: [{ start: 4 * 960, length: 960 }] },
      { name: 'Empty', clips: [] },
    ],
  });
}

async function exportNow(
  projectId: string,
  patch: Partial<ExportOptions> = {},
): Promise<JobFinished> {
  const job: { id?: JobId } = {};
  const finished = finishedJob(studio.services, () => job.id);
  const envelope = await studio.services.dispatch('export.start', {
    projectId,
    options: { ...defaultExportOptions(), output: 'zip', ...patch },
  });
  if (!envelope.ok) {
    throw StudioError.fromWire(envelope.error);
  }
  job.id = (envelope.value as { jobId: JobId }).jobId;
  return finished;
}

const exportsDir = () => studio.services.paths.exportsDir;

describe('export.start', () => {
  it('writes every planned file into one zip under a folder of the export’s name', async () => {
    const { projectId } = await seed();
    const finished = await exportNow(projectId);
    expect(finished.status).toBe('succeeded');
    const result = ExportResult.parse(finished.result);
    expect(result.artifact.fileName).toBe('Demo_Song_120bpm_Amin.zip');
    expect(result.files.map((f) => [f.fileName, f.role])).toEqual([
      ['01_Drums_120bpm_Amin.wav', 'stem'],
      ['02_Bass_120bpm_Amin.wav', 'stem'],
      ['Demo_Song_Mix_120bpm_Amin.wav', 'mix'],
      ['Demo_Song_120bpm_Amin_TempoMap.mid', 'tempoMap'],
      ['Demo_Song.RPP', 'reaper'],
      ['Demo_Song.dawproject', 'dawproject'],
    ]);
    expect(result.skipped.map((s) => s.name)).toEqual(['Empty']);
    expect(await readdir(exportsDir())).toEqual(['Demo_Song_120bpm_Amin.zip']);
    const zip = await zipContents(join(exportsDir(), result.artifact.fileName));
    expect([...zip.keys()]).toEqual(result.files.map((f) => `Demo_Song_120bpm_Amin/${f.fileName}`));
    const stem: unknown = JSON.parse(
      zip.get('Demo_Song_120bpm_Amin/01_Drums_120bpm_Amin.wav')!.toString(),
    );
    // 8 beats at 120 bpm = 4 s; every stem and the mix span the whole song.
    expect(stem).toEqual({
      frames: 192_000,
      rate: 48_000,
      container: 'wav',
      chunks: ['bext', 'acid', 'LIST'],
    });
  });

  it('renders each stem alone and unmuted, and the mix with mute applied', async () => {
    const { projectId, trackIds } = await seed();
    await exportNow(projectId);
    const [drums, bass] = trackIds;
    expect(audio.renders.map((r) => r.trackIds)).toEqual([[drums], [bass], trackIds]);
    expect(audio.renders.every((r) => r.range.start === 0 && r.range.end === 192_000)).toBe(true);
    const bassStem = audio.renders[1]!.state.tracks.find((t) => t.id === bass);
    expect(bassStem).toMatchObject({ mute: false, gainDb: -6, pan: 0.5 });
    const mixBass = audio.renders[2]!.state.tracks.find((t) => t.id === bass);
    expect(mixBass?.mute).toBe(true);
  });

  it('pre-fader stems drop the track fader and the project files carry it', async () => {
    const { projectId, trackIds } = await seed();
    const finished = await exportNow(projectId, { stemLevels: 'preFader', output: 'folder' });
    const result = ExportResult.parse(finished.result);
    const bassStem = audio.renders[1]!.state.tracks.find((t) => t.id === trackIds[1]);
    expect(bassStem).toMatchObject({ gainDb: 0, pan: 0 });
    const folder = join(exportsDir(), result.artifact.fileName);
    const rpp = parseRpp(await readFile(join(folder, 'Demo_Song.RPP'), 'utf8'));
    const volpan = rppChildren(rpp, 'TRACK').map((t) =>
      t.lines
        .find((l) => l.key === 'VOLPAN')
        ?.args.slice(0, 2)
        .map(Number),
    );
    expect(volpan[0]).toEqual([1, 0]);
    expect(volpan[1]?.[0]).toBeCloseTo(10 ** (-6 / 20), 6);
    expect(volpan[1]?.[1]).toBe(0.5);
  });

  it('exports a folder that appears only when complete, and names a second one _2', async () => {
    const { projectId } = await seed();
    const first = ExportResult.parse((await exportNow(projectId, { output: 'folder' })).result);
    const second = await exportNow(projectId, { output: 'folder' });
    const result = ExportResult.parse(second.result);
    expect(first.artifact.fileName).toBe('Demo_Song_120bpm_Amin');
    expect(result.artifact.fileName).toBe('Demo_Song_120bpm_Amin_2');
    expect(result.notes.join(' ')).toContain('already existed');
    expect((await readdir(exportsDir())).sort()).toEqual([
      'Demo_Song_120bpm_Amin',
      'Demo_Song_120bpm_Amin_2',
    ]);
    const dawproject = await zipContents(
      join(exportsDir(), result.artifact.fileName, 'Demo_Song.dawproject'),
    );
    expect([...dawproject.keys()].sort()).toEqual([
      'audio/01_Drums_120bpm_Amin.wav',
      'audio/02_Bass_120bpm_Amin.wav',
      'metadata.xml',
      'project.xml',
    ]);
    const artifact = await studio.services.artifacts.resolveExisting(result.artifact.artifactId);
    expect(artifact.path).toBe(join(exportsDir(), 'Demo_Song_120bpm_Amin_2'));
  });

  it('a full disk fails with STORAGE_FAILED and leaves nothing, not even temp files', async () => {
    const { projectId } = await seed();
    for (const limit of [10, 700, 5_000]) {
      writer = diskFullAfter(limit);
      const finished = await exportNow(projectId);
      expect(finished.status).toBe('failed');
      expect(finished.error?.code).toBe('STORAGE_FAILED');
      expect(finished.error?.message).toContain('The disk is full');
      expect(await readdir(exportsDir())).toEqual([]);
    }
  });

  it('a full disk while encoding audio fails the same way and leaves nothing', async () => {
    const { projectId } = await seed();
    audio.failEncode = true;
    const finished = await exportNow(projectId);
    expect(finished.status).toBe('failed');
    expect(finished.error?.code).toBe('STORAGE_FAILED');
    expect(await readdir(exportsDir())).toEqual([]);
  });

  it('a cancel while rendering stops the job and removes what it wrote', async () => {
    const { projectId } = await seed();
    const job: { id?: JobId } = {};
    const finished = finishedJob(studio.services, () => job.id);
    audio.hang = true;
    const started = await studio.services.dispatch('export.start', {
      projectId,
      options: { ...defaultExportOptions(), output: 'zip' },
    });
    if (!started.ok) {
      throw StudioError.fromWire(started.error);
    }
    const jobId = (started.value as { jobId: JobId }).jobId;
    job.id = jobId;
    while (audio.renders.length === 0) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    studio.services.jobs.cancel(jobId);
    expect((await finished).status).toBe('cancelled');
    expect(await readdir(exportsDir())).toEqual([]);
  });
});

describe('export.start refuses bad input at once, starting no job', () => {
  it('folder output in server mode (a browser downloads one file)', async () => {
    const server = await startTestServices(undefined, { exportAudio: audio });
    try {
      const { projectId } = await seedExportProject(server.services, {
        name: 'Server',
        media: await placeholderMedia(mediaDir),
        tracks: [{ name: 'A', clips: [{ start: 0, length: 960 }] }],
      });
      const envelope = await server.services.dispatch('export.start', {
        projectId,
        options: { ...defaultExportOptions(), output: 'folder' },
      });
      expect(envelope).toMatchObject({
        ok: false,
        error: { details: { reason: 'folderNeedsDesktop' } },
      });
    } finally {
      await server.cleanup();
    }
  });

  const refused = async (params: unknown) => {
    const before = studio.services.jobs.list().length;
    const envelope = await studio.services.dispatch('export.start', params);
    expect(studio.services.jobs.list()).toHaveLength(before);
    if (envelope.ok) {
      throw new Error('expected a refusal');
    }
    return envelope.error;
  };

  it('an empty project', async () => {
    const { projectId } = await seedExportProject(studio.services, {
      name: 'Empty',
      media: await placeholderMedia(mediaDir),
      tracks: [],
    });
    const error = await refused({ projectId, options: defaultExportOptions() });
    expect(error).toMatchObject({ code: 'VALIDATION_FAILED', details: { reason: 'emptyProject' } });
  });

  it('a selection of zero length', async () => {
    const { projectId } = await seed();
    const range = { kind: 'selection', start: 960, end: 960 };
    const error = await refused({ projectId, options: { ...defaultExportOptions(), range } });
    expect(error).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { reason: 'emptySelection' },
    });
  });

  it('only a track with no clips', async () => {
    const { projectId, trackIds } = await seed();
    const options = {
      ...defaultExportOptions(),
      trackIds: [trackIds[2]],
      mix: false,
      output: 'zip',
    };
    const error = await refused({
      projectId,
      options: { ...options, projectFiles: { reaper: false, dawproject: false } },
    });
    expect(error).toMatchObject({ code: 'VALIDATION_FAILED', details: { reason: 'noStems' } });
  });

  it('options that fail their schema', async () => {
    const { projectId } = await seed();
    const error = await refused({
      projectId,
      options: { ...defaultExportOptions(), sampleRate: 96_000 },
    });
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.message).toContain('sampleRate');
  });
});
