/** Branded identifiers. IDs are created by callers (crypto.randomUUID) and carried in edits. */
import { z } from 'zod';

const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);

export const ProjectId = uuid.brand<'ProjectId'>();
export type ProjectId = z.infer<typeof ProjectId>;

export const TrackId = uuid.brand<'TrackId'>();
export type TrackId = z.infer<typeof TrackId>;

export const ClipId = uuid.brand<'ClipId'>();
export type ClipId = z.infer<typeof ClipId>;

export const JobId = uuid.brand<'JobId'>();
export type JobId = z.infer<typeof JobId>;

/** Lower-case hex sha256 of a media file's bytes. */
export const MediaHash = z
  .string()
  .regex(/^[0-9a-f]{64}$/)
  .brand<'MediaHash'>();
export type MediaHash = z.infer<typeof MediaHash>;

/** An opaque handle for a file the user chose (dialog, drop or upload); never a path. */
export const FileToken = z
  .string()
  .regex(/^ft_[0-9a-f]{32}$/)
  .brand<'FileToken'>();
export type FileToken = z.infer<typeof FileToken>;

/** An opaque handle for a file the studio produced for the user (an export). */
export const ArtifactId = z
  .string()
  .regex(/^art_[0-9a-f]{32}$/)
  .brand<'ArtifactId'>();
export type ArtifactId = z.infer<typeof ArtifactId>;
