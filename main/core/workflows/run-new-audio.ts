/**
 * The workflows that make new audio beside what is there: a new song (text2music), a new
 * layer that hears chosen tracks (lego), accompaniment under a vocal (complete, optionally
 * split with extract), a cover of a clip. Each lands as a clip (with takes for a batch).
 */
import { clipSpan } from '../../../app/audio/mix-laws.ts';
import { StudioError } from '../../../app/errors.ts';
import type { GenerationResult } from '../../../app/generation/result.ts';
import type { MediaHash, TrackId } from '../../../app/model/ids.ts';
import { type AceTrackClass, instrumentLabel } from '../../../app/model/instrument.ts';
import type { Clip, ProjectState } from '../../../app/model/project.ts';
import type { ClipTake } from '../../../app/model/takes.ts';
import { type Samples, type Ticks, ticks } from '../../../app/timeline/units.ts';
import {
  classTrackName,
  clipNameFrom,
  type Placement,
  type TrackSpec,
} from '../../../app/workflows/placement.ts';
import type { GenerationSettings, WorkflowParams } from '../../../app/workflows/workflow-params.ts';
import type { ClipLineage } from '../../../app/workflows/workflow-result.ts';
import {
  layerWindow,
  type SampleSpan,
  ticksFor,
  tickSpan,
  toSeconds,
} from '../../../app/workflows/workflow-windows.ts';
import {
  checkSourceLength,
  NO_LM,
  type RenderedSource,
  requireClip,
  requireTrack,
  type RunContext,
  type RunOutcome,
  settingsRequest,
  songRequest,
  type WorkflowRunner,
} from './run-context.ts';

type Of<K extends WorkflowParams['kind']> = Extract<WorkflowParams, { kind: K }>;

/** Takes of a result's items, loudness measured ("Take 2 · seed 8"). */
export async function takesOf(
  context: RunContext,
  result: GenerationResult,
  kind: ClipTake['kind'] = 'take',
  label = 'Take',
): Promise<ClipTake[]> {
  const takes: ClipTake[] = [];
  for (const item of result.items) {
    takes.push(
      await context.take(item.mediaHash, {
        label:
          result.items.length > 1
            ? `${label} ${item.index + 1} · seed ${item.seed}`
            : `${label} · seed ${item.seed}`,
        seed: item.seed,
        kind,
      }),
    );
  }
  return takes;
}

/** One stem of `trackClass` split from a rendered source (LM off, one item), with its takes. */
export async function extractStem(
  context: RunContext,
  step: {
    source: Pick<RenderedSource, 'mediaHash' | 'context'>;
    trackClass: AceTrackClass;
    settings: GenerationSettings;
    parent: ClipLineage['parent'];
    /** What the stem is of, for its media name ("the accompaniment"). */
    sourceName: string;
  },
): Promise<{ result: GenerationResult; takes: ClipTake[] }> {
  const result = await context.generate({
    request: {
      task: 'extract',
      source: { mediaHash: step.source.mediaHash },
      trackClasses: [step.trackClass],
      ...settingsRequest({ ...step.settings, ...NO_LM, batchSize: 1 }),
    },
    role: 'stem',
    parent: step.parent,
    context: step.source.context,
    detail: { trackClass: step.trackClass },
    name: () => `${classTrackName(step.trackClass)} of ${step.sourceName}`,
  });
  return { result, takes: await takesOf(context, result, 'take', 'Stem') };
}

const hashes = (result: GenerationResult) => result.items.map((item) => item.mediaHash);

/** The timeline extent of a clip, or of every clip on a track; ticks and samples. */
export function sourceExtent(
  state: ProjectState,
  source: { clipId: Clip['id'] } | { trackId: TrackId },
): {
  start: Ticks;
  length: Ticks;
  span: SampleSpan;
  trackId: TrackId;
  name: string;
  clip: Clip | null;
} {
  const tempo = state.meta.tempo;
  if ('clipId' in source) {
    const clip = requireClip(state, source.clipId);
    const played = clipSpan(clip, tempo);
    return {
      start: clip.start,
      length: clip.length,
      span: { start: played.start, end: played.start + played.length },
      trackId: clip.trackId,
      name: clip.name,
      clip,
    };
  }
  const track = requireTrack(state, source.trackId);
  const clips = state.clips.filter((clip) => clip.trackId === track.id);
  if (clips.length === 0) {
    throw new StudioError('VALIDATION_FAILED', `The track "${track.name}" has no clips.`, {
      trackId: track.id,
    });
  }
  const start = ticks(Math.min(...clips.map((clip) => clip.start)));
  const end = ticks(Math.max(...clips.map((clip) => clip.start + clip.length)));
  return {
    start,
    length: ticks(end - start),
    span: tickSpan({ start, end }, tempo),
    trackId: track.id,
    name: track.name,
    clip: null,
  };
}

