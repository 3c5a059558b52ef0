/**
 * Playback with Tone.js, scheduled from the model: the Tone transport is the clock (play,
 * pause, stop, seek, loop), and on each start and loop the clip segments of playback-plan.ts
 * are scheduled on exact sample frames. Per clip: source → fade-in → fade-out → clip gain;
 * per track: fader → pan (StereoPannerNode, the mix laws' stereo law) → mute/solo → master.
 * Works on a live context and on Tone.Offline's, which is how the parity test renders.
 * This is the only module (with its offline helper) that imports Tone; it is loaded on demand.
 */
import * as Tone from 'tone';

import type { MediaHash, TrackId } from '../../../app/model/ids.ts';
import type { ProjectState } from '../../../app/model/project.ts';
import { ticksPerBeat } from '../../../app/timeline/musical-time.ts';
import { PPQN, STUDIO_SAMPLE_RATE } from '../../../app/timeline/units.ts';
import { Metronome } from './metronome.ts';
import {
  type ClipSegment,
  fadeAutomation,
  type GainPoint,
  segmentsIn,
  type TrackMix,
  trackMixes,
} from './playback-plan.ts';

const RATE = STUDIO_SAMPLE_RATE;
/** Mute, solo, fader and pan changes glide over this long, so they do not click. */
const CHANGE_SECONDS = 0.008;

export type BufferLoader = (hash: MediaHash, context: Tone.BaseContext) => Promise<AudioBuffer>;

interface TrackChain {
  input: Tone.Gain;
  fader: Tone.Gain;
  panner: Tone.Panner;
  audible: Tone.Gain;
}

interface Voice {
  source: Tone.ToneBufferSource;
  nodes: Tone.Gain[];
  startTime: number;
}

export class PlaybackEngine {
  readonly #context: Tone.BaseContext;
  readonly #load: BufferLoader;
  readonly #master: Tone.Gain;
  readonly #meter: Tone.Meter<2>;
  readonly #metronome: Metronome;
  readonly #tracks = new Map<TrackId, TrackChain>();
  readonly #buffers = new Map<MediaHash, Promise<Tone.ToneAudioBuffer>>();
  readonly #loaded = new Map<MediaHash, Tone.ToneAudioBuffer>();
  readonly #voices = new Set<Voice>();
  readonly #listeners = new Set<() => void>();
  #state: ProjectState | null = null;
  #clipsKey = '';
  /** The timeline sample the transport started from (its offset, exactly). */
  #fromSample = 0;
  #loop: { start: number; end: number } | null = null;

  constructor(context: Tone.BaseContext, load: BufferLoader) {
    this.#context = context;
    this.#load = load;
    this.#master = new Tone.Gain({ context, gain: 1 });
    this.#meter = new Tone.Meter({ context, channelCount: 2, smoothing: 0.6 });
    this.#master.connect(this.#meter);
    this.#master.connect(context.destination);
    this.#metronome = new Metronome(context);
    const transport = context.transport;
    transport.PPQ = PPQN;
    transport.on('start', (time: number) => {
      this.#scheduleFrom(time, this.#fromSample, this.#limitFrom(this.#fromSample));
      this.#notify();
    });
    transport.on('loop', (time: number) => {
      if (this.#loop !== null) {
        this.#silence(time);
        this.#scheduleFrom(time, this.#loop.start, this.#loop.end);
      }
    });
    transport.on('stop', (time: number) => {
      this.#silence(time);
      this.#notify();
    });
    transport.on('pause', (time: number) => {
      this.#silence(time);
      this.#notify();
    });
  }

  get context(): Tone.BaseContext {
    return this.#context;
  }

