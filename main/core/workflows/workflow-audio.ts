/**
 * The audio a workflow hands the model and measures: the offline mix of chosen tracks (or one
 * clip alone) over a span, a clip's raw media under a span, each stored as rendered studio
 * audio (origin "render") so that the generation request can name it and a replay hears the
 * very same samples; the loudness of a take; the residual of a set of stems.
 */
import { StudioError, throwIfCancelled } from '../../../app/errors.ts';
import type { ClipId, MediaHash, TrackId } from '../../../app/model/ids.ts';
import type { ProjectState } from '../../../app/model/project.ts';
import type { SampleSpan } from '../../../app/workflows/workflow-windows.ts';
import { renderMix } from '../audio/mix/mix-renderer.ts';
import type { StereoBlock } from '../audio/studio-file.ts';
import { LoudnessMeter } from '../export/loudness.ts';
import type { ProjectSession } from '../services/project-session.ts';

const BLOCK = 1 << 16;

/** What to render as a model source. */
export type RenderSource =
  | {
      kind: 'mix';
      trackIds: readonly TrackId[] | 'all';
      span: SampleSpan;
      /** false: every named track sounds, muted or not. */
      respectMuteSolo: boolean;
    }
  /** One clip alone through its track's gain and pan (other clips on the track are left out). */
  | { kind: 'clip'; clipId: ClipId; span: SampleSpan }
  /** Raw media samples [start, end) (no gain, no fades). */
  | { kind: 'media'; mediaHash: MediaHash; span: SampleSpan };

export interface StoredAudio {
  mediaHash: MediaHash;
  frames: number;
}

function* blocksOf([left, right]: StereoBlock): Generator<StereoBlock> {
  for (let at = 0; at < left.length; at += BLOCK) {
    yield [left.subarray(at, at + BLOCK), right.subarray(at, at + BLOCK)];
  }
}

function checkSpan(span: SampleSpan): void {
  if (!(span.end > span.start) || span.start < 0) {
    throw new StudioError('VALIDATION_FAILED', 'The audio to use is empty.', { span });
  }
}

/** The samples of `source` (in memory: model sources are seconds to minutes long). */
export async function renderSource(
  session: ProjectSession,
  state: ProjectState,
  source: RenderSource,
  signal: AbortSignal,
): Promise<StereoBlock> {
  checkSpan(source.span);
  const range = { start: source.span.start, end: source.span.end };
  const open = (hash: MediaHash) => session.audio.openReader(hash);
  switch (source.kind) {
    case 'mix':
      return renderMix(
        open,
        { state, trackIds: source.trackIds, range, respectMuteSolo: source.respectMuteSolo },
        { signal },
      );
    case 'clip': {
      const clip = state.clips.find((candidate) => candidate.id === source.clipId);
      if (clip === undefined) {
        throw new StudioError('NOT_FOUND', 'That clip is not in the project.', {
          clipId: source.clipId,
        });
      }
      return renderMix(
        open,
        {
          state: { ...state, clips: [clip] },
          trackIds: [clip.trackId],
          range,
          respectMuteSolo: false,
        },
        { signal },
      );
    }
    case 'media':
      return session.audio.read(source.mediaHash, range);
  }
}

/** Stores rendered audio with its lineage; identical audio is stored once. */
export async function storeRendered(
  session: ProjectSession,
  audio: StereoBlock,
  meta: { name: string; lineage: Record<string, unknown> },
  signal: AbortSignal,
): Promise<StoredAudio> {
  throwIfCancelled(signal);
  const { media } = await session.audio.storeStudioAudio(
    blocksOf(audio),
    { name: meta.name, origin: 'render', provenance: { lineage: meta.lineage } },
    { signal },
  );
  return { mediaHash: media.hash, frames: media.frames };
}

/** Integrated loudness (BS.1770) of a stored item, LUFS; null for silence or under 400 ms. */
export async function mediaLoudness(
  session: ProjectSession,
  mediaHash: MediaHash,
  signal: AbortSignal,
): Promise<number | null> {
  const reader = await session.audio.openReader(mediaHash);
  try {
    const meter = new LoudnessMeter(2);
    for (let at = 0; at < reader.frames; at += BLOCK) {
      throwIfCancelled(signal);
      meter.push(await reader.read(at, Math.min(BLOCK, reader.frames - at)));
    }
    const lufs = meter.integrated();
    return Number.isFinite(lufs) ? Math.round(lufs * 100) / 100 : null;
  } finally {
    await reader.close();
  }
}

export interface Residual {
  audio: StereoBlock;
  /** Σ residual² / Σ source² over both channels (0 when the source is silent). */
  energyRatio: number;
}

/**
 * The source minus the sum of the stems, sample by sample (stems shorter than the source count
 * as silence past their end), with the share of the source's energy it holds.
 */
export async function residualOf(
  session: ProjectSession,
  source: MediaHash,
  stems: readonly MediaHash[],
  signal: AbortSignal,
): Promise<Residual> {
  const [left, right] = await session.audio.read(source);
  const frames = left.length;
  const outL = Float64Array.from(left);
  const outR = Float64Array.from(right);
  for (const stem of stems) {
    throwIfCancelled(signal);
    const [l, r] = await session.audio.read(stem, { start: 0, end: frames });
    for (let i = 0; i < frames; i += 1) {
      outL[i] = (outL[i] as number) - (l[i] as number);
      outR[i] = (outR[i] as number) - (r[i] as number);
    }
  }
  let sourceEnergy = 0;
  let residualEnergy = 0;
  const audio: StereoBlock = [new Float32Array(frames), new Float32Array(frames)];
  for (let i = 0; i < frames; i += 1) {
    sourceEnergy += (left[i] as number) ** 2 + (right[i] as number) ** 2;
    audio[0][i] = outL[i] as number;
    audio[1][i] = outR[i] as number;
    residualEnergy += (audio[0][i] as number) ** 2 + (audio[1][i] as number) ** 2;
  }
  return { audio, energyRatio: sourceEnergy > 0 ? residualEnergy / sourceEnergy : 0 };
}
