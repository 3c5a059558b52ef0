/**
 * The generation forms' values and how they become workflow parameters. Fields a user leaves
 * empty mean "auto" (the model decides, or the model's preset applies); numbers are parsed
 * here, and the result is checked with the contract's own schema before anything is sent.
 */
import { MAX_BATCH, type SongMetadata } from '../../../../app/generation/request.ts';
import type { SongDraft } from '../../../../app/model/song-draft.ts';
import { VOCAL_LANGUAGES, type VocalLanguage } from '../../../../app/model/song-draft.ts';
import {
  type GenerationSettingsInput,
  WorkflowParams,
  type WorkflowParamsInput,
} from '../../../../app/workflows/workflow-params.ts';

/** A song's description as the forms hold it (strings for the number fields; '' = auto). */
export interface SongFields {
  caption: string;
  lyrics: string;
  instrumental: boolean;
  language: VocalLanguage | '';
  bpm: string;
  keyScale: string;
  timeSignature: '' | '2' | '3' | '4' | '6';
  duration: string;
}

export const EMPTY_SONG: SongFields = {
  caption: '',
  lyrics: '',
  instrumental: false,
  language: '',
  bpm: '',
  keyScale: '',
  timeSignature: '',
  duration: '',
};

/** Model and sampler fields ('' = the model's preset; seed '' = random). */
export interface SettingsFields {
  modelId: string;
  steps: string;
  shift: string;
  guidance: string;
  seed: string;
  batch: number;
  thinking: boolean;
}

export const DEFAULT_SETTINGS: SettingsFields = {
  modelId: '',
  steps: '',
  shift: '',
  guidance: '',
  seed: '',
  batch: 1,
  thinking: false,
};

/** The keys the model knows: note, accidental, major or minor (spec §6.2), sharps and flats. */
export const KEY_SCALES: readonly string[] = [
  'C',
  'C#',
  'Db',
  'D',
  'D#',
  'Eb',
  'E',
  'F',
  'F#',
  'Gb',
  'G',
  'G#',
  'Ab',
  'A',
  'A#',
  'Bb',
  'B',
].flatMap((note) => [`${note} major`, `${note} minor`]);

export const LANGUAGE_CODES: readonly VocalLanguage[] = VOCAL_LANGUAGES.filter(
  (code) => code !== 'unknown',
);

const number = (text: string): number | undefined => {
  const trimmed = text.trim();
  if (trimmed === '') {
    return undefined;
  }
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : Number.NaN;
};

/** The metadata the user fixed (auto fields left out). */
export function songMetadata(song: SongFields): SongMetadata {
  const bpm = number(song.bpm);
  return {
    ...(bpm === undefined ? {} : { bpm }),
    ...(song.keyScale === '' ? {} : { keyScale: song.keyScale }),
    ...(song.timeSignature === ''
      ? {}
      : { timeSignature: Number(song.timeSignature) as 2 | 3 | 4 | 6 }),
  };
}

/** The workflow settings; thinking asks the LM for codes, metadata, caption and language. */
export function settingsOf(
  fields: SettingsFields,
  options: { lm: boolean } = { lm: true },
): GenerationSettingsInput {
  const steps = number(fields.steps);
  const shift = number(fields.shift);
  const guidance = number(fields.guidance);
  const seed = number(fields.seed);
  const think = options.lm && fields.thinking;
  return {
    batchSize: Math.min(MAX_BATCH, Math.max(1, Math.round(fields.batch))),
    ...(fields.modelId === '' ? {} : { modelId: fields.modelId }),
    ...(steps === undefined ? {} : { steps }),
    ...(shift === undefined ? {} : { shift }),
    ...(guidance === undefined ? {} : { guidanceScale: guidance }),
    ...(seed === undefined ? {} : { seeds: [seed] }),
    thinking: think,
    useCotMetas: think,
    useCotCaption: false,
    useCotLanguage: think,
  };
}

/** The song fields as the parts of a workflow that describe music. */
export function songParams(song: SongFields) {
  const duration = number(song.duration);
  return {
    caption: song.caption,
    lyrics: song.instrumental ? '' : song.lyrics,
    instrumental: song.instrumental,
    ...(song.language === '' ? {} : { language: song.language }),
    metadata: songMetadata(song),
    ...(duration === undefined ? {} : { durationSeconds: duration }),
  };
}

/** The song fields a draft from the LM (simple mode, analysis) fills in. */
export function songFromDraft(draft: SongDraft, previous: SongFields): SongFields {
  const language = (VOCAL_LANGUAGES as readonly string[]).includes(draft.language ?? '')
    ? (draft.language as VocalLanguage)
    : previous.language;
  const signature = String(draft.timeSignature ?? '');
  return {
    caption: draft.caption,
    lyrics: draft.lyrics,
    instrumental: draft.instrumental,
    language: language === 'unknown' ? '' : language,
    bpm: draft.bpm === null ? '' : String(draft.bpm),
    keyScale: draft.keyScale !== null && KEY_SCALES.includes(draft.keyScale) ? draft.keyScale : '',
    timeSignature: ['2', '3', '4', '6'].includes(signature)
      ? (signature as SongFields['timeSignature'])
      : '',
    duration: draft.durationSeconds === null ? '' : String(draft.durationSeconds),
  };
}

export type Checked = { ok: true; params: WorkflowParamsInput } | { ok: false; message: string };

/** Checks parameters with the contract's schema; the first problem comes back as a message. */
export function checkParams(params: WorkflowParamsInput): Checked {
  const parsed = WorkflowParams.safeParse(params);
  if (parsed.success) {
    return { ok: true, params };
  }
  const issue = parsed.error.issues[0];
  return {
    ok: false,
    message: issue === undefined ? 'Invalid input.' : `${issue.path.join('.')}: ${issue.message}`,
  };
}

/** Characters typed and whether the limit is passed. */
export function counter(text: string, max: number): { count: number; over: boolean } {
  return { count: text.length, over: text.length > max };
}
