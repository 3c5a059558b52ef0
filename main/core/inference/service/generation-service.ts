/**
 * generation.start: a job that resolves the request (models, sources, seeds, defaults), checks
 * memory, runs the pipeline in the inference process with staged progress (load, encode,
 * diffuse step i/N, decode tile i/N, write) and stores each item with its provenance.
 * job.cancel works at every stage: the signal reaches the source conversion, the inference
 * process (between steps and tiles) and the store.
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
import type { PhasePlan } from '../../../../app/jobs/progress.ts';
import type { Logger } from '../../../../app/log.ts';
import type { JobId, ProjectId } from '../../../../app/model/ids.ts';
import { type InstalledComponent, scanModelLibrary } from '../../models/model-library.ts';
import type { JobContext, JobRegistry } from '../../services/job-registry.ts';
import type { PcmInput } from '../audio-io/pcm-file.ts';
import type { IoContract } from '../contract/io-contract.ts';
import type { GenerationOutput, PipelineProgress } from '../pipeline/generation-plan.ts';
import { planLatents } from '../pipeline/latent-plan.ts';
import { estimateMemory, requireMemory } from '../preflight/memory-estimate.ts';
import type { InferenceClient } from '../process/inference-client.ts';
import { type NormalizedGeneration, normalizeRequest } from '../request/normalize-request.ts';
import type { GeneratedAudioSink, SourceAudioReader } from './audio-ports.ts';

export const GENERATION_PHASES: PhasePlan = [
  ['load', 0.05],
  ['encode', 0.1],
  ['diffuse', 0.6],
  ['decode', 0.2],
  ['write', 0.05],
];

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
      plan: GENERATION_PHASES,
      run: (context) => this.#run(request, context),
    });
  }

  async #run(request: GenerationRequest, context: JobContext): Promise<GenerationResult> {
    const deps = this.#deps;
    const dir = join(
      deps.workDir,
      `job-${randomInt(2 ** 31).toString(16)}-${deps.now().toString(36)}`,
    );
    await mkdir(join(dir, 'out'), { recursive: true });
    try {
      context.progress('load', 0);
      const normalized = await this.#normalize(request, dir, context.signal);
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
      return await this.#store(request, normalized, output, context);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  async #normalize(
    request: GenerationRequest,
    dir: string,
    signal: AbortSignal,
  ): Promise<NormalizedGeneration> {
    const deps = this.#deps;
    const contract = await deps.contract();
    const scan = await scanModelLibrary(deps.modelsDir, { contract, signal, log: deps.log });
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
    const normalized = normalizeRequest(request, {
      scan,
      ...(source === undefined ? {} : { source }),
      ...(reference === undefined ? {} : { reference }),
      outputDir: join(dir, 'out'),
      randomSeed: () => randomInt(2 ** 32),
    });
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
    return normalized;
  }

  async #store(
    request: GenerationRequest,
    normalized: NormalizedGeneration,
    output: GenerationOutput,
    context: JobContext,
  ): Promise<GenerationResult> {
    const { plan, components } = normalized;
    // Paths are scratch files of this job: not provenance.
    const resolved = Object.fromEntries(
      Object.entries(plan).filter(
        ([key]) => key !== 'outputDir' && key !== 'source' && key !== 'reference',
      ),
    );
    const provenance: GenerationProvenance = {
      request,
      resolved,
      defaults: normalized.defaults,
      models: [components.textEncoder, components.dit, components.vae].map(modelProvenance),
      contract: (await this.#deps.contract()).version,
      createdAt: this.#deps.now(),
    };
    const items: GenerationResult['items'] = [];
    for (const item of output.items) {
      context.progress('write', items.length / output.items.length);
      const { mediaHash } = await this.#deps.sink.store({
        projectId: request.projectId,
        wavPath: item.path,
        name: `${request.task}-${item.seed}.wav`,
        provenance: { ...provenance, resolved: { ...resolved, seed: item.seed } },
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
