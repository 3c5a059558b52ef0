/**
 * The DAW export's words in the active language: format names, why a plan is refused
 * (app/export/export-plan.ts, by `details.reason`) and the plan's notes, which app/ and the
 * host write in English.
 */
import { isStudioError } from '../../../../app/errors.ts';
import type { AudioFormat } from '../../../../app/export/export-options.ts';
import { MAX_EXPORT_SECONDS, type PlanRefusal } from '../../../../app/export/export-plan.ts';
import { tr } from '../../i18n/active.ts';
import type { MessageKey } from '../../i18n/messages.ts';

const BITS = { int16: 16, int24: 24, float32: 32 } as const;

/** "WAV 24-bit", "WAV 16-bit (dithered)", "MP3 320 kbps". */
export function formatLabel(format: AudioFormat): string {
  const container = format.container.toUpperCase();
  if (format.container === 'mp3') {
    return `${container} ${format.bitrateKbps} kbps`;
  }
  const bits = BITS[format.sampleFormat];
  if (format.sampleFormat === 'float32') {
    return tr('export.formatFloat', { container, bits });
  }
  // 16-bit WAV is dithered down from the studio's float mix; FLAC keeps 16-bit as it is.
  const dithered = format.container === 'wav' && format.sampleFormat === 'int16';
  return tr(dithered ? 'export.formatDithered' : 'export.formatBits', { container, bits });
}

const REFUSAL_KEYS: Record<PlanRefusal, MessageKey> = {
  emptyProject: 'export.refuse.emptyProject',
  noAudio: 'export.refuse.noAudio',
  emptySelection: 'export.refuse.emptySelection',
  silentRange: 'export.refuse.silentRange',
  nothingChosen: 'export.refuse.nothingChosen',
  noStems: 'export.refuse.noStems',
  projectFilesNeedStems: 'export.refuse.projectFilesNeedStems',
};

/** Why the plan refuses the export, in the active language; null for any other error. */
export function refusalText(error: unknown): string | null {
  const details = isStudioError(error) ? (error.details as Record<string, unknown> | null) : null;
  const reason = details?.reason;
  if (typeof reason === 'string' && Object.hasOwn(REFUSAL_KEYS, reason)) {
    return tr(REFUSAL_KEYS[reason as PlanRefusal]);
  }
  if (isStudioError(error, 'TOO_LARGE') && typeof details?.seconds === 'number') {
    return tr('export.refuse.tooLong', {
      minutes: Math.round(details.seconds / 60),
      max: MAX_EXPORT_SECONDS / 60,
    });
  }
  return null;
}

const NOTE_PATTERNS: [RegExp, (match: RegExpExecArray) => string][] = [
  [
    /^“(.*)” has no clip in the range, so it has no stem\.$/,
    (m) => tr('export.note.trackSkipped', { name: m[1] ?? '' }),
  ],
  [
    /^No chosen track has a clip in the range, so only the mix was written\.$/,
    () => tr('export.note.mixOnly'),
  ],
  [
    /^The song has no timed lyrics, so no LRC file was written\.$/,
    () => tr('export.note.noLyrics'),
  ],
  [/^Every track is muted, so the mix is silent\.$/, () => tr('export.note.allMuted')],
];

/** A note of the export plan in the active language; an unknown note as it came. */
export function exportNoteText(note: string): string {
  for (const [pattern, say] of NOTE_PATTERNS) {
    const match = pattern.exec(note);
    if (match !== null) {
      return say(match);
    }
  }
  return note;
}
