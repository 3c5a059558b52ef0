/** Transfer speed over a sliding window, and the time left at that speed. */
export class TransferMeter {
  readonly #windowMs: number;
  readonly #now: () => number;
  readonly #samples: { at: number; bytes: number }[] = [];

  constructor(now: () => number, windowMs = 5000) {
    this.#now = now;
    this.#windowMs = windowMs;
  }

  /** Records the total bytes moved so far (this session, not counting resumed bytes). */
  sample(totalBytes: number): void {
    const at = this.#now();
    this.#samples.push({ at, bytes: totalBytes });
    while (this.#samples.length > 2 && (this.#samples[0]?.at ?? at) < at - this.#windowMs) {
      this.#samples.shift();
    }
  }

  /** Bytes per second over the window; 0 until two samples are apart in time. */
  bytesPerSecond(): number {
    const first = this.#samples[0];
    const last = this.#samples[this.#samples.length - 1];
    if (first === undefined || last === undefined || last.at <= first.at) {
      return 0;
    }
    return Math.max(0, ((last.bytes - first.bytes) * 1000) / (last.at - first.at));
  }

  /** Milliseconds to move `remainingBytes` at the current speed; undefined when unknown. */
  etaMs(remainingBytes: number): number | undefined {
    const speed = this.bytesPerSecond();
    return speed > 0 ? Math.round((remainingBytes / speed) * 1000) : undefined;
  }
}
