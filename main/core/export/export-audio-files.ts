/**
 * Writes the audio files of an export, streamed block by block: render → (mix only: loudness
 * gain) → resample → encode, then tags for FLAC and MP3. Every file spans the same range and
 * has exactly the planned length. Loudness normalisation measures the mix in a first pass.
 */
import { createReadStream } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';

import { throwIfCancelled } from '../../../app/errors.ts';
import type { ExportFileRole } from '../../../app/export/export-options.ts';
import { flacWithTags, id3v2Tag } from '../audio/encode/file-tags.ts';
import type { JobContext } from '../services/job-registry.ts';
import { type AudioJob, audioJobs, tagFields, wavChunks, wavInfoChunk } from './audio-jobs.ts';
import type { StereoBlock } from './export-audio.ts';
import type { ExportJobDeps, ExportJobInput } from './export-job.ts';
import type { ExportStaging } from './export-staging.ts';
import { gainForLoudness, LoudnessMeter } from './loudness.ts';

const formatDb = (value: number) => `${value >= 0 ? '+' : ''}${value.toFixed(1)} dB`;

function renderJob(deps: ExportJobDeps, input: ExportJobInput, job: AudioJob, signal: AbortSignal) {
  const { range } = input.plan;
  return deps.audio.render(
    {
      projectId: input.projectId,
      state: job.state,
      trackIds: job.trackIds,
      range: { start: range.start, end: range.end },
    },
    signal,
  );
}

/** First pass over the mix: the gain that meets the loudness target, and its notes. */
async function mixGain(
  deps: ExportJobDeps,
  input: ExportJobInput,
  job: AudioJob,
  signal: AbortSignal,
  notes: string[],
): Promise<{ gain: number; lufs: number | undefined }> {
  const target = input.options.normalizeMix;
  if (job.role !== 'mix' || target === null) {
    return { gain: 1, lufs: undefined };
  }
  const meter = new LoudnessMeter(2);
  let peak = 0;
  for await (const block of renderJob(deps, input, job, signal)) {
    meter.push(block);
    peak = Math.max(peak, blockPeak(block));
  }
  const result = gainForLoudness(meter.integrated(), peak, target.targetLufs);
  if (!Number.isFinite(result.measuredLufs)) {
    notes.push('The mix is silent, so it was not loudness-normalised.');
    return { gain: 1, lufs: undefined };
  }
  if (result.peakLimited) {
    notes.push(
      `The mix reached ${result.resultLufs.toFixed(1)} LUFS, not ${target.targetLufs} LUFS: more gain would have clipped it.`,
    );
  }
  return { gain: result.gain, lufs: result.resultLufs };
}

function blockPeak([left, right]: StereoBlock): number {
  let peak = 0;
  for (const channel of [left, right]) {
    for (const value of channel) {
      const magnitude = Math.abs(value);
      if (magnitude > peak) {
        peak = magnitude;
      }
    }
  }
  return peak;
}

/** Applies `gain` (in place) and records the peak as blocks pass. */
async function* metered(
  blocks: AsyncIterable<StereoBlock>,
  gain: number,
  peak: { value: number },
): AsyncIterable<StereoBlock> {
  for await (const block of blocks) {
    if (gain !== 1) {
      for (const channel of block) {
        for (let i = 0; i < channel.length; i += 1) {
          channel[i] = (channel[i] ?? 0) * gain;
        }
      }
    }
    peak.value = Math.max(peak.value, blockPeak(block));
    yield block;
  }
}

function clipNote(job: AudioJob, input: ExportJobInput, peak: number): string | null {
  const { format } = input.plan;
  const floatWav = format.container === 'wav' && format.sampleFormat === 'float32';
  if (floatWav || peak <= 1) {
    return null;
  }
  return `${job.fileName} peaks at ${formatDb(20 * Math.log10(peak))} FS and clips in this format; 32-bit float WAV keeps it intact.`;
}

async function* readFrom(path: string, start: number): AsyncIterable<Uint8Array> {
  for await (const chunk of createReadStream(path, { start })) {
    yield chunk as Buffer;
  }
}

/** Encodes one job into the staging folder, tagging FLAC and MP3 through the export writer. */
async function encodeJob(
  deps: ExportJobDeps,
  input: ExportJobInput,
  staging: ExportStaging,
  job: AudioJob,
  blocks: AsyncIterable<StereoBlock>,
  lufs: number | undefined,
  signal: AbortSignal,
): Promise<void> {
  const { plan, state } = input;
  const { format, sampleRate } = plan;
  if (format.container === 'wav') {
    const chunks = wavChunks(deps, input, job, lufs);
    const info = wavInfoChunk(plan, state, job);
    const path = staging.pathOf(job.fileName);
    const bytes = await deps.audio.encode(
      path,
      blocks,
      format,
      sampleRate,
      { before: chunks, after: info },
      signal,
    );
    staging.adopt(job.fileName, bytes);
    return;
  }
  const untagged = staging.pathOf(`.untagged-${job.fileName}`);
  try {
    await deps.audio.encode(
      untagged,
      blocks,
      format,
      sampleRate,
      { before: [], after: [] },
      signal,
    );
    const fields = tagFields(plan, state, job);
    if (format.container === 'flac') {
      // FLAC is compressed and its tags sit before the audio: retagged in memory.
      const tagged = flacWithTags(await readFile(untagged), fields);
      await staging.write(job.fileName, tagged, signal);
    } else {
      await staging.write(job.fileName, prepend(id3v2Tag(fields), readFrom(untagged, 0)), signal);
    }
  } finally {
    await rm(untagged, { force: true });
  }
}

async function* prepend(
  first: Uint8Array,
  rest: AsyncIterable<Uint8Array>,
): AsyncIterable<Uint8Array> {
  yield first;
  yield* rest;
}

/** Renders, encodes and writes every planned audio file; returns notes for the user. */
export async function writeAudioFiles(
  deps: ExportJobDeps,
  input: ExportJobInput,
  staging: ExportStaging,
  roles: Map<string, ExportFileRole>,
  context: JobContext,
): Promise<string[]> {
  const { plan } = input;
  const { signal } = context;
  const jobs = audioJobs(input);
  const notes: string[] = [];
  const frames = plan.range.end - plan.range.start;
  for (const [i, job] of jobs.entries()) {
    throwIfCancelled(signal);
    context.progress('encode', i / jobs.length, { step: i, totalSteps: jobs.length });
    const { gain, lufs } = await mixGain(deps, input, job, signal, notes);
    const peak = { value: 0 };
    let blocks = metered(renderJob(deps, input, job, signal), gain, peak);
    if (plan.sampleRate !== 48_000 || plan.outputFrames !== frames) {
      blocks = deps.audio.resample(blocks, plan.sampleRate, plan.outputFrames, signal);
    }
    roles.set(job.fileName, job.role);
    await encodeJob(deps, input, staging, job, blocks, lufs, signal);
    const note = clipNote(job, input, peak.value);
    if (note !== null) {
      notes.push(note);
    }
  }
  context.progress('encode', 1, { step: jobs.length, totalSteps: jobs.length });
  return notes;
}
