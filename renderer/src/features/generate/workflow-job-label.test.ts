import { afterEach, describe, expect, it } from 'vitest';

import { describeRun } from '../../../../app/workflows/workflow-labels.ts';
import { WorkflowParams } from '../../../../app/workflows/workflow-params.ts';
import { activateLocale, tr } from '../../i18n/active.ts';
import { makeSnapshot } from '../../testing/fake-studio.ts';
import { workflowJobLabel } from './workflow-job-label.ts';

afterEach(() => {
  activateLocale('en');
});

const state = makeSnapshot().state;
const label = (input: unknown) => describeRun(WorkflowParams.parse(input), state);

describe('workflow job labels', () => {
  it('read back every label the studio gives, in English as it was', () => {
    const labels = [
      label({ kind: 'generate', caption: 'warm pads' }),
      label({ kind: 'generate' }),
      label({
        kind: 'addLayer',
        range: { start: 0, end: 960 },
        trackClass: 'backing_vocals',
        contextTrackIds: [],
      }),
      label({
        kind: 'extract',
        source: { range: { start: 0, end: 960 } },
        trackClasses: ['drums'],
      }),
      label({
        kind: 'repaint',
        target: { trackIds: ['7a1c0e2b-1111-4222-8333-000000000001'] },
        regions: [
          { start: 0, end: 9 },
          { start: 10, end: 20 },
        ],
      }),
    ];
    expect(labels.map(workflowJobLabel)).toEqual(labels);
    expect(workflowJobLabel('Import “a.wav”')).toBeNull();
  });

  it('translate them, with the class in the active language', () => {
    activateLocale('ja');
    const chorus = tr('class.backing_vocals');
    expect(chorus).not.toBe('Backing vocals');
    expect(workflowJobLabel('Add a Backing vocals layer')).toBe(`${chorus}のレイヤーを追加`);
    expect(workflowJobLabel('Extract 6 stems from the mix')).toBe(
      'ミックスから 6 個のステムを抽出',
    );
    activateLocale('zh');
    expect(workflowJobLabel('Cover of “Lead”')).toBe('翻唱“Lead”');
    expect(workflowJobLabel('Repaint 3 regions')).toBe('重绘 3 个区域');
  });
});
