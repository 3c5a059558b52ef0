/**
 * Real services for the benchmarks over a data folder, with inert host ports (trash deletes, no
 * pickers, no secrets) and no environment overrides.
 */
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

import { noopLogger } from '../../app/log.ts';
import type { MediaHash } from '../../app/model/ids.ts';
import { Clip, Track } from '../../app/model/project.ts';
import { createServices, type Services } from '../../main/core/compose.ts';
import type { HostPorts } from '../../main/core/ports.ts';

/** Host ports that do nothing a benchmark would wait on; the trash deletes at once. */
export const BENCH_PORTS: HostPorts = {
  trash: { kind: 'folder', trash: (path) => rm(path, { recursive: true, force: true }) },
  filePicker: { pick: () => Promise.resolve([]) },
  artifacts: { open: () => Promise.resolve({ kind: 'revealed' }) },
  secrets: {
    description: 'none (bench)',
    get: () => Promise.resolve(null),
    set: () => Promise.resolve(),
  },
  dragOut: { start: () => undefined },
};

const resourcesDir = fileURLToPath(new URL('../../resources', import.meta.url));

/** Opens the server-host services over `dataDir` (the caller disposes them). */
export function openBenchServices(dataDir: string): Promise<Services> {
  return createServices(
    { dataDir, host: 'server', appVersion: 'bench', log: noopLogger, resourcesDir, env: {} },
    BENCH_PORTS,
  );
}

/** What a bench track differs in: its look and mix, and its one clip's length, gain and fades. */
export interface BenchTrackSpec {
  name: string;
  trackClass: 'drums' | 'synth';
  color: string;
  gainDb: number;
  pan: number;
  clip: { name: string; lengthTicks: number; gainDb: number; fadeSamples: number };
}

/** A track with one clip of `mediaHash` from the song's start (fresh ids each call). */
export function benchTrackWithClip(
  mediaHash: MediaHash,
  spec: BenchTrackSpec,
): { track: Track; clip: Clip } {
  const track = Track.parse({
    id: randomUUID(),
    name: spec.name,
    instrument: { kind: 'ace', trackClass: spec.trackClass },
    color: spec.color,
    gainDb: spec.gainDb,
    pan: spec.pan,
    mute: false,
    solo: false,
  });
  const clip = Clip.parse({
    id: randomUUID(),
    trackId: track.id,
    start: 0,
    length: spec.clip.lengthTicks,
    mediaHash,
    sourceOffset: 0,
    gainDb: spec.clip.gainDb,
    fadeIn: spec.clip.fadeSamples,
    fadeOut: spec.clip.fadeSamples,
    name: spec.clip.name,
  });
  return { track, clip };
}
