/**
 * Signal analysis for the audio benchmark: a radix-2 FFT, a Kaiser window and the swept-sine
 * measurement of a resampler's passband ripple and stopband (image/alias) rejection.
 */

/** In-place complex FFT; `re.length` must be a power of two. */
export function fft(re: Float64Array, im: Float64Array): void {
  const n = re.length;
  for (let i = 1, j = 0; i < n; i += 1) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) {
      j ^= bit;
    }
    j ^= bit;
    if (i < j) {
      [re[i], re[j]] = [re[j] as number, re[i] as number];
      [im[i], im[j]] = [im[j] as number, im[i] as number];
    }
  }
  for (let size = 2; size <= n; size <<= 1) {
    const step = (-2 * Math.PI) / size;
    for (let start = 0; start < n; start += size) {
      for (let k = 0; k < size / 2; k += 1) {
        const wr = Math.cos(step * k);
        const wi = Math.sin(step * k);
        const a = start + k;
        const b = a + size / 2;
        const xr = (re[b] as number) * wr - (im[b] as number) * wi;
        const xi = (re[b] as number) * wi + (im[b] as number) * wr;
        re[b] = (re[a] as number) - xr;
        im[b] = (im[a] as number) - xi;
        re[a] = (re[a] as number) + xr;
        im[a] = (im[a] as number) + xi;
      }
    }
  }
}

function besselI0(x: number): number {
  let sum = 1;
  let term = 1;
  for (let k = 1; k < 60; k += 1) {
    term *= (x / (2 * k)) ** 2;
    sum += term;
  }
  return sum;
}

/** Kaiser window; β = 20 puts its sidelobes near -190 dB, far below what is measured. */
export function kaiser(n: number, beta: number): Float64Array {
  const norm = besselI0(beta);
  return Float64Array.from({ length: n }, (_, i) => {
    const r = (2 * i) / (n - 1) - 1;
    return besselI0(beta * Math.sqrt(Math.max(0, 1 - r * r))) / norm;
  });
}

/** A linear chirp from f0 to f1 Hz over `seconds`, sampled at `rate`, amplitude `amp`. */
export function chirp(
  rate: number,
  seconds: number,
  f0: number,
  f1: number,
  amp: number,
): Float64Array {
  const k = (f1 - f0) / seconds;
  return Float64Array.from({ length: Math.round(rate * seconds) }, (_, i) => {
    const t = i / rate;
    return amp * Math.sin(2 * Math.PI * (f0 * t + (k * t * t) / 2));
  });
}

export interface SweepFigures {
  /** Max - min of the output level relative to an ideal chirp, over the passband, in dB. */
  passbandRippleDb: number;
  /** Lowest level seen in the passband (dB re ideal). */
  passbandMinDb: number;
  /** Worst frame: signal energy over all energy outside the sweep's band, in dB. */
  rejectionDb: number;
  /** Worst frame: the strongest single spurious bin below the signal's strongest bin, in dB. */
  worstSpurDb: number;
}

/**
 * Compares `output` (the resampled chirp at `rate`) with the ideal chirp at that rate, frame by
 * frame: where the sweep is, the level ratio gives the ripple; everything outside the sweep's
 * band is imaging and aliasing (plus float noise), and gives the rejection.
 */
export function measureSweep(
  output: Float32Array,
  ideal: Float64Array,
  sweep: { rate: number; seconds: number; f0: number; f1: number; passbandTop: number },
): SweepFigures {
  const n = 8192;
  const window = kaiser(n, 20);
  const binHz = sweep.rate / n;
  const slope = (sweep.f1 - sweep.f0) / sweep.seconds;
  const halfBand = (slope * (n / sweep.rate)) / 2 + 12 * binHz;
  let rippleMax = -Infinity;
  let rippleMin = Infinity;
  let rejection = Infinity;
  let worstSpur = Infinity;
  const spectrum = (x: ArrayLike<number>, at: number) => {
    const re = new Float64Array(n);
    const im = new Float64Array(n);
    for (let i = 0; i < n; i += 1) {
      re[i] = (x[at + i] as number) * (window[i] as number);
    }
    fft(re, im);
    return Float64Array.from(
      { length: n / 2 },
      (_, k) => (re[k] as number) ** 2 + (im[k] as number) ** 2,
    );
  };
  for (let at = n; at + 2 * n < output.length; at += n / 2) {
    const centre = sweep.f0 + slope * ((at + n / 2) / sweep.rate);
    if (centre - halfBand < 40) {
      continue;
    }
    const out = spectrum(output, at);
    const ref = spectrum(ideal, at);
    let inside = 0;
    let insideRef = 0;
    let outside = 0;
    let peakIn = 0;
    let peakOut = 0;
    for (let k = 1; k < n / 2; k += 1) {
      const f = k * binHz;
      if (Math.abs(f - centre) <= halfBand) {
        inside += out[k] as number;
        insideRef += ref[k] as number;
        peakIn = Math.max(peakIn, out[k] as number);
      } else {
        outside += out[k] as number;
        peakOut = Math.max(peakOut, out[k] as number);
      }
    }
    if (centre + halfBand < sweep.passbandTop) {
      const level = 10 * Math.log10(inside / insideRef);
      rippleMax = Math.max(rippleMax, level);
      rippleMin = Math.min(rippleMin, level);
    }
    rejection = Math.min(rejection, 10 * Math.log10(inside / Math.max(outside, 1e-300)));
    worstSpur = Math.min(worstSpur, 10 * Math.log10(peakIn / Math.max(peakOut, 1e-300)));
  }
  return {
    passbandRippleDb: rippleMax - rippleMin,
    passbandMinDb: rippleMin,
    rejectionDb: rejection,
    worstSpurDb: worstSpur,
  };
}
