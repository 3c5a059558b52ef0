/**
 * Playback with Tone.js, scheduled from the model: the Tone transport is the clock (play,
 * pause, stop, seek, loop), and on each start and loop the clip segments of playback-plan.ts
 * are scheduled on exact sample frames. Per clip: chunk sources → fade-in → fade-out → clip
 * gain (clip-voice.ts); per track: fader → pan (StereoPannerNode, the mix laws' stereo law) →
 * mute/solo → master. Audio streams in chunks a few seconds ahead of the playhead, so memory
 * does not grow with the length of the project. Works on a live context and on Tone.Offline's
 * (everything loaded up front), which is how the parity test renders.
 * Tone is imported only by the playback modules, which are loaded on demand.
 */
import * as Tone from 'tone';

import type { MediaHash, TrackId } from '../../../app/model/ids.ts';
import type { ProjectState } from '../../../app/model/project.ts';
import { ticksPerBeat } from '../../../app/timeline/musical-time.ts';
import { PPQN, STUDIO_SAMPLE_RATE } from '../../../app/timeline/units.ts';
import { ClipVoice, type ReadyChunk } from './clip-voice.ts';
import { CHUNK_FRAMES, type ChunkSource } from './media-chunks.ts';
import { Metronome } from './metronome.ts';
import { segmentsIn, type TrackMix, trackMixes } from './playback-plan.ts';

const RATE = STUDIO_SAMPLE_RATE;
/** Mute, solo, fader and pan changes glide over this long, so they do not click. */
const CHANGE_SECONDS = 0.008;

/** Audio is scheduled this far ahead of the playhead (timeline samples). */
const HORIZON = 8 * RATE;
/** What must be in memory before playback starts. */
const PRELOAD = 3 * RATE;
/** Chunks kept in memory while playing live (about 2 MB each). */
const KEEP_CHUNKS = 96;
const PUMP_MS = 100;

interface TrackChain {
  input: Tone.Gain;
  fader: Tone.Gain;
  panner: Tone.Panner;
  audible: Tone.Gain;
}

export class PlaybackEngine {
  readonly #context: Tone.BaseContext;
  readonly #chunks: ChunkSource;
  readonly #master: Tone.Gain;
  readonly #meter: Tone.Meter<2>;
  readonly #metronome: Metronome;
  readonly #tracks = new Map<TrackId, TrackChain>();
  /** Chunk buffers in memory (most recently used last), and the ones being read. */
  readonly #ready = new Map<string, Tone.ToneAudioBuffer>();
  readonly #loading = new Map<string, Promise<void>>();
  readonly #voices = new Set<ClipVoice>();
  #pump: ReturnType<typeof setInterval> | null = null;
  readonly #listeners = new Set<() => void>();
  #state: ProjectState | null = null;
  #clipsKey = '';
  /** The timeline sample the transport started from (its offset, exactly). */
  #fromSample = 0;
  #loop: { start: number; end: number } | null = null;

