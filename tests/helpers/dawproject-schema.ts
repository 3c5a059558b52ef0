/**
 * The official DAWproject schemas live outside the repository, in the shared reference folder
 * (`$LAYERLINE_SHARED_DIR/reference/dawproject`, by default `<repo>/../shared/...`, where CI
 * puts it). Tests read them from there and fail loudly, never skip, when they are missing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

import { REPO_ROOT } from './server-process.ts';

export function dawprojectSchemaDir(): string {
  const shared = process.env['LAYERLINE_SHARED_DIR'] ?? resolve(REPO_ROOT, '..', 'shared');
  const dir = join(shared, 'reference', 'dawproject');
  for (const schema of ['Project.xsd', 'MetaData.xsd']) {
    if (!existsSync(join(dir, schema))) {
      throw new Error(
        `The DAWproject schema ${schema} is missing from ${dir}. Set LAYERLINE_SHARED_DIR to the ` +
          'shared folder that holds reference/dawproject/ (in CI it sits beside the repository).',
      );
    }
  }
  return dir;
}

/** Validates `xml` against `schema` (in the schema folder) with xmllint; returns its report. */
export async function validateWithXmllint(
  xml: string,
  schema: 'Project.xsd' | 'MetaData.xsd',
  workDir: string,
): Promise<{ valid: boolean; report: string }> {
  const dir = dawprojectSchemaDir();
  const file = join(workDir, schema === 'Project.xsd' ? 'project.xml' : 'metadata.xml');
  await writeFile(file, xml);
  const result = spawnSync('xmllint', ['--noout', '--schema', join(dir, schema), file], {
    encoding: 'utf8',
  });
  if (result.error !== undefined) {
    throw new Error(
      `xmllint could not run (${result.error.message}); install Debian's libxml2-utils.`,
    );
  }
  return { valid: result.status === 0, report: `${result.stdout}${result.stderr}` };
}
