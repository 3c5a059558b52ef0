/**
 * The offline mix: renders a sample range of chosen tracks of a project to 48 kHz stereo
 * float32, sample-accurately, by the laws of app/audio/mix-laws.ts (the same functions the
 * timeline's playback uses). It streams in blocks, so an export of any length holds only one
 * block per track. Used for add-layer / vocal-to-BGM context and for export.
 */
import {
  audibleTrackIds,
  clipGain,
  clipSpan,
  fadeGain,
  panStereo,
  trackGain,
} from '../../../../app/audio/mix-laws.ts';
import { StudioError, throwIfCancelled } from '../../../../app/errors.ts';
import type { MediaHash, TrackId } from '../../../../app/model/ids.ts';
import type { Clip, ProjectState } from '../../../../app/model/project.ts';
import type { StereoBlock, StudioAudioReader } from '../studio-file.ts';

/** Frames rendered per block. */
export const MIX_BLOCK_FRAMES = 1 << 16;

export interface MixRequest {
  state: ProjectState;
  /** The tracks to render, or 'all'. Unknown ids are a VALIDATION_FAILED. */
  trackIds: readonly TrackId[] | 'all';
  /** Timeline frames [start, end) at 48 kHz. */
  range: { start: number; end: number };
  /**
   * true (default): mute and solo apply as the user hears them (solo anywhere in the project
   * silences unsoloed tracks). false: every chosen track sounds (stem export).
   */
  respectMuteSolo?: boolean;
}

/** Opens a stored studio file by hash (AudioStore.openReader). */
export type OpenReader = (hash: MediaHash) => Promise<StudioAudioReader>;

interface PlannedTrack {
  gain: number;
  pan: ReturnType<typeof panStereo>;
  clips: { clip: Clip; start: number; length: number; sourceOffset: number; gain: number }[];
}

function plan(request: MixRequest): PlannedTrack[] {
  const { state } = request;
  const known = new Set(state.tracks.map((t) => t.id));
  const chosen = request.trackIds === 'all' ? [...known] : [...request.trackIds];
  const unknown = chosen.filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw new StudioError('VALIDATION_FAILED', 'The mix names tracks the project does not have.', {
      trackIds: unknown,
    });
  }
  const audible = audibleTrackIds(state.tracks, {
    respectMuteSolo: request.respectMuteSolo ?? true,
  });
  const wanted = new Set(chosen);
  return state.tracks
    .filter((track) => wanted.has(track.id) && audible.has(track.id))
    .map((track) => ({
      gain: trackGain(track),
      pan: panStereo(track.pan),
      clips: state.clips
        .filter((clip) => clip.trackId === track.id)
        .map((clip) => ({ clip, ...clipSpan(clip, state.meta.tempo), gain: clipGain(clip) })),
    }));
}

/** Adds `source × gain × fade` into `out` (mono-per-channel helper; fades only where they are). */
function addClip(
  out: Float32Array,
  outAt: number,
  source: Float32Array,
  clipIndex: number,
  gain: number,
  clip: { length: number; clip: Clip },
): void {
  const { fadeIn, fadeOut } = clip.clip;
  const length = clip.length;
  for (let i = 0; i < source.length; i += 1) {
    const k = clipIndex + i;
    const g =
      k < fadeIn || length - k < fadeOut ? gain * fadeGain(k, length, fadeIn, fadeOut) : gain;
    out[outAt + i] = (out[outAt + i] as number) + (source[i] as number) * g;
  }
}

/** Streams the mix block by block. */
export async function* renderMixBlocks(
  openReader: OpenReader,
  request: MixRequest,
  options: { signal?: AbortSignal; onFrames?: (frames: number) => void } = {},
): AsyncGenerator<StereoBlock> {
  const { start, end } = request.range;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start) {
    throw new StudioError(
      'VALIDATION_FAILED',
      'A mix range is [start, end) with 0 <= start <= end.',
    );
  }
  const tracks = plan(request);
  const readers = new Map<MediaHash, StudioAudioReader>();
  const reader = async (hash: MediaHash) => {
    let open = readers.get(hash);
    if (open === undefined) {
      open = await openReader(hash);
      readers.set(hash, open);
    }
    return open;
  };
  try {
    for (let blockStart = start; blockStart < end; blockStart += MIX_BLOCK_FRAMES) {
      throwIfCancelled(options.signal);
      const frames = Math.min(MIX_BLOCK_FRAMES, end - blockStart);
      const masterL = new Float32Array(frames);
      const masterR = new Float32Array(frames);
      for (const track of tracks) {
        await mixTrack(track, blockStart, frames, reader, masterL, masterR);
      }
      options.onFrames?.(blockStart + frames - start);
      yield [masterL, masterR];
    }
  } finally {
    for (const open of readers.values()) {
      await open.close();
    }
  }
}

async function mixTrack(
  track: PlannedTrack,
  blockStart: number,
  frames: number,
  reader: (hash: MediaHash) => Promise<StudioAudioReader>,
  masterL: Float32Array,
  masterR: Float32Array,
): Promise<void> {
  const blockEnd = blockStart + frames;
  let busL: Float32Array | null = null;
  let busR: Float32Array | null = null;
  for (const planned of track.clips) {
    const from = Math.max(planned.start, blockStart);
    const to = Math.min(planned.start + planned.length, blockEnd);
    if (to <= from) {
      continue;
    }
    const clipIndex = from - planned.start;
    const media = await reader(planned.clip.mediaHash);
    const [l, r] = await media.read(planned.sourceOffset + clipIndex, to - from);
    busL ??= new Float32Array(frames);
    busR ??= new Float32Array(frames);
    addClip(busL, from - blockStart, l, clipIndex, planned.gain, planned);
    addClip(busR, from - blockStart, r, clipIndex, planned.gain, planned);
  }
  if (busL === null || busR === null) {
    return;
  }
  const { ll, rl, lr, rr } = track.pan;
  const g = track.gain;
  for (let i = 0; i < frames; i += 1) {
    const inL = (busL[i] as number) * g;
    const inR = (busR[i] as number) * g;
    masterL[i] = (masterL[i] as number) + ll * inL + rl * inR;
    masterR[i] = (masterR[i] as number) + lr * inL + rr * inR;
  }
}

/** The whole range in memory (for model context: seconds to minutes, not hours). */
export async function renderMix(
  openReader: OpenReader,
  request: MixRequest,
  options: { signal?: AbortSignal } = {},
): Promise<StereoBlock> {
  const frames = request.range.end - request.range.start;
  const left = new Float32Array(Math.max(0, frames));
  const right = new Float32Array(Math.max(0, frames));
  let at = 0;
  for await (const [l, r] of renderMixBlocks(openReader, request, options)) {
    left.set(l, at);
    right.set(r, at);
    at += l.length;
  }
  return [left, right];
}
