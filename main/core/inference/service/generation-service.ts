/**
 * generation.start: a job that resolves the request (models, sources, seeds, defaults), lets
 * the 5 Hz LM think when asked (generation-thinking.ts), checks memory, runs the pipeline in
 * the inference process with staged progress (plan, load, encode, diffuse step i/N, decode
 * tile i/N, write) and stores each item with its provenance. job.cancel works at every stage:
 * the signal reaches the source conversion, the LM, the inference process (between tokens,
 * steps and tiles) and the store. `run` does the same work inside another job (the timeline
 * workflows), with that job's progress.
 */
import { randomInt } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';

import type { GenerationRequest } from '../../../../app/generation/request.ts';
import type {
  GenerationProvenance,
  GenerationResult,
  ModelProvenance,
} from '../../../../app/generation/result.ts';
import type { JobPhase, PhasePlan } from '../../../../app/jobs/progress.ts';
import type { Logger } from '../../../../app/log.ts';
import type { JobId, ProjectId } from '../../../../app/model/ids.ts';
import {
  type InstalledComponent,
  type ModelLibraryScan,
  scanModelLibrary,
} from '../../models/model-library.ts';
import type { JobContext, JobRegistry } from '../../services/job-registry.ts';
import type { PcmInput } from '../audio-io/pcm-file.ts';
import type { IoContract } from '../contract/io-contract.ts';
import type { GenerationOutput, PipelineProgress } from '../pipeline/generation-plan.ts';
import { planLatents } from '../pipeline/latent-plan.ts';
import { estimateMemory, requireMemory } from '../preflight/memory-estimate.ts';
import type { InferenceClient } from '../process/inference-client.ts';
import {
  type NormalizedGeneration,
  normalizeRequest,
  resolveSeeds,
} from '../request/normalize-request.ts';
import type { GeneratedAudioSink, SourceAudioReader } from './audio-ports.ts';
import {
  type GenerationLm,
  thinkForRequest,
  type ThoughtRequest,
  wantsThinking,
} from './generation-thinking.ts';

/** A normalised generation with what the LM contributed. */
interface Thought extends NormalizedGeneration {
  thinking: ThoughtRequest['thinking'];
  lmModel: InstalledComponent | null;
}

function lmComponent(scan: ModelLibraryScan, thought: ThoughtRequest): InstalledComponent | null {
  const id = thought.thinking?.lmId;
  return id === undefined ? null : (scan.installed.find((c) => c.id === id) ?? null);
}

export const GENERATION_PHASES: PhasePlan = [
  ['load', 0.05],
  ['encode', 0.1],
  ['diffuse', 0.6],
  ['decode', 0.2],
  ['write', 0.05],
];

/** The LM's share when the request thinks (the LM runs before the DiT loads). */
const THINKING_PHASE: readonly [JobPhase, number] = ['plan', 0.3];

/** The phases a request runs: the LM's `plan` first when it thinks. */
export function generationPhases(request: GenerationRequest): PhasePlan {
  return wantsThinking(request) ? [THINKING_PHASE, ...GENERATION_PHASES] : GENERATION_PHASES;
}

/** What a caller of `run` adds: a lineage record stored with each item, and item names. */
export interface GenerationRunOptions {
  /** Stored beside the provenance of every item as `lineage` (plain JSON). */
  lineage?: Record<string, unknown>;
  /** The media name of item `index` with `seed`; default "<task>-<seed>.wav". */
  name?: (index: number, seed: number) => string;
}

export interface GenerationServiceDeps {
  client: InferenceClient;
  contract: () => Promise<IoContract>;
  modelsDir: string;
  /** Scratch space for PCM sources and results; one sub-folder per job, always removed. */
  workDir: string;
  jobs: JobRegistry;
  reader: SourceAudioReader;
  sink: GeneratedAudioSink;
  /** What the run may use, for the pre-flight check. */
  availableMemory: () => { bytes: number; what: string };
  /** The 5 Hz LM for thinking; null: requests that think fail with UNAVAILABLE. */
  lm: GenerationLm | null;
  log: Logger;
  now: () => number;
}

function modelProvenance(component: InstalledComponent): ModelProvenance {
  const { manifest } = component;
  return {
    id: component.id,
    kind: component.kind,
    version: manifest.version,
    precision: manifest.precision,
    files: manifest.files.map((file) => ({ path: file.path, sha256: file.sha256 })),
  };
}

export class GenerationService {
  readonly #deps: GenerationServiceDeps;

  constructor(deps: GenerationServiceDeps) {
    this.#deps = deps;
  }

