/**
 * What the inference process actually runs on (method `inference.status`): the execution
 * provider each loaded session uses and why earlier providers were passed over. The model
 * manager's `models.recommend` says which provider is expected; this says which one won.
 */
import { z } from 'zod';

import { ProviderId } from './models.ts';

/** A provider the session pool tried before the one in use, with ONNX Runtime's reason. */
export const ProviderFallback = z.object({
  provider: ProviderId,
  reason: z.string(),
});
export type ProviderFallback = z.infer<typeof ProviderFallback>;

/** One loaded session ("component/graph"), its provider and the providers passed over. */
export const SessionProviderReport = z.object({
  session: z.string().min(1).max(200),
  provider: ProviderId,
  fallbacks: z.array(ProviderFallback),
});
export type SessionProviderReport = z.infer<typeof SessionProviderReport>;

export const InferenceStatus = z.object({
  /** false when this studio runs without an inference process. */
  available: z.boolean(),
  /** The session loaded last; null before any model has loaded in the running process. */
  inUse: SessionProviderReport.nullable(),
  /** Every session the running process has loaded, oldest first. */
  sessions: z.array(SessionProviderReport),
});
export type InferenceStatus = z.infer<typeof InferenceStatus>;
