/**
 * Waveform tiles are created a few per frame, not all at once: scrolling across a tile edge on
 * 16 tracks would otherwise build 16 wavesurfer instances in one frame. Tiles are made a tile
 * ahead of the visible area, so a frame or two of delay does not show.
 */
const PER_FRAME = 3;

type Job = { create: () => () => void; destroy: (() => void) | null; cancelled: boolean };

const queue: Job[] = [];
let frame = 0;

function run(): void {
  frame = 0;
  for (let done = 0; done < PER_FRAME && queue.length > 0;) {
    const job = queue.shift();
    if (job !== undefined && !job.cancelled) {
      job.destroy = job.create();
      done += 1;
    }
  }
  if (queue.length > 0) {
    frame = requestAnimationFrame(run);
  }
}

/** Queues `create`; the returned function cancels it, or undoes it once it has run. */
export function scheduleTile(create: () => () => void): () => void {
  const job: Job = { create, destroy: null, cancelled: false };
  queue.push(job);
  if (frame === 0) {
    frame = requestAnimationFrame(run);
  }
  return () => {
    job.cancelled = true;
    job.destroy?.();
    job.destroy = null;
  };
}
