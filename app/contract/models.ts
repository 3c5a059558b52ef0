/** Model manager types that cross the contract (methods `models.*`, event `models.changed`). */
import { z } from 'zod';

export const ModelPrecision = z.enum(['fp32', 'fp16']);
export type ModelPrecision = z.infer<typeof ModelPrecision>;

export const ModelComponentId = z.string().regex(/^[a-z0-9][a-z0-9.-]{0,63}$/);

export const ProviderId = z.enum(['cuda', 'dml', 'coreml', 'cpu']);
export type ProviderId = z.infer<typeof ProviderId>;

export const GpuInfo = z.object({
  vendor: z.enum(['nvidia', 'amd', 'intel', 'apple', 'other']),
  name: z.string(),
  /** null when the system does not say (DirectML adapters often do not). */
  vramBytes: z.number().int().nonnegative().nullable(),
  driverVersion: z.string().nullable(),
  /** The highest CUDA version the NVIDIA driver supports ("12.4"), from nvidia-smi. */
  cudaVersion: z.string().nullable(),
});
export type GpuInfo = z.infer<typeof GpuInfo>;

export const HardwareInfo = z.object({
  platform: z.string(),
  arch: z.string(),
  ramBytes: z.number().int().nonnegative(),
  cpuCores: z.number().int().positive(),
  gpus: z.array(GpuInfo),
});
export type HardwareInfo = z.infer<typeof HardwareInfo>;

/** Whether an ONNX Runtime execution provider can be used here, why, and what would fix it. */
export const ProviderStatus = z.object({
  id: ProviderId,
  usable: z.boolean(),
  reason: z.string(),
  fix: z.string().nullable(),
});
export type ProviderStatus = z.infer<typeof ProviderStatus>;

export const ProvidersReport = z.object({
  /** The provider the engine will try first. */
  preferred: ProviderId,
  why: z.string(),
  providers: z.array(ProviderStatus),
});
export type ProvidersReport = z.infer<typeof ProvidersReport>;

export const RecommendedItem = z.object({
  componentId: ModelComponentId,
  precision: ModelPrecision,
  optional: z.boolean(),
  reason: z.string(),
});
export type RecommendedItem = z.infer<typeof RecommendedItem>;

export const Recommendation = z.object({
  provider: ProviderId,
  precision: ModelPrecision,
  /** The official tier (spec 9.2) by usable memory, or null when memory is unknown. */
  tier: z.string().nullable(),
  memoryGb: z.number().nullable(),
  summary: z.string(),
  items: z.array(RecommendedItem),
  maxDurationS: z.number().int().positive(),
  notes: z.array(z.string()),
});
export type Recommendation = z.infer<typeof Recommendation>;

export const InstallState = z.enum([
  /** Not on disk. */
  'available',
  /** A download is running. */
  'installing',
  /** Partly downloaded; install again to resume. */
  'paused',
  'installed',
  /** On disk but a file is missing or fails its checksum. */
  'corrupt',
]);
export type InstallState = z.infer<typeof InstallState>;

export const ModelComponentView = z.object({
  id: ModelComponentId,
  kind: z.enum(['text-encoder', 'vae', 'dit', 'lm']),
  title: z.string(),
  summary: z.string(),
  licence: z.string(),
  licenceSource: z.string(),
  upstream: z.string(),
  graphs: z.array(z.string()),
  sizes: z.object({ fp32: z.number().int(), fp16: z.number().int() }),
  vramGb: z.object({ fp32: z.number(), fp16: z.number() }),
  tasks: z.array(z.string()),
  state: InstallState,
  /** The installed (or installing / paused) precision. */
  precision: ModelPrecision.nullable(),
  /** Bytes on disk: the installed size, or what a paused download holds. */
  bytesOnDisk: z.number().int().nonnegative(),
  /** Bytes the install needs in all when known (paused or installing). */
  bytesTotal: z.number().int().nonnegative().nullable(),
  jobId: z.string().nullable(),
  problem: z.string().nullable(),
});
export type ModelComponentView = z.infer<typeof ModelComponentView>;

export const ModelTaskView = z.object({
  id: z.string(),
  title: z.string(),
  ready: z.boolean(),
  /** Components to install for the task to become ready (one per unmet need). */
  missing: z.array(ModelComponentId),
});
export type ModelTaskView = z.infer<typeof ModelTaskView>;

export const ModelSourceView = z.object({
  /** A template with {repo}, {revision} and {path}, or a plain base URL (path appended). */
  baseUrl: z.string(),
  isDefault: z.boolean(),
  /** Where the base URL came from: the settings, HF_ENDPOINT / LAYERLINE_MODEL_BASE_URL, the catalog. */
  origin: z.enum(['settings', 'environment', 'catalog']),
  hasToken: z.boolean(),
  tokenStorage: z.string(),
  proxy: z.string().nullable(),
  packsPublished: z.boolean(),
});
export type ModelSourceView = z.infer<typeof ModelSourceView>;

export const ModelsOverview = z.object({
  modelsDir: z.string(),
  components: z.array(ModelComponentView),
  tasks: z.array(ModelTaskView),
  source: ModelSourceView,
  freeBytes: z.number().int().nonnegative().nullable(),
});
export type ModelsOverview = z.infer<typeof ModelsOverview>;

export const VerifyResult = z.object({
  componentId: ModelComponentId,
  ok: z.boolean(),
  files: z.number().int().nonnegative(),
  bytes: z.number().int().nonnegative(),
  problems: z.array(z.string()),
});
export type VerifyResult = z.infer<typeof VerifyResult>;

export const ImportResult = z.object({
  componentIds: z.array(ModelComponentId),
  files: z.number().int().nonnegative(),
  bytes: z.number().int().nonnegative(),
});
export type ImportResult = z.infer<typeof ImportResult>;

export const ModelsHardwareReport = z.object({
  hardware: HardwareInfo,
  providers: ProvidersReport,
  recommendation: Recommendation,
});
export type ModelsHardwareReport = z.infer<typeof ModelsHardwareReport>;

export const InstallResult = z.object({
  componentId: ModelComponentId,
  precision: ModelPrecision,
  files: z.number().int().nonnegative(),
  bytes: z.number().int().nonnegative(),
});
export type InstallResult = z.infer<typeof InstallResult>;
