/**
 * Workflow runs as jobs: cancelling leaves the project as it was, a studio that stops mid-run
 * leaves nothing half-placed and shows the run as ended, and the run's parameters survive the
 * restart so it can be retried. Uses a slow analytic DiT so the run is caught mid-diffusion.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { JobProgressed, JobState } from '../../app/contract/jobs.ts';
import type { TrackId } from '../../app/model/ids.ts';
import { takesOf } from '../../app/model/takes.ts';
import type { Ticks } from '../../app/timeline/units.ts';
import type { WorkflowResult } from '../../app/workflows/workflow-result.ts';
import { integratedLoudness } from '../../main/core/export/loudness.ts';
import {
  hopAudio,
  SLOW_DIT,
  startWorkflowStudio,
  type WorkflowStudio,
} from '../helpers/workflow-studio.ts';

let studio: WorkflowStudio;
let drums: TrackId;

beforeAll(async () => {
  studio = await startWorkflowStudio({ slowSteps: 60 });
  drums = studio.addTrack('Drums', 'drums');
  await studio.addClip(
    drums,
    hopAudio(3 * 48_000, (h, c) => (c === 0 ? 0.5 : -0.25) * Math.sin(h / 3)),
    0 as Ticks,
  );
}, 120_000);

afterAll(async () => {
  await studio.dispose();
});

/** Starts a slow generation and resolves once it is diffusing. */
async function startSlow(): Promise<string> {
  let jobId = '';
  const diffusing = new Promise<void>((resolve) => {
    const off = studio.services.events.subscribe((event, payload) => {
      const p = payload as JobProgressed;
      if (event === 'job.progressed' && p.jobId === jobId && p.phase === 'diffuse') {
        off();
        resolve();
      }
    });
  });
  jobId = await studio.start({
    kind: 'generate',
    caption: 'slow',
    durationSeconds: 4,
    settings: { modelId: SLOW_DIT, seeds: [1] },
  });
  await diffusing;
  return jobId;
}

describe('workflow jobs', () => {
  it('measures each take at BS.1770 loudness, for comparing takes at matched loudness', async () => {
    const clip = studio.state().clips[0]!;
    const { result } = await studio.run({
      kind: 'repaint',
      target: { clipId: clip.id },
      regions: [{ start: 960, end: 2880 }],
    });
    const takes = takesOf(studio.state(), clip.id);
    expect(takes.map((take) => take.kind)).toEqual(['original', 'version']);
    for (const take of takes) {
      const lufs = integratedLoudness(await studio.read(take.mediaHash));
      expect(take.loudnessLufs).toBeCloseTo(lufs, 2);
    }
    expect(takes[0]!.loudnessLufs).not.toBe(takes[1]!.loudnessLufs);
    expect(result.clipIds).toEqual([clip.id]);
    await studio.call('project.undo', { projectId: studio.projectId });
  });

  it('leaves nothing behind when cancelled mid-diffusion', async () => {
    const before = studio.state();
    const revision = studio.revision();
    const jobId = await startSlow();
    await studio.call('job.cancel', { jobId });
    const finished = await studio.outcome(jobId);
    expect(finished.status).toBe('cancelled');
    expect(studio.revision()).toBe(revision);
    expect(studio.state()).toEqual(before);
  });

  it('shows a run the studio stopped in as ended, placed nothing, and retries it after restart', async () => {
    const before = studio.state();
    const jobId = await startSlow();
    await studio.restart();
    const job = (await studio.call('job.get', { jobId })) as JobState;
    expect(job.status === 'failed' || job.status === 'cancelled').toBe(true);
    expect(studio.state()).toEqual(before);
    const retried = (await studio.call('workflow.retry', { jobId })) as { jobId: string };
    const finished = await studio.outcome(retried.jobId);
    expect(finished.error).toBeNull();
    const result = finished.result as WorkflowResult;
    expect(result.clipIds).toHaveLength(1);
    expect(studio.state().clips.some((clip) => clip.id === result.clipIds[0])).toBe(true);
  });
});
