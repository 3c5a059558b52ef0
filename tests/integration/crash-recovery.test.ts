/**
 * Kills the server host with SIGKILL while it takes a stream of edits (and sometimes runs an
 * export job), 24 times. After every kill: both SQLite files pass integrity_check, every edit
 * the server acknowledged is there, and nothing else but the one edit in flight.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { ProjectSnapshot, ProjectSummary } from '../../app/model/project.ts';
import { rpc, rpcValue } from '../helpers/http-rpc.ts';
import { makeTrack } from '../helpers/project-fixtures.ts';
import { seededRandom } from '../helpers/random.ts';
import { startServerProcess } from '../helpers/server-process.ts';
import { makeTempDir, removeDir } from '../helpers/temp-dir.ts';

const ROUNDS = 24;

function integrity(path: string): string {
  const db = new Database(path, { readonly: true });
  try {
    return (db.pragma('integrity_check') as { integrity_check: string }[])
      .map((r) => r.integrity_check)
      .join();
  } finally {
    db.close();
  }
}

describe('crash recovery of the server host', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await makeTempDir();
  });
  afterAll(async () => {
    await removeDir(dataDir);
  });

  it(`keeps every acknowledged edit through ${ROUNDS} SIGKILLs`, async () => {
    const random = seededRandom(2026);
    const acknowledged = new Set<string>();
    let inFlight: string | null = null;
    let projectId = '';
    let total = 0;
    let committedButUnacknowledged = 0;

    for (let round = 0; round < ROUNDS; round += 1) {
      const server = await startServerProcess({ dataDir });
      if (projectId === '') {
        projectId = (
          await rpcValue<ProjectSummary>(server.url, 'project.create', { name: 'Crash test' })
        ).projectId;
      }
      let snapshot = await rpcValue<ProjectSnapshot>(server.url, 'project.get', { projectId });
      const present = new Set(snapshot.state.tracks.map((t) => t.id as string));
      for (const id of acknowledged) {
        expect(present.has(id), `acknowledged track ${id} lost after round ${round}`).toBe(true);
      }
      const extra = [...present].filter((id) => !acknowledged.has(id));
      expect(extra.length <= 1 && (extra.length === 0 || extra[0] === inFlight)).toBe(true);
      committedButUnacknowledged += extra.length;
      extra.forEach((id) => acknowledged.add(id));
      expect(snapshot.revision).toBe(present.size);

      if (round % 4 === 1) {
        // A job running at the moment of the kill must come back as failed, not running.
        await rpc(server.url, 'project.exportArchive', { projectId });
      }
      const killAfter = random.int(30, 400);
      const killed = new Promise<void>((resolve) => {
        setTimeout(() => {
          void server.kill().then(resolve);
        }, killAfter);
      });
      const status = { alive: true };
      void killed.then(() => {
        status.alive = false;
      });
      const isAlive = () => status.alive;
      while (isAlive()) {
        const track = makeTrack(random, `T${total}`);
        inFlight = track.id;
        try {
          const answer = await rpc(server.url, 'project.applyEdits', {
            projectId,
            baseRevision: snapshot.revision,
            edits: [{ op: 'track.add', track, index: random.int(0, present.size) }],
          });
          if (!answer.ok) {
            throw new Error(`edit refused: ${answer.error.code} ${answer.error.message}`);
          }
          acknowledged.add(track.id);
          present.add(track.id);
          snapshot = { ...snapshot, revision: (answer.value as { revision: number }).revision };
          total += 1;
        } catch (error) {
          if (isAlive() && !(error instanceof TypeError)) {
            throw error;
          }
          break;
        }
      }
      await killed;
      expect(integrity(join(dataDir, 'library.sqlite'))).toBe('ok');
      expect(integrity(join(dataDir, 'projects', projectId, 'project.sqlite'))).toBe('ok');
    }

    const server = await startServerProcess({ dataDir });
    try {
      const final = await rpcValue<ProjectSnapshot>(server.url, 'project.get', { projectId });
      const ids = new Set(final.state.tracks.map((t) => t.id as string));
      for (const id of acknowledged) {
        expect(ids.has(id)).toBe(true);
      }
      expect(ids.size).toBeGreaterThanOrEqual(acknowledged.size);
      expect(acknowledged.size).toBeGreaterThan(ROUNDS);
      console.log(
        `crash test: ${ROUNDS} kills, ${total} acknowledged edits, ${committedButUnacknowledged} committed while the answer was in flight, ${ids.size} tracks recovered`,
      );
      const jobs = await rpcValue<{ status: string }[]>(server.url, 'job.list', {});
      expect(jobs.some((job) => job.status === 'running')).toBe(false);
      expect(
        (await readdir(join(dataDir, 'exports'))).filter((name) => name.startsWith('.tmp-')),
      ).toEqual([]);
      // Undo still works on the recovered history.
      expect((await rpc(server.url, 'project.undo', { projectId })).ok).toBe(true);
    } finally {
      await server.stop();
    }
  });
});
