/** Files the studio produced for the user (exports), addressed by opaque ids. */
import { randomBytes } from 'node:crypto';
import { stat } from 'node:fs/promises';

import type { ArtifactInfo } from '../../../app/contract/jobs.ts';
import { StudioError } from '../../../app/errors.ts';
import { ArtifactId } from '../../../app/model/ids.ts';
import type { ArtifactRecord, ArtifactRepo } from '../db/library-db.ts';

export class ArtifactRegistry {
  readonly #repo: ArtifactRepo;
  readonly #now: () => number;

  constructor(repo: ArtifactRepo, now: () => number) {
    this.#repo = repo;
    this.#now = now;
  }

  register(file: { path: string; fileName: string; bytes: number }): ArtifactInfo {
    const artifactId = ArtifactId.parse(`art_${randomBytes(16).toString('hex')}`);
    this.#repo.insert({ artifactId, ...file }, this.#now());
    return { artifactId, fileName: file.fileName, bytes: file.bytes };
  }

  /** The record of an artifact; NOT_FOUND when unknown. */
  resolve(artifactId: ArtifactId): ArtifactRecord {
    const record = this.#repo.get(artifactId);
    if (record === null) {
      throw new StudioError('NOT_FOUND', 'That exported file is unknown.', { artifactId });
    }
    return record;
  }

  /** Like resolve, but also NOT_FOUND when the file has since been moved or deleted. */
  async resolveExisting(artifactId: ArtifactId): Promise<ArtifactRecord> {
    const record = this.resolve(artifactId);
    try {
      await stat(record.path);
    } catch {
      throw new StudioError('NOT_FOUND', `${record.fileName} is no longer where it was exported.`, {
        artifactId,
      });
    }
    return record;
  }
}
