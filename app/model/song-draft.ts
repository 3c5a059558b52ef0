/**
 * What the 5 Hz LM planner writes for the user to review: a full song request (caption, lyrics,
 * metadata, language, instrumental or not), from simple mode, query rewriting or audio
 * understanding. Value domains follow ACE-Step (spec §6.2).
 */
import { z } from 'zod';

/** ACE-Step's 51 vocal language codes (VALID_LANGUAGES), `unknown` included. */
export const VOCAL_LANGUAGES = [
  'ar',
  'az',
  'bg',
  'bn',
  'ca',
  'cs',
  'da',
  'de',
  'el',
  'en',
  'es',
  'fa',
  'fi',
  'fr',
  'he',
  'hi',
  'hr',
  'ht',
  'hu',
  'id',
  'is',
  'it',
  'ja',
  'ko',
  'la',
  'lt',
  'ms',
  'ne',
  'nl',
  'no',
  'pa',
  'pl',
  'pt',
  'ro',
  'ru',
  'sa',
  'sk',
  'sr',
  'sv',
  'sw',
  'ta',
  'te',
  'th',
  'tl',
  'tr',
  'uk',
  'ur',
  'vi',
  'yue',
  'zh',
  'unknown',
] as const;
export const VocalLanguage = z.enum(VOCAL_LANGUAGES);
export type VocalLanguage = z.infer<typeof VocalLanguage>;

export const SongBpm = z.number().int().min(30).max(300);
export const SongDurationSeconds = z.number().min(10).max(600);
/** Time signature numerator (the model knows 2, 3, 4 and 6). */
export const SongTimeSignature = z.union([z.literal(2), z.literal(3), z.literal(4), z.literal(6)]);
/** Note A-G, optional accidental (#, b, ♯, ♭), major or minor: "F# minor". */
export const SongKeyScale = z.string().regex(/^[A-G][#b♯♭]? (major|minor)$/);

/** A song request drafted by the LM; null where the LM gave no value. */
export const SongDraft = z.object({
  caption: z.string(),
  lyrics: z.string(),
  instrumental: z.boolean(),
  bpm: z.number().int().nullable(),
  durationSeconds: z.number().int().nullable(),
  keyScale: z.string().nullable(),
  timeSignature: z.number().int().nullable(),
  language: z.string().nullable(),
  genres: z.string().nullable(),
});
export type SongDraft = z.infer<typeof SongDraft>;

/** Sampling a caller may set for an LM job (defaults: the reference's). */
export const LmSampling = z.object({
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 32 - 1)
    .optional(),
  temperature: z.number().min(0).max(2).optional(),
  topP: z.number().gt(0).max(1).optional(),
  topK: z.number().int().min(0).max(1000).optional(),
  repetitionPenalty: z.number().min(1).max(2).optional(),
});
export type LmSampling = z.infer<typeof LmSampling>;

/** Simple mode: one sentence in (spec §6.1 inspire). */
export const InspireParams = LmSampling.extend({
  query: z.string().max(2000),
  instrumental: z.boolean().default(false),
  language: VocalLanguage.optional(),
});
export type InspireParams = z.infer<typeof InspireParams>;

/** Query rewriting: the user's caption and lyrics, and any metadata they already fixed. */
export const FormatParams = LmSampling.extend({
  caption: z.string().max(2000),
  lyrics: z.string().max(8000),
  bpm: SongBpm.optional(),
  durationSeconds: SongDurationSeconds.optional(),
  keyScale: SongKeyScale.optional(),
  timeSignature: SongTimeSignature.optional(),
  language: VocalLanguage.optional(),
});
export type FormatParams = z.infer<typeof FormatParams>;