  constructor(context: Tone.BaseContext, chunks: ChunkSource) {
    this.#context = context;
    this.#chunks = chunks;
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

  /** Reads the audio that plays in timeline samples [from, until) into memory. */
  async prepare(from: number, until: number): Promise<void> {
    const state = this.#state;
    if (state === null) {
      return;
    }
    const loads: Promise<void>[] = [];
    for (const segment of segmentsIn(state, from, until)) {
      const first = segment.sourceStart;
      const last = segment.sourceStart + Math.min(segment.length, until - segment.at) - 1;
      for (
        let index = Math.floor(first / CHUNK_FRAMES);
        index <= Math.floor(last / CHUNK_FRAMES);
        index += 1
      ) {
        loads.push(this.#load(segment.mediaHash, index));
      }
    }
    await Promise.all(loads);
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
  async play(
    fromSample: number,
    options: { countIn?: boolean; at?: number; until?: number } = {},
  ): Promise<void> {
    const from = Math.max(0, Math.round(fromSample));
    // Offline, everything up to `until` is read first; live, the first seconds are enough.
    await this.prepare(
      from,
      this.#context.isOffline ? (options.until ?? Infinity) : from + PRELOAD,
    );
    const transport = this.#context.transport;
    if (transport.state === 'started') {
      transport.stop();
    }
    this.#fromSample = from;
    this.#startPump();
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
    if (this.#pump !== null) {
      clearInterval(this.#pump);
      this.#pump = null;
    }
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

  /** Reads one chunk into memory (once; concurrent asks share the read). */
  #load(hash: MediaHash, index: number): Promise<void> {
    const key = `${hash}:${index}`;
    if (this.#ready.has(key)) {
      return Promise.resolve();
    }
    let pending = this.#loading.get(key);
    if (pending === undefined) {
      pending = this.#chunks.chunk(hash, index).then(
        ([left, right]) => {
          this.#loading.delete(key);
          if (left.length === 0) {
            return;
          }
          const buffer = this.#context.createBuffer(2, left.length, RATE);
          buffer.copyToChannel(left as Float32Array<ArrayBuffer>, 0);
          buffer.copyToChannel(right as Float32Array<ArrayBuffer>, 1);
          this.#ready.set(key, new Tone.ToneAudioBuffer(buffer));
          this.#trim();
        },
        (error: unknown) => {
          this.#loading.delete(key);
          throw error;
        },
      );
      this.#loading.set(key, pending);
    }
    return pending;
  }

  /** Forgets the least recently used chunks beyond what live playback keeps. */
  #trim(): void {
    if (this.#context.isOffline) {
      return;
    }
    for (const key of this.#ready.keys()) {
      if (this.#ready.size <= KEEP_CHUNKS) {
        break;
      }
      this.#ready.delete(key);
    }
  }

  /** A chunk if it is in memory (marked as just used); else its read starts, and null. */
  readonly #readyChunk: ReadyChunk = (segment, index) => {
    const key = `${segment.mediaHash}:${index}`;
    const buffer = this.#ready.get(key);
    if (buffer === undefined) {
      this.#load(segment.mediaHash, index).catch(() => undefined);
      return null;
    }
    this.#ready.delete(key);
    this.#ready.set(key, buffer);
    return buffer;
  };

  /** Live: every 100 ms, schedule what comes within the horizon and read ahead of it. */
  #startPump(): void {
    if (this.#context.isOffline || this.#pump !== null) {
      return;
    }
    this.#pump = setInterval(() => {
      if (!this.playing()) {
        return;
      }
      const position = this.positionSamples();
      for (const voice of this.#voices) {
        if (voice.done) {
          this.#voices.delete(voice);
        } else {
          voice.fill(position + HORIZON, this.#readyChunk);
          const next = voice.nextChunk();
          if (next !== null) {
            this.#load(voice.segment.mediaHash, next).catch(() => undefined);
          }
        }
      }
      // Close to the loop's end, have its beginning ready for the next pass.
      if (this.#loop !== null && position > this.#loop.end - PRELOAD) {
        this.prepare(this.#loop.start, this.#loop.start + PRELOAD).catch(() => undefined);
      }
    }, PUMP_MS);
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
    const horizon = this.#context.isOffline ? Infinity : from + HORIZON;
    for (const segment of segmentsIn(state, from, to)) {
      const chain = this.#tracks.get(segment.trackId);
      if (chain !== undefined) {
        const voice = new ClipVoice(
          this.#context,
          segment,
          time + (segment.at - from) / RATE,
          chain.input,
        );
        this.#voices.add(voice);
        voice.fill(horizon, this.#readyChunk);
      }
    }
  }

  /** Stops every voice at `time` (or at its start, if it had not started by then). */
  #silence(time: number): void {
    for (const voice of this.#voices) {
      voice.stop(time);
    }
    this.#voices.clear();
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

function disposeChain(chain: TrackChain): void {
  chain.input.dispose();
  chain.fader.dispose();
  chain.panner.dispose();
  chain.audible.dispose();
}
