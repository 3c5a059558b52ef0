/** A file (or folder) the studio produced for the user to take away. */
import { z } from 'zod';

import { ArtifactId } from '../model/ids.ts';

export const ArtifactInfo = z.object({
  artifactId: ArtifactId,
  fileName: z.string(),
  bytes: z.number().int().min(0),
});
export type ArtifactInfo = z.infer<typeof ArtifactInfo>;
