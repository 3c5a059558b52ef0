/**
 * Drag-out: a track (its stem over the whole song, so it lines up when dropped at 0) or one
 * clip (its own span, before the track fader) rendered to a 24-bit 48 kHz WAV with the same
 * names, chunks and tags as an export, then handed to the host's native drag. Files live in
 * `<exports>/.tmp-drag/` (removed at the next start) and are reused while the project is
 * unchanged, so the "prepare" call on pointer-down makes the drag itself instant.
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';

import { StudioError } from '../../../app/errors.ts';
import {
  defaultExportOptions,
  type DragOutTarget,
  type ExportOptions,
} from '../../../app/export/export-options.ts';
import { planExport } from '../../../app/export/export-plan.ts';
import type { Logger } from '../../../app/log.ts';
import type { ProjectId } from '../../../app/model/ids.ts';
import type { ProjectState } from '../../../app/model/project.ts';
import type { DragOut } from '../ports.ts';
import type { ProjectLibrary } from '../services/project-library.ts';
import type { ExportAudioEngine } from './export-audio.ts';
import { writeAudioFiles } from './export-audio-files.ts';
import { ExportStaging } from './export-staging.ts';
import type { ExportFileWriter } from './file-writer.ts';

/** Folder for drag files, inside the exports folder; ".tmp-" so startup cleans it. */
export const DRAG_FOLDER = '.tmp-drag';
const MAX_CACHED = 32;

/** Where there is no native drag (a browser), this is what the user is told. */
export function dragOutUnavailable(): StudioError {
  return new StudioError(
    'UNAVAILABLE',
    'Dragging a track or clip out to another application works in the desktop app; in the browser, export it instead.',
  );
}

export interface DragOutDeps {
  exportsDir: string;
  library: ProjectLibrary;
  audio: ExportAudioEngine;
  writer: ExportFileWriter;
  dragOut: DragOut;
  appVersion: string;
}

interface Rendered {
  path: string;
  fileName: string;
}

/** What to render for a target: the state, the options and a label for errors. */
function dragSource(
  state: ProjectState,
  target: DragOutTarget,
): { state: ProjectState; options: ExportOptions } {
  const base: ExportOptions = {
    ...defaultExportOptions(),
    mix: false,
    tempoMap: false,
    lyrics: false,
    projectFiles: { reaper: false, dawproject: false },
    output: 'folder',
  };
  if (target.kind === 'track') {
    return { state, options: { ...base, trackIds: [target.trackId] } };
  }
  const clip = state.clips.find((candidate) => candidate.id === target.clipId);
  const track = state.tracks.find((candidate) => candidate.id === clip?.trackId);
  if (clip === undefined || track === undefined) {
    throw new StudioError('NOT_FOUND', `No clip with id ${target.clipId} in this project.`, {
      kind: 'clip',
      id: target.clipId,
    });
  }
  // The clip alone, named after itself, heard through its clip gain and fades only.
  return {
    state: { ...state, tracks: [{ ...track, name: clip.name }], clips: [clip] },
    options: {
      ...base,
      trackIds: [track.id],
      stemLevels: 'preFader',
      range: { kind: 'selection', start: clip.start, end: (clip.start + clip.length) as never },
    },
  };
}

export class DragOutService {
  readonly #deps: DragOutDeps;
  readonly #cache = new Map<string, Promise<Rendered>>();

  constructor(deps: DragOutDeps) {
    this.#deps = deps;
  }

  /** Renders `target` (or reuses its file); with `start`, begins the native drag. */
  async dragOut(
    projectId: ProjectId,
    target: DragOutTarget,
    phase: 'prepare' | 'start',
    call: { signal: AbortSignal; log: Logger },
  ): Promise<{ fileName: string }> {
    const session = this.#deps.library.session(projectId);
    const id = target.kind === 'track' ? target.trackId : target.clipId;
    const key = `${projectId}:${session.revision}:${target.kind}:${id}`;
    let rendered = this.#cache.get(key);
    if (rendered === undefined || !(await exists((await rendered).path))) {
      rendered = this.#render(projectId, session.name, session.state, target, call);
      this.#remember(key, rendered);
    }
    const file = await rendered;
    if (phase === 'start') {
      this.#deps.dragOut.start({ path: file.path });
    }
    return { fileName: file.fileName };
  }

  #remember(key: string, rendered: Promise<Rendered>): void {
    this.#cache.set(key, rendered);
    rendered.catch(() => {
      this.#cache.delete(key);
    });
    for (const old of this.#cache.keys()) {
      if (this.#cache.size <= MAX_CACHED) {
        break;
      }
      this.#cache.delete(old);
    }
  }

  async #render(
    projectId: ProjectId,
    projectName: string,
    projectState: ProjectState,
    target: DragOutTarget,
    call: { signal: AbortSignal; log: Logger },
  ): Promise<Rendered> {
    const { state, options } = dragSource(projectState, target);
    const plan = planExport({ projectName, state, options, hasTimedLyrics: false });
    const stem = plan.stems[0];
    if (stem === undefined) {
      throw new StudioError('VALIDATION_FAILED', 'There is nothing to drag: it has no audio.');
    }
    const folder = join(this.#deps.exportsDir, DRAG_FOLDER);
    const staging = await ExportStaging.create(folder, plan.baseName, this.#deps.writer);
    try {
      await writeAudioFiles(
        { ...this.#deps, now: () => this.#deps.library.now() },
        { projectId, projectName, state, options, plan },
        staging,
        new Map(),
        { ...call, progress: () => undefined },
      );
    } catch (error) {
      await staging.discard();
      throw error;
    }
    return { path: staging.pathOf(stem.fileName), fileName: stem.fileName };
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
