import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { CONTENT_SECURITY_POLICY } from '../../main/core/security/csp.ts';
import { REPO_ROOT } from '../helpers/server-process.ts';

const directives = (policy: string) =>
  policy
    .split(';')
    .map((d) => d.trim())
    .filter((d) => d !== '');

describe('content security policy', () => {
  it('is the same in renderer/index.html and the policy both hosts send (which adds frame-ancestors)', async () => {
    const html = await readFile(join(REPO_ROOT, 'renderer', 'index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBeDefined();
    expect([...directives(meta ?? ''), "frame-ancestors 'none'"]).toEqual(
      directives(CONTENT_SECURITY_POLICY),
    );
  });

  it('allows no inline or remote scripts and no plugins', () => {
    const policy = directives(CONTENT_SECURITY_POLICY);
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("object-src 'none'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|https?:|\*/);
  });
});
