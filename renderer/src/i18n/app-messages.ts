/**
 * Sentences that come from app/ or from the host (validation messages, undo labels, job
 * labels) in English, shown in the active language: known ones are translated, anything else
 * is shown as it came.
 */
import { CLIP_EDIT_LABELS, OP_LABELS } from '../../../app/model/edit-labels.ts';
import { WORKFLOW_UNDO_LABELS } from '../../../app/workflows/workflow-labels.ts';
import { workflowJobLabel } from '../features/generate/workflow-job-label.ts';
import { tr } from './active.ts';
import type { MessageKey } from './messages.ts';

const PATTERNS: [RegExp, (match: RegExpExecArray) => string][] = [
  [/^A name cannot be empty\.$/, () => tr('appMsg.nameEmpty')],
  [
    /^A name can have at most (\d+) characters\.$/,
    (m) => tr('appMsg.nameTooLong', { max: m[1] ?? '' }),
  ],
  [/^A name cannot contain control characters\.$/, () => tr('appMsg.nameControl')],
  [/expected number to be >=\s*(-?[\d.]+)/, (m) => tr('appMsg.atLeast', { min: m[1] ?? '' })],
  [/expected number to be <=\s*(-?[\d.]+)/, (m) => tr('appMsg.atMost', { max: m[1] ?? '' })],
];

/** A validation message from the studio, in the active language. */
export function appMessage(message: string | undefined): string | undefined {
  if (message === undefined) {
    return undefined;
  }
  for (const [pattern, say] of PATTERNS) {
    const match = pattern.exec(message);
    if (match !== null) {
      return say(match);
    }
  }
  return message;
}

/** Undo labels the studio stores in English, as keys of the translations. */
const LABEL_KEYS: Record<string, MessageKey> = {
  'Change project settings': 'label.projectSettings',
  'Add track': 'label.addTrack',
  'Delete track': 'label.deleteTrack',
  'Reorder tracks': 'label.reorderTracks',
  'Change track': 'label.changeTrack',
  'Add clip': 'label.addClip',
  'Delete clip': 'label.deleteClip',
  'Edit clip': 'label.editClip',
  'Move clip': 'label.moveClip',
  'Rename track': 'label.renameTrack',
  'Change instrument': 'label.changeInstrument',
  'Change track colour': 'label.trackColour',
  'Change track volume': 'label.trackVolume',
  'Change track pan': 'label.trackPan',
  'Mute track': 'label.muteTrack',
  'Solo track': 'label.soloTrack',
  [CLIP_EDIT_LABELS.moveMany]: 'label.moveClips',
  [CLIP_EDIT_LABELS.copy]: 'label.copyClips',
  [CLIP_EDIT_LABELS.trim]: 'label.trimClip',
  [CLIP_EDIT_LABELS.split]: 'label.splitClip',
  [CLIP_EDIT_LABELS.duplicate]: 'label.duplicateClips',
  [CLIP_EDIT_LABELS.remove]: 'label.deleteClips',
  [CLIP_EDIT_LABELS.fade]: 'label.fade',
  [CLIP_EDIT_LABELS.gain]: 'label.clipGain',
  [CLIP_EDIT_LABELS.rename]: 'label.renameClip',
  [CLIP_EDIT_LABELS.importAudio]: 'label.importAudio',
  // generation workflows ('Change takes' is the takes op's label; its text lives with the generate panel)
  'Change takes': 'label.changeTakes',
  [WORKFLOW_UNDO_LABELS.generate]: 'label.wfGenerate',
  [WORKFLOW_UNDO_LABELS.addLayer]: 'label.wfAddLayer',
  [WORKFLOW_UNDO_LABELS.vocalToBgm]: 'label.wfVocalToBgm',
  [WORKFLOW_UNDO_LABELS.repaint]: 'label.wfRepaint',
  [WORKFLOW_UNDO_LABELS.extend]: 'label.wfExtend',
  [WORKFLOW_UNDO_LABELS.extract]: 'label.wfExtract',
  [WORKFLOW_UNDO_LABELS.cover]: 'label.wfCover',
};

/** Every op label has a translation (checked by the i18n test). */
export const TRANSLATED_LABELS: readonly string[] = Object.keys(LABEL_KEYS);
export const KNOWN_LABELS: readonly string[] = [
  ...OP_LABELS,
  ...Object.values(CLIP_EDIT_LABELS),
  ...Object.values(WORKFLOW_UNDO_LABELS),
];

/** An undo step's label in the active language ("Rename track", "3 changes"). */
export function editLabel(label: string): string {
  const key = LABEL_KEYS[label];
  if (key !== undefined) {
    return tr(key);
  }
  const many = /^(\d+) changes$/.exec(label);
  return many === null ? label : tr('label.changes', { count: Number(many[1]) });
}

/** Job labels of the archive import/export, the model manager and the DAW export (by their main/core wording). */
const JOB_PATTERNS: [RegExp, (match: RegExpExecArray) => string][] = [
  [
    /^(Import|Export) “(.*)”$/,
    (m) => tr(m[1] === 'Import' ? 'jobs.labelImport' : 'jobs.labelExport', { name: m[2] ?? '' }),
  ],
  [/^Export “(.*)” for a DAW$/, (m) => tr('jobs.labelDawExport', { name: m[1] ?? '' })],
  [
    /^Install (.+) \((fp16|fp32)\)$/,
    (m) => tr('jobs.labelInstall', { name: m[1] ?? '', precision: m[2] ?? '' }),
  ],
  [/^Verify (.+)$/, (m) => tr('jobs.labelVerify', { name: m[1] ?? '' })],
  [/^Import models from “(.*)”$/, (m) => tr('jobs.labelImportModels', { name: m[1] ?? '' })],
];

/** A job's label from the studio ("Import “a.wav”") in the active language. */
export function jobLabel(label: string): string {
  for (const [pattern, say] of JOB_PATTERNS) {
    const match = pattern.exec(label);
    if (match !== null) {
      return say(match);
    }
  }
  // generation workflows
  return workflowJobLabel(label) ?? label;
}