  /** Applies a new model: the mixer at once, and clip changes to what is playing. */
  setProject(state: ProjectState): void {
    const previous = this.#state;
    this.#state = state;
    const transport = this.#context.transport;
    transport.bpm.value = state.meta.tempo;
    transport.timeSignature = [
      state.meta.timeSignature.numerator,
      state.meta.timeSignature.denominator,
    ];
    this.#metronome.setMeter(
      ticksPerBeat(state.meta.timeSignature),
      state.meta.timeSignature.numerator,
    );
    this.#applyMixer(trackMixes(state), previous === null);
    const clipsKey = JSON.stringify([state.clips, state.meta.tempo]);
    if (clipsKey !== this.#clipsKey) {
      this.#clipsKey = clipsKey;
      if (previous !== null && this.playing()) {
        this.#reschedule();
      }
    }
  }

  /** Loads (decodes) the media of every clip; playback waits for it. */
  async prepare(): Promise<void> {
    const hashes = new Set((this.#state?.clips ?? []).map((clip) => clip.mediaHash));
    await Promise.all([...hashes].map((hash) => this.#buffer(hash)));
  }

  playing(): boolean {
    return this.#context.transport.state === 'started';
  }

  /** The playhead now, in timeline samples. */
  positionSamples(): number {
    const transport = this.#context.transport;
    if (transport.state !== 'started') {
      return this.#fromSample;
    }
    const now = this.#context.rawContext.currentTime;
    return Math.max(0, transport.getSecondsAtTime(now) * RATE);
  }

  /**
   * Starts playing from a timeline sample, after one bar of clicks when `countIn`. `at` is the
   * context time to start at (an offline render starts at 0); by default just ahead of now.
   */
  async play(fromSample: number, options: { countIn?: boolean; at?: number } = {}): Promise<void> {
    await this.prepare();
    const transport = this.#context.transport;
    if (transport.state === 'started') {
      transport.stop();
    }
    this.#fromSample = Math.max(0, Math.round(fromSample));
    // Start on a frame boundary, a little ahead so every source is scheduled in time.
    const lead = this.#context.lookAhead + 0.02;
    let startTime = options.at ?? Math.ceil((this.#context.currentTime + lead) * RATE) / RATE;
    if (options.countIn === true && this.#state !== null) {
      startTime = this.#metronome.countIn(
        startTime,
        this.#state.meta.tempo,
        this.#state.meta.timeSignature,
      );
    }
    transport.start(startTime, this.#fromSample / RATE);
  }

  /** Stops where it is; play resumes from there. */
  pause(): void {
    const at = this.positionSamples();
    this.#context.transport.pause();
    this.#fromSample = Math.round(at);
    this.#notify();
  }

  /** Stops and goes back to `toSample` (where playback started, by default). */
  stop(toSample?: number): void {
    this.#context.transport.stop();
    this.#fromSample = Math.max(0, Math.round(toSample ?? this.#fromSample));
    this.#notify();
  }

  /** Moves the playhead; while playing, playback continues from there. */
  seek(toSample: number): void {
    if (this.playing()) {
      void this.play(toSample);
    } else {
      this.#fromSample = Math.max(0, Math.round(toSample));
    }
  }

  /** Loops the range (timeline samples) while playing, or stops looping. */
  setLoop(range: { start: number; end: number } | null): void {
    const transport = this.#context.transport;
    this.#loop = range !== null && range.end > range.start ? range : null;
    if (this.#loop === null) {
      transport.loop = false;
      return;
    }
    transport.setLoopPoints(this.#loop.start / RATE, this.#loop.end / RATE);
    transport.loop = true;
  }

  setMetronome(on: boolean): void {
    this.#metronome.setEnabled(on, this.#context.transport);
  }

  /** Master level per channel in dBFS (smoothed RMS). */
  meter(): [number, number] {
    const value = this.#meter.getValue();
    return Array.isArray(value) ? [value[0] ?? -Infinity, value[1] ?? -Infinity] : [value, value];
  }

  /** Called when playback starts, stops or pauses. */
  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  dispose(): void {
    this.#context.transport.stop();
    this.#silence(this.#context.currentTime);
    for (const chain of this.#tracks.values()) {
      disposeChain(chain);
    }
    this.#tracks.clear();
    this.#metronome.dispose();
    this.#meter.dispose();
    this.#master.dispose();
    this.#listeners.clear();
  }

  #notify(): void {
    for (const listener of [...this.#listeners]) {
      listener();
    }
  }

  /** Where scheduling from `from` must stop: the loop end while looping inside it. */
  #limitFrom(from: number): number {
    return this.#loop !== null && from < this.#loop.end ? this.#loop.end : Infinity;
  }

  #buffer(hash: MediaHash): Promise<Tone.ToneAudioBuffer> {
    let pending = this.#buffers.get(hash);
    if (pending === undefined) {
      pending = this.#load(hash, this.#context).then((decoded) => {
        const buffer = new Tone.ToneAudioBuffer(decoded);
        this.#loaded.set(hash, buffer);
        return buffer;
      });
      pending.catch(() => {
        this.#buffers.delete(hash);
      });
      this.#buffers.set(hash, pending);
    }
    return pending;
  }

  #applyMixer(mixes: TrackMix[], immediate: boolean): void {
    const now = this.#context.currentTime;
    const seen = new Set<TrackId>();
    for (const mix of mixes) {
      seen.add(mix.trackId);
      let chain = this.#tracks.get(mix.trackId);
      if (chain === undefined) {
        chain = this.#createChain();
        this.#tracks.set(mix.trackId, chain);
        immediate = true;
      }
      const set = (param: Tone.Param<'gain'> | Tone.Param<'audioRange'>, value: number) => {
        if (immediate) {
          param.setValueAtTime(value, now);
        } else {
          param.cancelScheduledValues(now);
          param.setValueAtTime(param.getValueAtTime(now), now);
          param.linearRampToValueAtTime(value, now + CHANGE_SECONDS);
        }
      };
      set(chain.fader.gain, mix.gain);
      set(chain.panner.pan, mix.pan);
      set(chain.audible.gain, mix.audible ? 1 : 0);
    }
    for (const [trackId, chain] of this.#tracks) {
      if (!seen.has(trackId)) {
        disposeChain(chain);
        this.#tracks.delete(trackId);
      }
    }
  }

  #createChain(): TrackChain {
    const context = this.#context;
    const input = new Tone.Gain({ context, gain: 1 });
    const fader = new Tone.Gain({ context, gain: 1 });
    // channelCount 2: Tone's default (1) would fold stereo to mono before panning.
    const panner = new Tone.Panner({ context, pan: 0, channelCount: 2 });
    const audible = new Tone.Gain({ context, gain: 1 });
    input.chain(fader, panner, audible, this.#master);
    return { input, fader, panner, audible };
  }

  /** Schedules every segment in [from, to) to sound from context `time` on. */
  #scheduleFrom(time: number, from: number, to: number): void {
    const state = this.#state;
    if (state === null) {
      return;
    }
    for (const segment of segmentsIn(state, from, to)) {
      const buffer = this.#loaded.get(segment.mediaHash);
      const chain = this.#tracks.get(segment.trackId);
      if (buffer !== undefined && chain !== undefined) {
        this.#startVoice(segment, buffer, chain, time + (segment.at - from) / RATE);
      }
    }
  }

  #startVoice(
    segment: ClipSegment,
    buffer: Tone.ToneAudioBuffer,
    chain: TrackChain,
    at: number,
  ): void {
    const context = this.#context;
    const source = new Tone.ToneBufferSource({ context, url: buffer });
    const fades = fadeAutomation(segment);
    const fadeIn = new Tone.Gain({ context, gain: 1 });
    const fadeOut = new Tone.Gain({ context, gain: 1 });
    const gain = new Tone.Gain({ context, gain: segment.gain });
    automate(fadeIn.gain, fades.fadeIn, at);
    automate(fadeOut.gain, fades.fadeOut, at);
    source.chain(fadeIn, fadeOut, gain, chain.input);
    const voice: Voice = { source, nodes: [fadeIn, fadeOut, gain], startTime: at };
    this.#voices.add(voice);
    // Tone reports the end from its own clock. Offline, that clock runs through the whole
    // render before a sample is rendered, so nodes are left for the garbage collector there.
    if (!context.isOffline) {
      source.onended = () => {
        setTimeout(() => {
          this.#release(voice);
        }, 100);
      };
    }
    source.start(at, segment.sourceStart / RATE, segment.length / RATE);
  }

  /** Stops every voice at `time` (or at its start, if it had not started by then). */
  #silence(time: number): void {
    for (const voice of [...this.#voices]) {
      try {
        voice.source.stop(Math.max(time, voice.startTime));
      } catch {
        this.#release(voice);
      }
    }
  }

  #release(voice: Voice): void {
    if (this.#voices.delete(voice)) {
      voice.source.dispose();
      for (const node of voice.nodes) {
        node.dispose();
      }
    }
  }

  /** Clips changed while playing: the new ones continue from the playhead. */
  #reschedule(): void {
    const transport = this.#context.transport;
    const time = this.#context.currentTime + this.#context.lookAhead;
    const from = Math.round(transport.getSecondsAtTime(time) * RATE);
    this.#silence(time);
    this.#scheduleFrom(time, from, this.#limitFrom(from));
  }
}

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

function disposeChain(chain: TrackChain): void {
  chain.input.dispose();
  chain.fader.dispose();
  chain.panner.dispose();
  chain.audible.dispose();
}
