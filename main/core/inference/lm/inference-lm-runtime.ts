/**
 * The LmRuntime the studio uses: every LM job runs as the "lm" task of the inference process
 * (the process that owns the ONNX sessions). Audio for understanding travels as a PCM file.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { StudioError } from '../../../../app/errors.ts';
import {
  type FormatParams,
  type InspireParams,
  type LmSampling,
  SongDraft,
} from '../../../../app/model/song-draft.ts';
import type { StereoAudio } from '../../media/generated-audio.ts';
import type { InstalledComponent, ModelLibraryScan } from '../../models/model-library.ts';
import { interleaveStereo } from '../audio-io/pcm-file.ts';
import type { LmJobControl, LmJobProgress, LmRuntime } from './lm-handlers.ts';
import type { LmTaskPayload } from './lm-task.ts';
import type { ThinkingInput, ThinkingResult } from './lm-thinking.ts';

/** What the runtime needs of the inference client. */
export interface InferenceTaskRunner {
  run<T>(
    task: string,
    payload: unknown,
    options?: { signal?: AbortSignal; onProgress?: (progress: unknown) => void },
  ): Promise<T>;
}

export interface InferenceLmRuntimeDeps {
  client: InferenceTaskRunner;
  modelsDir: string;
  /** Where understanding's PCM files are written (and removed). */
  tempDir: string;
  /** The current model library. */
  scan(): Promise<ModelLibraryScan>;
}

/** The LM to use: the official default 1.7B first, then 4B, then 0.6B, then any LM. */
export const LM_PREFERENCE = ['lm-1.7b', 'lm-4b', 'lm-0.6b'];

/** The preferred installed component of `kind` (ids compare case-insensitively); MODEL_MISSING without one. */
export function pickComponent(
  scan: ModelLibraryScan,
  kind: InstalledComponent['kind'],
  preferred: readonly string[],
): string {
  const installed = scan.installed.filter((c) => c.kind === kind);
  const chosen =
    preferred
      .map((id) => installed.find((c) => c.id.toLowerCase() === id.toLowerCase()))
      .find((c) => c !== undefined) ?? installed[0];
  if (chosen === undefined) {
    throw new StudioError('MODEL_MISSING', `No ${kind} component is installed.`, { kind });
  }
  return chosen.id;
}

function isProgress(value: unknown): value is LmJobProgress {
  return typeof value === 'object' && value !== null && 'phase' in value && 'fraction' in value;
}

export class InferenceLmRuntime implements LmRuntime {
  readonly #deps: InferenceLmRuntimeDeps;

  constructor(deps: InferenceLmRuntimeDeps) {
    this.#deps = deps;
  }

  async inspire(params: InspireParams, control: LmJobControl): Promise<SongDraft> {
    return SongDraft.parse(
      await this.#run({ mode: 'inspire', ...(await this.#where()), params }, control),
    );
  }

  async format(params: FormatParams, control: LmJobControl): Promise<SongDraft> {
    return SongDraft.parse(
      await this.#run({ mode: 'format', ...(await this.#where()), params }, control),
    );
  }

  async understand(
    input: { audio: StereoAudio } & LmSampling,
    control: LmJobControl,
  ): Promise<SongDraft> {
    const { audio, ...sampling } = input;
    const scan = await this.#deps.scan();
    const where = {
      modelsDir: this.#deps.modelsDir,
      lmId: pickComponent(scan, 'lm', LM_PREFERENCE),
    };
    const ditId = pickComponent(scan, 'dit', ['dit-turbo']);
    const vaeId = pickComponent(scan, 'vae', ['vae']);
    await mkdir(this.#deps.tempDir, { recursive: true });
    const path = join(this.#deps.tempDir, `understand-${randomUUID()}.pcm`);
    try {
      await writeFile(path, interleaveStereo(audio.left, audio.right));
      const payload: LmTaskPayload = {
        mode: 'understand',
        ...where,
        ditId,
        vaeId,
        audio: { path, samples: audio.left.length },
        sampling,
      };
      return SongDraft.parse(await this.#run(payload, control));
    } finally {
      await rm(path, { force: true });
    }
  }

  /** Generation thinking (phases per §6.6) in the inference process; `lmId`: which LM. */
  async think(
    input: ThinkingInput,
    sampling: LmSampling & {
      cfgScale?: number;
      metadataTemperature?: number;
      codesTemperature?: number;
    },
    control: LmJobControl,
    options: { lmId?: string } = {},
  ): Promise<ThinkingResult> {
    return (await this.#run(
      {
        mode: 'think',
        ...(options.lmId === undefined
          ? await this.#where()
          : { modelsDir: this.#deps.modelsDir, lmId: options.lmId }),
        input: {
          ...input,
          audioCodes: input.audioCodes === undefined ? undefined : [...input.audioCodes],
        },
        sampling,
      },
      control,
    )) as ThinkingResult;
  }

  async #where(): Promise<{ modelsDir: string; lmId: string }> {
    return {
      modelsDir: this.#deps.modelsDir,
      lmId: pickComponent(await this.#deps.scan(), 'lm', LM_PREFERENCE),
    };
  }

  #run(payload: LmTaskPayload, control: LmJobControl): Promise<unknown> {
    return this.#deps.client.run('lm', payload, {
      signal: control.signal,
      onProgress: (progress) => {
        if (isProgress(progress)) {
          control.progress(progress);
        }
      },
    });
  }
}