  start(request: GenerationRequest): JobId {
    return this.#deps.jobs.start({
      kind: 'generation.start',
      label: `Generate (${request.task})`,
      projectId: request.projectId,
      plan: generationPhases(request),
      run: (context) => this.run(request, context),
    });
  }

  /** One generation inside the job `context` belongs to (its plan must hold generationPhases). */
  async run(
    request: GenerationRequest,
    context: JobContext,
    options: GenerationRunOptions = {},
  ): Promise<GenerationResult> {
    const deps = this.#deps;
    const dir = join(
      deps.workDir,
      `job-${randomInt(2 ** 31).toString(16)}-${deps.now().toString(36)}`,
    );
    await mkdir(join(dir, 'out'), { recursive: true });
    try {
      const normalized = await this.#normalize(request, dir, context);
      const output = await deps.client.run<GenerationOutput>(
        'generate',
        { modelsDir: deps.modelsDir, plan: normalized.plan },
        {
          signal: context.signal,
          onProgress: (raw) => {
            const p = raw as PipelineProgress;
            context.progress(p.phase, p.fraction, {
              ...(p.step === undefined ? {} : { step: p.step }),
              ...(p.totalSteps === undefined ? {} : { totalSteps: p.totalSteps }),
            });
          },
        },
      );
      return await this.#store(request, normalized, output, context, options);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  async #normalize(request: GenerationRequest, dir: string, context: JobContext): Promise<Thought> {
    const deps = this.#deps;
    const { signal } = context;
    const contract = await deps.contract();
    const scan = await scanModelLibrary(deps.modelsDir, { contract, signal, log: deps.log });
    // Seeds first, so the LM and the DiT items agree on them (and provenance can replay both).
    const seeds = resolveSeeds(request.seeds, request.batchSize, () => randomInt(2 ** 32));
    const thought = await thinkForRequest(
      { ...request, seeds },
      {
        lm: deps.lm,
        scan,
        seeds,
        control: {
          signal,
          // Everything the LM does (its own loading included) is this job's "plan" phase.
          progress: (p) => {
            context.progress('plan', p.phase === 'plan' ? p.fraction : 0, {
              ...(p.step === undefined ? {} : { step: p.step }),
              ...(p.totalSteps === undefined ? {} : { totalSteps: p.totalSteps }),
            });
          },
        },
      },
    );
    context.progress('load', 0);
    const sampleRate = 48000;
    const pcm = async (
      ref: GenerationRequest['source'],
      name: string,
    ): Promise<PcmInput | undefined> => {
      if (ref === undefined) {
        return undefined;
      }
      const path = join(dir, `${name}.f32`);
      const projectId: ProjectId = ref.projectId ?? request.projectId;
      const { samples } = await deps.reader.toPcm({
        projectId,
        mediaHash: ref.mediaHash,
        path,
        sampleRate,
        signal,
      });
      return { path, samples };
    };
    const source = await pcm(request.source, 'source');
    const reference = await pcm(request.reference, 'reference');
    const normalized = normalizeRequest(thought.request, {
      scan,
      ...(source === undefined ? {} : { source }),
      ...(reference === undefined ? {} : { reference }),
      outputDir: join(dir, 'out'),
      randomSeed: () => randomInt(2 ** 32),
    });
    if (thought.itemAudioCodes !== undefined) {
      normalized.plan.itemAudioCodes = thought.itemAudioCodes;
    }
    const plan = normalized.plan;
    const frames = planLatents({
      task: plan.task,
      sampleRate,
      hop: 1920,
      poolWindow: 5,
      maxFrames: Number.MAX_SAFE_INTEGER,
      ...(plan.durationSeconds === undefined ? {} : { durationSeconds: plan.durationSeconds }),
      ...(plan.audioCodes === undefined || plan.source !== undefined
        ? {}
        : { audioCodeCount: plan.audioCodes.length }),
      ...(plan.source === undefined ? {} : { sourceSamples: plan.source.samples }),
      ...(plan.region === undefined ? {} : { region: plan.region }),
    }).frames;
    requireMemory(estimateMemory(plan, frames, normalized.components), deps.availableMemory());
    return { ...normalized, thinking: thought.thinking, lmModel: lmComponent(scan, thought) };
  }

  async #store(
    request: GenerationRequest,
    normalized: Thought,
    output: GenerationOutput,
    context: JobContext,
    options: GenerationRunOptions,
  ): Promise<GenerationResult> {
    const { plan, components } = normalized;
    // Paths are scratch files of this job, and per-item codes go with their item: not shared.
    const resolved: Record<string, unknown> = Object.fromEntries(
      Object.entries(plan).filter(
        ([key]) => !['outputDir', 'source', 'reference', 'itemAudioCodes'].includes(key),
      ),
    );
    if (normalized.thinking !== null) {
      resolved['thinking'] = normalized.thinking;
    }
    const models = [components.textEncoder, components.dit, components.vae];
    const provenance: GenerationProvenance = {
      request,
      resolved,
      defaults: normalized.defaults,
      models: [...models, ...(normalized.lmModel === null ? [] : [normalized.lmModel])].map(
        modelProvenance,
      ),
      contract: (await this.#deps.contract()).version,
      createdAt: this.#deps.now(),
    };
    const items: GenerationResult['items'] = [];
    for (const item of output.items) {
      context.progress('write', items.length / output.items.length);
      const codes = plan.itemAudioCodes?.[item.index];
      const itemProvenance: GenerationProvenance = {
        ...provenance,
        resolved: {
          ...resolved,
          seed: item.seed,
          ...(codes === undefined ? {} : { audioCodes: codes }),
        },
      };
      const { mediaHash } = await this.#deps.sink.store({
        projectId: request.projectId,
        wavPath: item.path,
        name: options.name?.(item.index, item.seed) ?? `${request.task}-${item.seed}.wav`,
        provenance:
          options.lineage === undefined
            ? itemProvenance
            : { ...itemProvenance, lineage: options.lineage },
        signal: context.signal,
      });
      items.push({
        index: item.index,
        mediaHash,
        seed: item.seed,
        sampleRate: item.sampleRate,
        samples: item.samples,
        durationSeconds: item.samples / item.sampleRate,
        peak: item.peak,
        normalized: item.normalized,
      });
    }
    context.progress('write', 1);
    return { items, provenance };
  }
}
