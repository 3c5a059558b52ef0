/** One flow-matching step (spec §5.1): Euler ODE or the re-noising SDE variant. */

/** Euler: x ← x − v·(t − t_next); with t_next = 0 this is the x0 shortcut x − v·t. */
export function eulerStep(x: Float32Array, v: Float32Array, t: number, tNext: number): void {
  const dt = t - tNext;
  for (let i = 0; i < x.length; i += 1) {
    x[i] = (x[i] ?? 0) - (v[i] ?? 0) * dt;
  }
}

/**
 * SDE: x0 = x − v·t, then x ← t_next·ε + (1 − t_next)·x0 with fresh noise ε (none at the last
 * step). The reference draws ε from the global RNG (not reproducible); the caller passes
 * seeded noise instead (acestep.cpp's choice: seed + step + 1).
 */
export function sdeStep(
  x: Float32Array,
  v: Float32Array,
  t: number,
  tNext: number,
  fresh: Float32Array | null,
): void {
  for (let i = 0; i < x.length; i += 1) {
    const x0 = (x[i] ?? 0) - (v[i] ?? 0) * t;
    x[i] = tNext > 0 && fresh !== null ? tNext * (fresh[i] ?? 0) + (1 - tNext) * x0 : x0;
  }
}
