import { describe, expect, it } from 'vitest';

import type { ClipId, ProjectId } from '../../../../app/model/ids.ts';
import { requestClipReveal, takeClipReveal } from './clip-reveal.ts';

const project = (n: number) => `00000000-0000-4000-8000-00000000000${String(n)}` as ProjectId;
const clips = ['a', 'b'] as unknown as ClipId[];

describe('clip reveal requests', () => {
  it('waits for its own project and is taken up once', () => {
    requestClipReveal(project(1), clips);
    expect(takeClipReveal(project(2))).toBeNull();
    expect(takeClipReveal(project(1))).toEqual(clips);
    expect(takeClipReveal(project(1))).toBeNull();
  });

  it('keeps only the latest request', () => {
    requestClipReveal(project(1), clips);
    requestClipReveal(project(2), [clips[0]!]);
    expect(takeClipReveal(project(1))).toBeNull();
    expect(takeClipReveal(project(2))).toEqual([clips[0]]);
  });
});
