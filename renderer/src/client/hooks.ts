/** React Query over the contract: one query or mutation per method, keyed `[method, params]`. */
import {
  useMutation,
  type UseMutationOptions,
  type UseMutationResult,
  useQuery,
  type UseQueryOptions,
  type UseQueryResult,
} from '@tanstack/react-query';

import type { Params, Result } from '../../../app/contract/methods.ts';
import type { MethodName } from '../../../app/contract/names.ts';
import { studioKey } from './query-keys.ts';
import { useStudioClient } from './studio-context.tsx';

type QueryExtras<K extends MethodName> = Omit<
  UseQueryOptions<Result<K>, Error, Result<K>>,
  'queryKey' | 'queryFn'
>;

export function useStudioQuery<K extends MethodName>(
  method: K,
  params: Params<K>,
  options: QueryExtras<K> = {},
): UseQueryResult<Result<K>> {
  const client = useStudioClient();
  return useQuery({
    ...options,
    queryKey: studioKey(method, params),
    queryFn: () => client.call(method, params),
  });
}

type MutationExtras<K extends MethodName> = Omit<
  UseMutationOptions<Result<K>, Error, Params<K>>,
  'mutationFn'
>;

export function useStudioMutation<K extends MethodName>(
  method: K,
  options: MutationExtras<K> = {},
): UseMutationResult<Result<K>, Error, Params<K>> {
  const client = useStudioClient();
  return useMutation({ ...options, mutationFn: (params) => client.call(method, params) });
}
