/**
 * Workflow job labels (app/workflows/workflow-labels.ts describeRun, in English from the
 * studio) in the active language; null for a label that is not a workflow's.
 */
import { ACE_TRACK_CLASSES, instrumentLabel } from '../../../../app/model/instrument.ts';
import { tr } from '../../i18n/active.ts';
import { instrumentName } from '../project/instrument-name.ts';

const unquote = (text: string): string => text.replace(/^“(.*)”$/, '$1');

/** "Drums" (the English class label) as the class's name in the active language. */
function className(english: string): string {
  const trackClass = ACE_TRACK_CLASSES.find(
    (candidate) => instrumentLabel({ kind: 'ace', trackClass: candidate }) === english,
  );
  return trackClass === undefined ? english : instrumentName({ kind: 'ace', trackClass });
}

type Rule = [RegExp, (m: RegExpExecArray) => string];

const RULES: Rule[] = [
  [/^Generate a song$/, () => tr('jobs.wfGenerateSong')],
  [/^Generate (“.*”)$/, (m) => tr('jobs.wfGenerate', { name: unquote(m[1] ?? '') })],
  [/^Add a (.+) layer$/, (m) => tr('jobs.wfLayer', { what: className(m[1] ?? '') })],
  [/^Accompaniment for (“.*”)$/, (m) => tr('jobs.wfAccompaniment', { name: unquote(m[1] ?? '') })],
  [/^Repaint a region$/, () => tr('jobs.wfRepaintRegions', { count: 1 })],
  [/^Repaint (\d+) regions$/, (m) => tr('jobs.wfRepaintRegions', { count: Number(m[1]) })],
  [/^Repaint (“.*”)$/, (m) => tr('jobs.wfRepaint', { name: unquote(m[1] ?? '') })],
  [
    /^Extend (“.*”) \((before|after)\)$/,
    (m) =>
      tr(m[2] === 'before' ? 'jobs.wfExtendBefore' : 'jobs.wfExtendAfter', {
        name: unquote(m[1] ?? ''),
      }),
  ],
  [
    /^Extract (\d+) stems? from (.*)$/,
    (m) =>
      m[2] === 'the mix'
        ? tr('jobs.wfExtractMix', { count: Number(m[1]) })
        : tr('jobs.wfExtract', { count: Number(m[1]), name: unquote(m[2] ?? '') }),
  ],
  [/^Cover of (“.*”)$/, (m) => tr('jobs.wfCover', { name: unquote(m[1] ?? '') })],
];

export function workflowJobLabel(label: string): string | null {
  for (const [pattern, say] of RULES) {
    const match = pattern.exec(label);
    if (match !== null) {
      return say(match);
    }
  }
  return null;
}
