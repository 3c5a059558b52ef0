/**
 * The `export.start` job: renders and encodes every planned audio file, writes the companion
 * files, and commits the whole export at once (folder or zip). Any failure or cancellation
 * removes everything it wrote; nothing partial is ever presented as complete.
 */
import yazl from 'yazl';

import type {
  ExportedFile,
  ExportFileRole,
  ExportOptions,
} from '../../../app/export/export-options.ts';
import type { ExportPlan } from '../../../app/export/export-plan.ts';
import { type SongTimeline, songTimelineOf } from '../../../app/export/song-timeline.ts';
import type { PhasePlan } from '../../../app/jobs/progress.ts';
import type { ProjectId } from '../../../app/model/ids.ts';
import type { ProjectState } from '../../../app/model/project.ts';
import type { JobContext } from '../services/job-registry.ts';
import type { ExportAudioEngine } from './export-audio.ts';
import { writeAudioFiles } from './export-audio-files.ts';
import { type CommittedExport, ExportStaging } from './export-staging.ts';
import { destroyStream, type ExportFileWriter } from './file-writer.ts';
import { writeDawProjectMetadataXml, writeDawProjectXml } from './formats/dawproject.ts';
import { writeLrc } from './formats/lrc.ts';
import { writeReaperProject } from './formats/reaper-project.ts';
import {
  dawprojectAudioPath,
  dawProjectInput,
  exportOffsetSeconds,
  exportSeconds,
  reaperProjectInput,
  tempoMapBytes,
} from './project-files.ts';

/** Rendering and encoding dominate; writing companions and the zip is the rest. */
export const EXPORT_PHASES: PhasePlan = [
  ['prepare', 0.02],
  ['encode', 0.83],
  ['write', 0.15],
];

export interface ExportJobDeps {
  exportsDir: string;
  writer: ExportFileWriter;
  audio: ExportAudioEngine;
  appVersion: string;
  /** Epoch milliseconds. */
  now: () => number;
}

export interface ExportJobInput {
  projectId: ProjectId;
  projectName: string;
  state: ProjectState;
  options: ExportOptions;
  plan: ExportPlan;
}

export interface ExportOutcome {
  committed: CommittedExport;
  files: ExportedFile[];
  notes: string[];
}

export async function runExport(
  deps: ExportJobDeps,
  input: ExportJobInput,
  context: JobContext,
): Promise<ExportOutcome> {
  context.progress('prepare', 0);
  const staging = await ExportStaging.create(deps.exportsDir, input.plan.baseName, deps.writer);
  try {
    const song = songTimelineOf(input.state);
    const roles = new Map<string, ExportFileRole>();
    context.progress('prepare', 1);
    const audioNotes = await writeAudioFiles(deps, input, staging, roles, context);
    await writeCompanions(deps, input, song, staging, roles, context);
    const committed = await staging.commit(input.options.output, context.signal, (done, total) => {
      context.progress('write', 0.5 + 0.5 * Math.min(1, done / Math.max(1, total)));
    });
    const notes = [...input.plan.notes, ...audioNotes];
    if (
      committed.fileName !== `${input.plan.baseName}${input.options.output === 'zip' ? '.zip' : ''}`
    ) {
      notes.push(
        `An export with the same name already existed, so this one is ${committed.fileName}.`,
      );
    }
    const files = staging.files.map((file) => ({
      ...file,
      role: roles.get(file.fileName) ?? 'stem',
    }));
    return { committed, files, notes };
  } finally {
    await staging.discard();
  }
}

async function writeCompanions(
  deps: ExportJobDeps,
  input: ExportJobInput,
  song: SongTimeline,
  staging: ExportStaging,
  roles: Map<string, ExportFileRole>,
  context: JobContext,
): Promise<void> {
  const { plan, state, options } = input;
  const { signal } = context;
  const put = async (role: ExportFileRole, fileName: string, data: string | Uint8Array) => {
    roles.set(fileName, role);
    await staging.write(
      fileName,
      typeof data === 'string' ? Buffer.from(data, 'utf8') : data,
      signal,
    );
  };
  context.progress('write', 0);
  if (plan.tempoMap !== null) {
    await put('tempoMap', plan.tempoMap.fileName, tempoMapBytes(plan, state, song));
  }
  if (plan.lyrics !== null && song.lyrics.length > 0) {
    const lrc = writeLrc({
      title: plan.projectName,
      offsetSeconds: exportOffsetSeconds(plan),
      lengthSeconds: exportSeconds(plan),
      lines: song.lyrics,
    });
    await put('lyrics', plan.lyrics.fileName, lrc);
  }
  if (plan.reaper !== null) {
    const savedAt = Math.floor(deps.now() / 1000);
    const rpp = writeReaperProject(reaperProjectInput(plan, state, options, song, savedAt));
    await put('reaper', plan.reaper.fileName, rpp);
  }
  context.progress('write', 0.2);
  if (plan.dawproject !== null) {
    roles.set(plan.dawproject.fileName, 'dawproject');
    const project = dawProjectInput(plan, state, options, song, deps.appVersion);
    const zip = new yazl.ZipFile();
    zip.addBuffer(Buffer.from(writeDawProjectXml(project), 'utf8'), 'project.xml');
    zip.addBuffer(Buffer.from(writeDawProjectMetadataXml(project), 'utf8'), 'metadata.xml');
    for (const stem of plan.stems) {
      zip.addFile(staging.pathOf(stem.fileName), dawprojectAudioPath(stem.fileName), {
        compress: false,
      });
    }
    zip.end();
    try {
      const stream = zip.outputStream as NodeJS.ReadableStream & AsyncIterable<Uint8Array>;
      await staging.write(plan.dawproject.fileName, stream, signal);
    } catch (error) {
      destroyStream(zip.outputStream);
      throw error;
    }
  }
  context.progress('write', 0.5);
}