export const runGenerate: WorkflowRunner<Of<'generate'>> = async (params, context) => {
  const { state } = context;
  const result = await context.generate({
    request: {
      task: 'text2music',
      ...songRequest(params),
      ...(params.durationSeconds === undefined ? {} : { durationSeconds: params.durationSeconds }),
    },
    role: 'take',
    parent: null,
    context: null,
    name: (_index, seed) => `${clipNameFrom(params.caption, 'Generated')} (${seed})`,
  });
  const takes = await takesOf(context, result);
  const name = clipNameFrom(params.caption, 'Generated');
  const track: TrackSpec =
    'trackId' in params.target
      ? {
          existing: params.target.trackId,
          fallback: { key: 'generated', name: 'Generated', trackClass: null, label: 'Song' },
        }
      : {
          create: {
            key: 'generated',
            name: params.target.newTrack.name ?? name,
            trackClass: params.target.newTrack.trackClass ?? null,
            label: 'Song',
          },
        };
  const frames = result.items[0]?.samples ?? 0;
  return {
    placements: [
      {
        type: 'clip',
        track,
        start: params.at,
        length: ticksFor(params.at, frames, state.meta.tempo),
        sourceOffset: 0 as Samples,
        name,
        takes,
      },
    ],
    mediaHashes: hashes(result),
    notes: [],
  };
};

export const runAddLayer: WorkflowRunner<Of<'addLayer'>> = async (params, context) => {
  const { state } = context;
  const tempo = state.meta.tempo;
  const cw = layerWindow(params.range, tempo, params.window);
  checkSourceLength(cw.window.end - cw.window.start, 'The context window');
  const heard = params.contextTrackIds.filter((id) => state.tracks.some((t) => t.id === id));
  const source = await context.render(
    { kind: 'mix', trackIds: heard, span: cw.window, respectMuteSolo: false },
    `Context for ${classTrackName(params.trackClass)}`,
    heard,
  );
  const className = classTrackName(params.trackClass);
  const result = await context.generate({
    request: {
      task: 'lego',
      source: { mediaHash: source.mediaHash },
      region: {
        startSeconds: toSeconds(cw.region.start - cw.window.start),
        endSeconds: toSeconds(cw.region.end - cw.window.start),
      },
      trackClasses: [params.trackClass],
      ...songRequest(params),
    },
    role: 'layer',
    parent: null,
    context: source.context,
    detail: { trackClass: params.trackClass, padded: cw.padded },
    name: (_index, seed) => `${className} layer (${seed})`,
  });
  const fallback = { key: 'layer', name: className, trackClass: params.trackClass };
  return {
    placements: [
      {
        type: 'clip',
        track:
          params.target !== undefined && 'trackId' in params.target
            ? { existing: params.target.trackId, fallback }
            : { create: fallback },
        start: params.range.start,
        length: ticks(params.range.end - params.range.start),
        sourceOffset: (cw.region.start - cw.window.start) as Samples,
        name: clipNameFrom(params.caption, `${className} layer`),
        takes: await takesOf(context, result),
      },
    ],
    mediaHashes: [source.mediaHash, ...hashes(result)],
    notes: [],
  };
};

export const runCover: WorkflowRunner<Of<'cover'>> = async (params, context) => {
  const { state } = context;
  const extent = sourceExtent(state, params.source);
  checkSourceLength(extent.span.end - extent.span.start, 'The source');
  const source = await context.render(
    extent.clip === null
      ? { kind: 'mix', trackIds: [extent.trackId], span: extent.span, respectMuteSolo: false }
      : { kind: 'clip', clipId: extent.clip.id, span: extent.span },
    `Source of the cover of ${extent.name}`,
    [extent.trackId],
  );
  const result = await context.generate({
    request: {
      task: 'cover',
      source: { mediaHash: source.mediaHash },
      coverStrength: params.strength,
      ...songRequest(params),
    },
    role: 'cover',
    parent:
      extent.clip === null ? null : { clipId: extent.clip.id, mediaHash: extent.clip.mediaHash },
    context: source.context,
    detail: { strength: params.strength },
    name: (_index, seed) => `Cover of ${extent.name} (${seed})`,
  });
  const sourceTrack = requireTrack(state, extent.trackId);
  return {
    placements: [
      {
        type: 'clip',
        track: {
          create: {
            key: 'cover',
            name: `Cover of ${extent.name}`.slice(0, 80),
            trackClass:
              sourceTrack.instrument.kind === 'ace' ? sourceTrack.instrument.trackClass : null,
            label: instrumentLabel(sourceTrack.instrument),
            below: extent.trackId,
          },
        },
        start: extent.start,
        length: extent.length,
        sourceOffset: 0 as Samples,
        name: clipNameFrom(params.caption, `Cover of ${extent.name}`),
        takes: await takesOf(context, result),
      },
    ],
    mediaHashes: [source.mediaHash, ...hashes(result)],
    notes: [],
  };
};

