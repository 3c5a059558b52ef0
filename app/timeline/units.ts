/**
 * Branded units for time and level. Every conversion between them lives in app/timeline.
 *
 * CONTRACT: PPQN = 960 is persisted in project files (clip starts and lengths are stored in
 * ticks); changing it needs a project migration.
 */
import { z } from 'zod';

/** Pulses (ticks) per quarter note. */
export const PPQN = 960;

/** The studio's internal and the model's native sample rate, in Hz. */
export const STUDIO_SAMPLE_RATE = 48_000;

export const Ticks = z.number().int().brand<'Ticks'>();
/** Musical time: 1/960 of a quarter note. */
export type Ticks = z.infer<typeof Ticks>;

export const Samples = z.number().int().brand<'Samples'>();
/** Audio time: frames at the project's sample rate. */
export type Samples = z.infer<typeof Samples>;

export const Seconds = z.number().brand<'Seconds'>();
export type Seconds = z.infer<typeof Seconds>;

export const Bpm = z.number().min(20).max(400).brand<'Bpm'>();
/** Quarter notes per minute. */
export type Bpm = z.infer<typeof Bpm>;

export const SampleRate = z.number().int().positive().brand<'SampleRate'>();
/** Frames per second, in Hz. */
export type SampleRate = z.infer<typeof SampleRate>;

export const Db = z.number().brand<'Db'>();
/** Level in decibels relative to unity gain. */
export type Db = z.infer<typeof Db>;

export const Gain = z.number().min(0).brand<'Gain'>();
/** Linear amplitude factor (1 = unity). */
export type Gain = z.infer<typeof Gain>;

export const ticks = (value: number): Ticks => value as Ticks;
export const samples = (value: number): Samples => value as Samples;
export const seconds = (value: number): Seconds => value as Seconds;
export const bpm = (value: number): Bpm => value as Bpm;
export const sampleRate = (value: number): SampleRate => value as SampleRate;
export const db = (value: number): Db => value as Db;
export const gain = (value: number): Gain => value as Gain;
