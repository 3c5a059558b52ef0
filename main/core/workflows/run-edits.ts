/**
 * The workflows that change or take apart what is there: repaint regions of clips (a new
 * version; outside the regions the audio stays sample for sample, the engine splices the
 * source back in), extend a clip past its start or end (outpainting; the new part lands beside
 * it), extract stems (one pass per class, plus the residual so that nothing is lost).
 */
import { clipSpan } from '../../../app/audio/mix-laws.ts';
import { StudioError } from '../../../app/errors.ts';
import type { MediaHash, TrackId } from '../../../app/model/ids.ts';
import type { AceTrackClass } from '../../../app/model/instrument.ts';
import type { Clip, ProjectState } from '../../../app/model/project.ts';
import type { ClipTake } from '../../../app/model/takes.ts';
import type { Samples } from '../../../app/timeline/units.ts';
import { ticks } from '../../../app/timeline/units.ts';
import { classTrackName, type Placement } from '../../../app/workflows/placement.ts';
import type { RepaintRegion, WorkflowParams } from '../../../app/workflows/workflow-params.ts';
import type { ResidualMeter } from '../../../app/workflows/workflow-result.ts';
import {
  mediaSpanUnder,
  type SampleSpan,
  tickSpan,
  toSeconds,
} from '../../../app/workflows/workflow-windows.ts';
import { requestOf } from './lineage.ts';
import {
  checkSourceLength,
  clock,
  NO_LM,
  requireClip,
  type RunContext,
  type RunOutcome,
  settingsRequest,
  type WorkflowRunner,
} from './run-context.ts';
import { extractStem, sourceExtent, takesOf } from './run-new-audio.ts';
import { residualOf } from './workflow-audio.ts';

type Of<K extends WorkflowParams['kind']> = Extract<WorkflowParams, { kind: K }>;

/** The clips a repaint covers, each with the regions (media samples) that touch it. */
export function repaintTargets(
  state: ProjectState,
  params: Of<'repaint'>,
): { clip: Clip; regions: { media: SampleSpan; region: RepaintRegion }[] }[] {
  const tempo = state.meta.tempo;
  const clips =
    'clipId' in params.target
      ? [requireClip(state, params.target.clipId)]
      : state.clips.filter((clip) =>
          (params.target as { trackIds: TrackId[] }).trackIds.includes(clip.trackId),
        );
  return clips
    .map((clip) => ({
      clip,
      regions: params.regions.flatMap((region) => {
        const media = mediaSpanUnder(clip, tickSpan(region, tempo), tempo);
        return media === null ? [] : [{ media, region }];
      }),
    }))
    .filter((target) => target.regions.length > 0);
}

export const runRepaint: WorkflowRunner<Of<'repaint'>> = async (params, context) => {
  const { state, session } = context;
  const targets = repaintTargets(state, params);
  if (targets.length === 0) {
    throw new StudioError('VALIDATION_FAILED', 'The regions do not touch any clip to repaint.');
  }
  const placements: Placement[] = [];
  const stored: MediaHash[] = [];
  const notes: string[] = [];
  for (const { clip, regions } of targets) {
    const frames = session.audio.get(clip.mediaHash).frames;
    checkSourceLength(frames, `The audio of "${clip.name}"`);
    const made = requestOf(session, clip.mediaHash);
    const batch = regions.length === 1 ? params.settings.batchSize : 1;
    if (batch < params.settings.batchSize) {
      notes.push(`"${clip.name}": several regions are repainted one after another, one take each.`);
    }
    let source = clip.mediaHash;
    let takes: ClipTake[] = [];
    for (const { media, region } of regions) {
      const result = await context.generate({
        request: {
          task: 'repaint',
          source: { mediaHash: source },
          region: { startSeconds: toSeconds(media.start), endSeconds: toSeconds(media.end) },
          caption: region.caption ?? params.caption ?? made?.caption ?? '',
          lyrics: region.lyrics ?? made?.lyrics ?? '',
          instrumental: region.lyrics === undefined && made?.instrumental === true,
          ...(made?.language === undefined ? {} : { language: made.language }),
          metadata: made?.metadata ?? {},
          ...settingsRequest({ ...params.settings, ...NO_LM, batchSize: batch }),
        },
        role: 'version',
        parent: { clipId: clip.id, mediaHash: source },
        context: null,
        detail: { mediaStart: media.start, mediaEnd: media.end },
        name: (_index, seed) => `${clip.name} (repaint ${seed})`,
      });
      stored.push(...result.items.map((item) => item.mediaHash));
      const label = `Repaint ${clock(toSeconds(media.start))}–${clock(toSeconds(media.end))}`;
      takes = await takesOf(context, result, 'version', label);
      source = result.items[0]?.mediaHash ?? source;
    }
    placements.push({
      type: 'version',
      clipId: clip.id,
      takes,
      original: await context.take(clip.mediaHash, {
        label: 'Original',
        seed: null,
        kind: 'original',
      }),
      fallback: {
        trackId: clip.trackId,
        start: clip.start,
        length: clip.length,
        sourceOffset: clip.sourceOffset,
        gainDb: clip.gainDb,
        fadeIn: clip.fadeIn,
        fadeOut: clip.fadeOut,
        name: clip.name,
      },
    });
  }
  return { placements, mediaHashes: stored, notes };
};