type Extent = ReturnType<typeof sourceExtent>;

/** A clip over the vocal's span on a new track below the vocal track. */
function underVocal(
  extent: Extent,
  key: string,
  name: string,
  trackClass: AceTrackClass | undefined,
  takes: ClipTake[],
  mute = false,
): Placement {
  return {
    type: 'clip',
    track: {
      create: {
        key,
        name,
        trackClass: trackClass ?? null,
        label: 'Accompaniment',
        below: extent.trackId,
        mute,
      },
    },
    start: extent.start,
    length: extent.length,
    sourceOffset: 0 as Samples,
    name,
    takes,
  };
}

/** Extract each class from the accompaniment onto its own track. */
async function splitAccompaniment(
  params: Of<'vocalToBgm'>,
  context: RunContext,
  extent: Extent,
  accompaniment: Pick<RenderedSource, 'mediaHash' | 'context'>,
  parent: ClipLineage['parent'],
): Promise<{ placements: Placement[]; mediaHashes: MediaHash[] }> {
  const placements: Placement[] = [];
  const mediaHashes: MediaHash[] = [];
  for (const trackClass of params.trackClasses) {
    const { result, takes } = await extractStem(context, {
      source: accompaniment,
      trackClass,
      settings: params.settings,
      parent,
      sourceName: 'the accompaniment',
    });
    mediaHashes.push(...hashes(result));
    const name = classTrackName(trackClass);
    placements.push(underVocal(extent, `stem-${trackClass}`, name, trackClass, takes));
  }
  return { placements, mediaHashes };
}

export const runVocalToBgm: WorkflowRunner<Of<'vocalToBgm'>> = async (params, context) => {
  const extent = sourceExtent(context.state, params.source);
  checkSourceLength(extent.span.end - extent.span.start, 'The vocal');
  const vocal = await context.render(
    extent.clip === null
      ? { kind: 'mix', trackIds: [extent.trackId], span: extent.span, respectMuteSolo: false }
      : { kind: 'clip', clipId: extent.clip.id, span: extent.span },
    `Vocal of ${extent.name}`,
    [extent.trackId],
  );
  const parent =
    extent.clip === null ? null : { clipId: extent.clip.id, mediaHash: extent.clip.mediaHash };
  const split = params.split && params.trackClasses.length > 1;
  const result = await context.generate({
    request: {
      task: 'complete',
      source: { mediaHash: vocal.mediaHash },
      trackClasses: params.trackClasses,
      caption: params.caption,
      metadata: params.metadata,
      ...settingsRequest(split ? { ...params.settings, batchSize: 1 } : params.settings),
    },
    role: 'accompaniment',
    parent,
    context: vocal.context,
    detail: { trackClasses: params.trackClasses },
    name: (_index, seed) => `Accompaniment for ${extent.name} (${seed})`,
  });
  const single = params.trackClasses.length === 1 ? params.trackClasses[0] : undefined;
  const name = `Accompaniment for ${extent.name}`.slice(0, 80);
  const takes = await takesOf(context, result);
  // Split: the whole accompaniment stays, muted, above its parts (nothing is lost).
  const placements = [underVocal(extent, 'accompaniment', name, single, takes, split)];
  const mediaHashes = [vocal.mediaHash, ...hashes(result)];
  const first = result.items[0];
  if (split && first !== undefined) {
    const heard = { ...vocal.context, mediaHash: first.mediaHash };
    const parts = await splitAccompaniment(
      params,
      context,
      extent,
      { mediaHash: first.mediaHash, context: heard },
      parent,
    );
    placements.push(...parts.placements);
    mediaHashes.push(...parts.mediaHashes);
  }
  return { placements, mediaHashes, notes: [] } satisfies RunOutcome;
};
