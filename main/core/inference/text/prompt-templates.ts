/**
 * The DiT-side text prompts of ACE-Step 1.5, exactly as the reference builds them
 * (spec §3.1 caption prompt "SFT_GEN_PROMPT", §3.2 lyric prompt, §3.5 instruction strings).
 * Newlines are significant: these strings are tokenized as they are.
 */
import { ACE_TRACK_CLASSES, type AceTrackClass } from '../../../../app/model/instrument.ts';
import { VOCAL_LANGUAGES } from '../../../../app/model/song-draft.ts';

/** The literal end-of-text token the templates contain (id 151,643 in the Qwen3 vocabulary). */
export const END_OF_TEXT = '<|endoftext|>';

/** DiT task types (spec §4). */
export const DIT_TASKS = ['text2music', 'repaint', 'cover', 'extract', 'lego', 'complete'] as const;
export type DitTask = (typeof DIT_TASKS)[number];

/** The DiT instruction for a task (spec §3.5); extract/lego take one track, complete a list. */
export function taskInstruction(task: DitTask, trackClasses: readonly string[] = []): string {
  const upper = trackClasses.map((name) => name.toUpperCase());
  switch (task) {
    case 'text2music':
      return 'Fill the audio semantic mask based on the given conditions:';
    case 'repaint':
      return 'Repaint the mask area based on the given conditions:';
    case 'cover':
      return 'Generate audio semantic tokens based on the given conditions:';
    case 'extract':
      return upper[0] === undefined
        ? 'Extract the track from the audio:'
        : `Extract the ${upper[0]} track from the audio:`;
    case 'lego':
      return upper[0] === undefined
        ? 'Generate the track based on the audio context:'
        : `Generate the ${upper[0]} track based on the audio context:`;
    case 'complete':
      return upper.length === 0
        ? 'Complete the input track:'
        : `Complete the input track with ${upper.join(' | ')}:`;
  }
}

/** LM-side instruction strings (spec §3.5), used as the system message of the LM prompts. */
export const LM_INSTRUCTIONS = {
  generate: 'Generate audio semantic tokens based on the given conditions:',
  understand:
    'Understand the given musical conditions and describe the audio semantics accordingly:',
  inspire: "Expand the user's input into a more detailed and specific musical description:",
  format: "Format the user's input into a more detailed and specific musical description:",
} as const;

/** True for one of ACE-Step's 12 track classes (others pass through upper-cased). */
export function isAceTrackClass(name: string): name is AceTrackClass {
  return (ACE_TRACK_CLASSES as readonly string[]).includes(name);
}

/** Song metadata as the caption prompt shows it; absent values print as `N/A`. */
export interface CaptionMetas {
  bpm?: number | undefined;
  /** Numerator only, e.g. 4 for 4/4 (the reference writes "4"). */
  timeSignature?: number | undefined;
  /** e.g. "C major", "F# minor". */
  keyScale?: string | undefined;
  /** Seconds; printed as `{int(d)} seconds`, 30 when absent (reference default). */
  durationSeconds?: number | undefined;
}

/** The four `- key: value` lines of the caption prompt (spec §3.1), in the reference order. */
export function formatMetas(metas: CaptionMetas): string {
  const show = (value: number | string | undefined): string =>
    value === undefined || value === '' ? 'N/A' : String(value);
  const duration = metas.durationSeconds ?? 30;
  return (
    `- bpm: ${show(metas.bpm)}\n` +
    `- timesignature: ${show(metas.timeSignature)}\n` +
    `- keyscale: ${show(metas.keyScale)}\n` +
    `- duration: ${Math.trunc(duration)} seconds\n`
  );
}

/** The instruction with a trailing ':' appended when missing (reference `_format_instruction`). */
export function formatInstruction(instruction: string): string {
  return instruction.endsWith(':') ? instruction : `${instruction}:`;
}

/** The text-encoder prompt (spec §3.1). The tokenizer side appends one more end-of-text token. */
export function buildCaptionPrompt(input: {
  instruction: string;
  caption: string;
  metas: CaptionMetas;
}): string {
  return (
    `# Instruction\n${formatInstruction(input.instruction)}\n\n` +
    `# Caption\n${input.caption}\n\n` +
    `# Metas\n${formatMetas(input.metas)}${END_OF_TEXT}\n`
  );
}

/** The lyric prompt for the embedding lookup (spec §3.2); language `unknown` when unset. */
export function buildLyricPrompt(input: { language?: string | undefined; lyrics: string }): string {
  const language =
    input.language === undefined || input.language === '' ? 'unknown' : input.language;
  return `# Languages\n${language}\n\n# Lyric\n${input.lyrics}${END_OF_TEXT}`;
}

/** The lyric string the DiT was trained with as the no-vocal condition (spec §3.2). */
export const INSTRUMENTAL_LYRICS = '[Instrumental]';

/** The 51 vocal language codes ACE-Step accepts (spec §3.2, `VALID_LANGUAGES`). */
export const VALID_LANGUAGES = VOCAL_LANGUAGES;
export type VocalLanguage = (typeof VALID_LANGUAGES)[number];
