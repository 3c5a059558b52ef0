/** Query keys are `[method, params]`: the key says exactly which call fills the cache entry. */
import type { Params } from '../../../app/contract/methods.ts';
import type { MethodName } from '../../../app/contract/names.ts';
import type { ProjectId } from '../../../app/model/ids.ts';

export type StudioQueryKey<K extends MethodName = MethodName> = readonly [K, Params<K>];

export function studioKey<K extends MethodName>(method: K, params: Params<K>): StudioQueryKey<K> {
  return [method, params] as const;
}

/** Prefix that matches every cached call of `method`, whatever its params. */
export function methodKey(method: MethodName): readonly [MethodName] {
  return [method] as const;
}

export function snapshotKey(projectId: ProjectId): StudioQueryKey<'project.get'> {
  return studioKey('project.get', { projectId });
}

export const JOB_LIST_KEY = studioKey('job.list', {});
