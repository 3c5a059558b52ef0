/**
 * One clip segment sounding: its fade-in, fade-out and gain nodes (automated for the whole
 * segment, so fades equal the mix laws wherever playback starts), fed by one buffer source
 * per media chunk. Chunks are scheduled as they become ready, each on exact frames after the
 * last, so they join without a gap or an overlap.
 */
import * as Tone from 'tone';

import { CHUNK_FRAMES } from './media-chunks.ts';
import { type ClipSegment, fadeAutomation, type GainPoint } from './playback-plan.ts';

const RATE = 48_000;

/** Ready chunk buffers, by media hash and chunk index; null while not in memory. */
export type ReadyChunk = (segment: ClipSegment, index: number) => Tone.ToneAudioBuffer | null;

function automate(param: Tone.Param<'gain'>, points: readonly GainPoint[], start: number): void {
  for (const point of points) {
    const when = start + point.at / RATE;
    if (point.kind === 'set') {
      param.setValueAtTime(point.value, when);
    } else {
      param.linearRampToValueAtTime(point.value, when);
    }
  }
}

export class ClipVoice {
  readonly segment: ClipSegment;
  /** Context time at which the segment's first sample (timeline sample `segment.at`) plays. */
  readonly origin: number;
  readonly #context: Tone.BaseContext;
  readonly #nodes: Tone.Gain[];
  readonly #sources = new Set<Tone.ToneBufferSource>();
  /** Timeline sample up to which sources are scheduled. */
  #scheduledTo: number;
  #stopped = false;

  constructor(
    context: Tone.BaseContext,
    segment: ClipSegment,
    origin: number,
    output: Tone.InputNode,
  ) {
    this.#context = context;
    this.segment = segment;
    this.origin = origin;
    this.#scheduledTo = segment.at;
    const fades = fadeAutomation(segment);
    const fadeIn = new Tone.Gain({ context, gain: 1 });
    const fadeOut = new Tone.Gain({ context, gain: 1 });
    const gain = new Tone.Gain({ context, gain: segment.gain });
    automate(fadeIn.gain, fades.fadeIn, origin);
    automate(fadeOut.gain, fades.fadeOut, origin);
    fadeIn.chain(fadeOut, gain, output);
    this.#nodes = [fadeIn, fadeOut, gain];
  }

  get done(): boolean {
    return this.#stopped || this.#scheduledTo >= this.segment.at + this.segment.length;
  }

  /** The chunk index that the next unscheduled sample comes from, or null when all are. */
  nextChunk(): number | null {
    if (this.done) {
      return null;
    }
    const source = this.segment.sourceStart + (this.#scheduledTo - this.segment.at);
    return Math.floor(source / CHUNK_FRAMES);
  }

  /** Schedules chunk sources in order while they are ready and before timeline sample `until`. */
  fill(until: number, ready: ReadyChunk): void {
    const { segment } = this;
    const end = segment.at + segment.length;
    while (!this.#stopped && this.#scheduledTo < Math.min(end, until)) {
      const sourceAt = segment.sourceStart + (this.#scheduledTo - segment.at);
      const index = Math.floor(sourceAt / CHUNK_FRAMES);
      const buffer = ready(segment, index);
      if (buffer === null) {
        return;
      }
      const pieceEnd = Math.min(end, this.#scheduledTo + ((index + 1) * CHUNK_FRAMES - sourceAt));
      this.#start(buffer, sourceAt - index * CHUNK_FRAMES, this.#scheduledTo, pieceEnd);
      this.#scheduledTo = pieceEnd;
    }
  }

  #start(buffer: Tone.ToneAudioBuffer, offset: number, from: number, to: number): void {
    let when = this.origin + (from - this.segment.at) / RATE;
    let skip = 0;
    // A chunk that arrived late starts late (a dropout), rather than in the past.
    const now = this.#context.currentTime;
    if (!this.#context.isOffline && when < now) {
      skip = Math.ceil((now - when) * RATE);
      when += skip / RATE;
    }
    const frames = to - from - skip;
    if (frames <= 0) {
      return;
    }
    const source = new Tone.ToneBufferSource({ context: this.#context, url: buffer });
    source.connect(this.#nodes[0] as Tone.Gain);
    this.#sources.add(source);
    // Tone reports the end from its own clock; offline that clock runs before any sample is
    // rendered, so sources are left to the garbage collector there.
    if (!this.#context.isOffline) {
      source.onended = () => {
        setTimeout(() => {
          this.#sources.delete(source);
          source.dispose();
        }, 100);
      };
    }
    source.start(when, (offset + skip) / RATE, frames / RATE);
  }

  /** Stops at context `time` (sources not yet started never sound) and frees the nodes after. */
  stop(time: number): void {
    if (this.#stopped) {
      return;
    }
    this.#stopped = true;
    for (const source of this.#sources) {
      try {
        source.stop(Math.max(time, this.origin));
      } catch {
        source.dispose();
      }
    }
    const release = () => {
      for (const source of this.#sources) {
        source.dispose();
      }
      this.#sources.clear();
      for (const node of this.#nodes) {
        node.dispose();
      }
    };
    if (!this.#context.isOffline) {
      setTimeout(release, Math.max(0, (time - this.#context.currentTime) * 1000) + 200);
    }
  }
}