/** How much of a clip an extension hears by default. */
const DEFAULT_CONTEXT_SECONDS = 60;

export const runExtend: WorkflowRunner<Of<'extend'>> = async (params, context) => {
  const { state } = context;
  const tempo = state.meta.tempo;
  const clip = requireClip(state, params.clipId);
  const played = clipSpan(clip, tempo);
  const contextFrames = Math.min(
    played.length,
    Math.round((params.contextSeconds ?? DEFAULT_CONTEXT_SECONDS) * 48_000),
  );
  const atEnd = params.side === 'end';
  const newStart = atEnd
    ? ticks(clip.start + clip.length)
    : ticks(Math.max(0, clip.start - params.length));
  const newEnd = atEnd ? ticks(clip.start + clip.length + params.length) : clip.start;
  const added = tickSpan({ start: newStart, end: newEnd }, tempo);
  const extension = added.end - added.start;
  if (extension <= 0) {
    throw new StudioError('VALIDATION_FAILED', 'The clip starts at 0: there is no room before it.');
  }
  checkSourceLength(contextFrames + extension, 'The extended audio');
  const mediaStart = atEnd ? clip.sourceOffset + played.length - contextFrames : clip.sourceOffset;
  const heard = await context.render(
    {
      kind: 'media',
      mediaHash: clip.mediaHash,
      span: { start: mediaStart, end: mediaStart + contextFrames },
    },
    `Context of ${clip.name}`,
    [clip.trackId],
  );
  const made = requestOf(context.session, clip.mediaHash);
  const region = atEnd
    ? { startSeconds: toSeconds(contextFrames), endSeconds: toSeconds(contextFrames + extension) }
    : { startSeconds: -toSeconds(extension), endSeconds: 0 };
  const result = await context.generate({
    request: {
      task: 'repaint',
      source: { mediaHash: heard.mediaHash },
      region,
      caption: params.caption ?? made?.caption ?? '',
      lyrics: params.lyrics ?? made?.lyrics ?? '',
      instrumental: params.lyrics === undefined && made?.instrumental === true,
      metadata: made?.metadata ?? {},
      ...settingsRequest({ ...params.settings, ...NO_LM }),
      // Only the new part plays (the clip itself stays as it is): no splice back into the
      // context and no cross-fade, which at the join would fade the new part in from the
      // silence the source is padded with.
      advanced: { preserveSourceOutsideRegion: false, repaintCrossfadeFrames: 0 },
    },
    role: 'extension',
    parent: { clipId: clip.id, mediaHash: clip.mediaHash },
    context: {
      ...heard.context,
      startSample: atEnd ? played.start + played.length - contextFrames : played.start,
      endSample: atEnd ? played.start + played.length : played.start + contextFrames,
    },
    detail: { side: params.side, contextFrames, extensionFrames: extension },
    name: (_index, seed) => `${clip.name} (extended ${seed})`,
  });
  return {
    placements: [
      {
        type: 'clip',
        track: {
          existing: clip.trackId,
          fallback: { key: 'extension', name: clip.name, trackClass: null, label: 'Audio' },
        },
        start: newStart,
        length: ticks(newEnd - newStart),
        // The result is [context | extension] (end) or [extension | context] (start).
        sourceOffset: (atEnd ? contextFrames : 0) as Samples,
        name: `${clip.name} (${atEnd ? 'after' : 'before'})`.slice(0, 120),
        takes: await takesOf(context, result),
      },
    ],
    mediaHashes: [heard.mediaHash, ...result.items.map((item) => item.mediaHash)],
    notes: [],
  };
};

