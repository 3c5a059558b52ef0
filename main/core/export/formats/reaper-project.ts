/**
 * A REAPER project (.RPP): plain text blocks `<NAME …` … `>`, one line per property. REAPER
 * fills every property left out with its default, so the file holds what matters: tempo, metre,
 * sample rate, section markers, and per stem a track with name, volume, pan, mute and solo and
 * one media item at its position. Media paths are relative to the project file.
 */

export type ReaperSourceType = 'WAVE' | 'FLAC' | 'MP3';

export interface ReaperTrack {
  /** A UUID; REAPER wants a GUID per track. */
  id: string;
  name: string;
  /** The media file, relative to the .RPP. */
  file: string;
  sourceType: ReaperSourceType;
  positionSeconds: number;
  lengthSeconds: number;
  /** Linear gain (1 = 0 dB). */
  volume: number;
  /** −1 = hard left, 0 = centre, 1 = hard right. */
  pan: number;
  mute: boolean;
  solo: boolean;
}

export interface ReaperProjectInput {
  tempo: number;
  meter: { numerator: number; denominator: number };
  sampleRate: number;
  markers: readonly { seconds: number; name: string }[];
  tracks: readonly ReaperTrack[];
  /** Seconds since the Unix epoch, written in the header as REAPER does. */
  savedAt: number;
}

/** REAPER quotes strings with ", ' or ` (whichever the string lacks). */
export function reaperString(value: string): string {
  const clean = value.replace(/[\r\n]+/g, ' ');
  if (clean !== '' && !/[\s"'`]/.test(clean)) {
    return clean;
  }
  for (const quote of ['"', "'", '`']) {
    if (!clean.includes(quote)) {
      return `${quote}${clean}${quote}`;
    }
  }
  return `\`${clean.replaceAll('`', "'")}\``;
}

/** A number as REAPER writes one: plain decimal, no exponent, trailing zeros trimmed. */
export function reaperNumber(value: number): string {
  if (!Number.isFinite(value)) {
    throw new RangeError(`Not a finite number: ${value}`);
  }
  const fixed = value.toFixed(10).replace(/\.?0+$/, '');
  return fixed === '-0' ? '0' : fixed;
}

/** "{8D1C7D14-0B3A-4C1E-9F00-0123456789AB}" from a UUID. */
export function reaperGuid(uuid: string): string {
  return `{${uuid.toUpperCase()}}`;
}

function trackBlock(track: ReaperTrack): string[] {
  const n = reaperNumber;
  return [
    `<TRACK ${reaperGuid(track.id)}`,
    `  NAME ${reaperString(track.name)}`,
    `  VOLPAN ${n(track.volume)} ${n(track.pan)} -1 -1 1`,
    `  MUTESOLO ${track.mute ? 1 : 0} ${track.solo ? 2 : 0} 0`,
    `  NCHAN 2`,
    `  <ITEM`,
    `    POSITION ${n(track.positionSeconds)}`,
    `    LENGTH ${n(track.lengthSeconds)}`,
    `    LOOP 0`,
    `    NAME ${reaperString(track.file)}`,
    `    SOFFS 0`,
    `    <SOURCE ${track.sourceType}`,
    `      FILE ${reaperString(track.file)}`,
    `    >`,
    `  >`,
    `>`,
  ];
}

/** The text of a .RPP file. */
export function writeReaperProject(input: ReaperProjectInput): string {
  const n = reaperNumber;
  const body = [
    `TEMPO ${n(input.tempo)} ${input.meter.numerator} ${input.meter.denominator}`,
    `SAMPLERATE ${input.sampleRate} 0 0`,
    ...input.markers.map(
      (marker, i) => `MARKER ${i + 1} ${n(marker.seconds)} ${reaperString(marker.name)} 0`,
    ),
    ...input.tracks.flatMap(trackBlock),
  ];
  const lines = [
    `<REAPER_PROJECT 0.1 "6.0/Layerline" ${Math.floor(input.savedAt)}`,
    ...body.map((line) => `  ${line}`),
    '>',
  ];
  return `${lines.join('\n')}\n`;
}
