/**
 * Fuzzes every contract method over HTTP against a real server process: at least 200 malformed
 * payloads each, plus malformed requests. Every answer must be a typed error (VALIDATION_FAILED
 * or the method's own), never INTERNAL, and the host must stay up.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { methods } from '../../app/contract/methods.ts';
import { METHOD_NAMES, type MethodName } from '../../app/contract/names.ts';
import type { Envelope } from '../../app/contract/wire.ts';
import { defaultExportOptions } from '../../app/export/export-options.ts';
import type { ProjectSummary } from '../../app/model/project.ts';
import { rpc, rpcValue } from '../helpers/http-rpc.ts';
import { malformedPayloads } from '../helpers/malformed.ts';
import { makeTrack } from '../helpers/project-fixtures.ts';
import { seededRandom } from '../helpers/random.ts';
import { type ServerProcess, startServerProcess } from '../helpers/server-process.ts';
import { makeTempDir, removeDir } from '../helpers/temp-dir.ts';

const PER_METHOD = 200;

/** Errors a method may legitimately answer besides VALIDATION_FAILED. */
const OWN_ERRORS: Partial<Record<MethodName, string[]>> = {
  'system.hello': ['CONTRACT_MISMATCH'],
};

describe('fuzzing the contract over HTTP', () => {
  let dataDir: string;
  let server: ServerProcess;
  let templates: Record<MethodName, unknown>;

  beforeAll(async () => {
    dataDir = await makeTempDir();
    server = await startServerProcess({ dataDir });
    const project = await rpcValue<ProjectSummary>(server.url, 'project.create', {
      name: 'Fuzz target',
    });
    const random = seededRandom(1);
    const projectId = project.projectId;
    const jobId = '11111111-1111-4111-8111-111111111111';
    templates = {
      'system.hello': { contractVersion: 1 },
      'project.list': { query: 'x' },
      'project.create': {
        name: 'N',
        tempo: 120,
        timeSignature: { numerator: 4, denominator: 4 },
        key: null,
      },
      'project.get': { projectId },
      'project.rename': { projectId, name: 'R' },
      'project.duplicate': { projectId, name: 'D' },
      'project.delete': { projectId },
      'project.applyEdits': {
        projectId,
        baseRevision: 0,
        edits: [{ op: 'track.add', track: makeTrack(random), index: 0 }],
      },
      'project.undo': { projectId },
      'project.redo': { projectId },
      'project.exportArchive': { projectId },
      'project.importArchive': { file: `ft_${'0'.repeat(32)}` },
      'job.list': {},
      'job.get': { jobId },
      'job.cancel': { jobId },
      'file.pick': { purpose: 'audio', multiple: true },
      'artifact.open': { artifactId: `art_${'0'.repeat(32)}` },
      'models.overview': {},
      'models.recommend': {},
      'models.install': { componentId: 'vae', precision: 'fp16' },
      'models.pause': { componentId: 'vae' },
      'models.remove': { componentId: 'vae' },
      'models.verify': { componentId: 'vae' },
      'models.import': { folder: `ft_${'0'.repeat(32)}` },
      'models.setSource': { baseUrl: 'https://mirror.invalid/{repo}/{path}', token: null },
      // timeline
      'project.getView': { projectId },
      'project.setView': {
        projectId,
        patch: { selection: { start: 0, end: 960, trackIds: [] }, trackHeights: {} },
      },
      // media (audio engine)
      'media.import': { projectId, file: `ft_${'0'.repeat(32)}` },
      'media.list': { projectId },
      // DAW export
      'export.start': { projectId, options: defaultExportOptions() },
      'export.dragOut': { projectId, target: { kind: 'track', trackId: jobId }, phase: 'start' },
      // LM planner
      'lm.inspire': { query: 'a song', instrumental: false, seed: 1 },
      'lm.format': { caption: 'rock', lyrics: 'la', bpm: 120, keyScale: 'C major' },
      'lm.understand': { projectId, audioHash: '0'.repeat(64) },
      // inference
      'generation.start': { projectId, task: 'text2music', caption: 'x', durationSeconds: 10 },
      // inference runtime
      'inference.status': {},
      // workflows
      'workflow.start': {
        projectId,
        workflow: {
          kind: 'addLayer',
          range: { start: 0, end: 960 },
          trackClass: 'drums',
          contextTrackIds: [],
        },
      },
      'workflow.retry': { jobId },
      'workflow.regenerate': { projectId, clipId: jobId, newSeeds: true },
      'workflow.lineage': { projectId, clipId: jobId },
    };
  });

  afterAll(async () => {
    await server.stop();
    await removeDir(dataDir);
  });

  it(`answers ${PER_METHOD}+ malformed payloads per method with typed errors`, async () => {
    const random = seededRandom(99);
    const codes = new Map<string, number>();
    let sent = 0;
    for (const method of METHOD_NAMES) {
      const payloads = malformedPayloads(
        methods[method].params,
        templates[method],
        random,
        PER_METHOD,
      );
      expect(payloads.length, method).toBeGreaterThanOrEqual(PER_METHOD);
      for (const payload of payloads) {
        const answer: Envelope = await rpc(server.url, method, payload);
        sent += 1;
        expect(
          answer.ok,
          `${method} accepted ${(JSON.stringify(payload) as string | undefined)?.slice(0, 200)}`,
        ).toBe(false);
        if (!answer.ok) {
          const allowed = ['VALIDATION_FAILED', 'TOO_LARGE', ...(OWN_ERRORS[method] ?? [])];
          expect(allowed, `${method}: ${answer.error.code} ${answer.error.message}`).toContain(
            answer.error.code,
          );
          codes.set(answer.error.code, (codes.get(answer.error.code) ?? 0) + 1);
        }
      }
    }
    expect(sent).toBeGreaterThanOrEqual(PER_METHOD * METHOD_NAMES.length);
    console.log(
      `fuzz: ${sent} malformed calls over ${METHOD_NAMES.length} methods → ${JSON.stringify(Object.fromEntries(codes))}`,
    );
    expect(await rpcValue(server.url, 'system.hello', { contractVersion: 1 })).toMatchObject({
      host: 'server',
    });
    expect(server.child.exitCode).toBeNull();
    expect(server.stderr()).not.toContain('"level":"error"');
  });

  it('answers malformed requests (bodies, verbs, routes) with typed errors and stays up', async () => {
    const post = (
      path: string,
      body: string | Uint8Array<ArrayBuffer>,
      type = 'application/json',
    ) => fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': type }, body });
    const cases: [Promise<Response>, number, string][] = [
      [post('/rpc/project.list', '{not json'), 400, 'VALIDATION_FAILED'],
      [post('/rpc/project.list', '{"query":'), 400, 'VALIDATION_FAILED'],
      [post('/rpc/project.list', '{}', 'text/plain'), 400, 'VALIDATION_FAILED'],
      [post('/rpc/project.list', new Uint8Array(9 * 1024 * 1024).fill(32)), 413, 'TOO_LARGE'],
      [post('/rpc/%E0%A4%A', '{}'), 400, 'VALIDATION_FAILED'],
      [post('/rpc/__proto__', '{}'), 400, 'VALIDATION_FAILED'],
      [post('/rpc/constructor', '{}'), 400, 'VALIDATION_FAILED'],
      [fetch(`${server.url}/rpc/project.list`), 400, 'VALIDATION_FAILED'],
      [
        fetch(`${server.url}/rpc/project.list`, { method: 'PUT', body: '{}' }),
        400,
        'VALIDATION_FAILED',
      ],
      [post('/nowhere', '{}'), 404, 'NOT_FOUND'],
      [fetch(`${server.url}/media/${'a'.repeat(64)}`), 404, 'NOT_FOUND'],
      [fetch(`${server.url}/media/..%2F..%2Flibrary.sqlite`), 404, 'NOT_FOUND'],
      [fetch(`${server.url}/artifacts/../../library.sqlite`), 404, ''],
    ];
    for (const [request, status, code] of cases) {
      const response = await request;
      expect(response.status).toBe(status);
      const text = await response.text();
      if (code !== '') {
        expect((JSON.parse(text) as { error: { code: string } }).error.code).toBe(code);
      }
    }
    expect(await rpcValue(server.url, 'system.hello', { contractVersion: 1 })).toMatchObject({
      host: 'server',
    });
  });
});