/** The span and rendering of an extract's source selection. */
function extractSource(state: ProjectState, source: Of<'extract'>['source']) {
  if ('range' in source) {
    const span = tickSpan(source.range, state.meta.tempo);
    const all = source.trackIds.length === 0;
    const trackIds = all ? state.tracks.map((track) => track.id) : source.trackIds;
    return {
      start: source.range.start,
      length: ticks(source.range.end - source.range.start),
      span,
      render: {
        kind: 'mix',
        trackIds: all ? 'all' : source.trackIds,
        span,
        respectMuteSolo: all,
      } as const,
      trackIds,
      name: 'the mix',
      parent: null,
      below: trackIds.at(-1),
    };
  }
  const extent = sourceExtent(state, source);
  return {
    start: extent.start,
    length: extent.length,
    span: extent.span,
    render:
      extent.clip === null
        ? ({
            kind: 'mix',
            trackIds: [extent.trackId],
            span: extent.span,
            respectMuteSolo: false,
          } as const)
        : ({ kind: 'clip', clipId: extent.clip.id, span: extent.span } as const),
    trackIds: [extent.trackId],
    name: extent.name,
    parent:
      extent.clip === null ? null : { clipId: extent.clip.id, mediaHash: extent.clip.mediaHash },
    below: extent.trackId,
  };
}

type ExtractSource = ReturnType<typeof extractSource>;

/** A clip over the source's span on a new track below it. */
function stemPlacement(
  source: ExtractSource,
  key: string,
  name: string,
  trackClass: AceTrackClass | null,
  takes: ClipTake[],
): Placement {
  return {
    type: 'clip',
    track: {
      create: {
        key,
        name,
        trackClass,
        label: 'Other',
        ...(source.below === undefined ? {} : { below: source.below }),
      },
    },
    start: source.start,
    length: source.length,
    sourceOffset: 0 as Samples,
    name,
    takes,
  };
}

/** The residual ("other"): source minus the stems, stored, with its energy meter. */
async function residualPlacement(
  context: RunContext,
  source: ExtractSource,
  mix: MediaHash,
  stems: MediaHash[],
): Promise<{ placement: Placement; mediaHash: MediaHash; meter: ResidualMeter }> {
  const residual = await residualOf(context.session, mix, stems, context.signal);
  const meter = {
    energyRatio: residual.energyRatio,
    energyDb: residual.energyRatio > 0 ? 10 * Math.log10(residual.energyRatio) : null,
  };
  const stored = await context.storeComputed(residual.audio, {
    name: `Other (residual) of ${source.name}`,
    role: 'residual',
    detail: { ...meter, stems },
  });
  const take = await context.take(stored.mediaHash, {
    label: 'Residual',
    seed: null,
    kind: 'take',
  });
  return {
    placement: stemPlacement(source, 'residual', 'Other (residual)', null, [take]),
    mediaHash: stored.mediaHash,
    meter,
  };
}

export const runExtract: WorkflowRunner<Of<'extract'>> = async (params, context) => {
  const source = extractSource(context.state, params.source);
  checkSourceLength(source.span.end - source.span.start, 'The source');
  const mix = await context.render(
    source.render,
    `Source of the stems of ${source.name}`,
    source.trackIds,
  );
  const placements: Placement[] = [];
  const stems: MediaHash[] = [];
  for (const trackClass of [...new Set(params.trackClasses)]) {
    const { result, takes } = await extractStem(context, {
      source: mix,
      trackClass,
      settings: params.settings,
      parent: source.parent,
      sourceName: source.name,
    });
    const item = result.items[0];
    if (item !== undefined) {
      stems.push(item.mediaHash);
      const name = classTrackName(trackClass);
      placements.push(stemPlacement(source, `stem-${trackClass}`, name, trackClass, takes));
    }
  }
  const outcome: RunOutcome = { placements, mediaHashes: [mix.mediaHash, ...stems], notes: [] };
  if (params.residual) {
    const residual = await residualPlacement(context, source, mix.mediaHash, stems);
    placements.push(residual.placement);
    outcome.mediaHashes.push(residual.mediaHash);
    outcome.residual = residual.meter;
  }
  if (params.muteSource) {
    placements.push({ type: 'mute', trackIds: source.trackIds });
  }
  return outcome;
};
