/**
 * LRC lyrics: one "[mm:ss.xx]line" per timed lyric line, with title, artist and length tags,
 * relative to the start of the exported audio. Players and DAWs show it beside the mix.
 */
import type { TimedLyricLine } from '../../../../app/export/song-timeline.ts';

export interface LrcInput {
  title: string;
  artist?: string;
  /** Seconds of the song before the export's start (0 for the whole song). */
  offsetSeconds: number;
  /** The exported audio's length, in seconds; lines at or after it are left out. */
  lengthSeconds: number;
  lines: readonly TimedLyricLine[];
}

/** "mm:ss.xx", minutes unbounded, hundredths rounded down so a line never shows early. */
export function lrcTimestamp(seconds: number): string {
  const hundredths = Math.floor(Math.max(0, seconds) * 100 + 1e-6);
  const minutes = Math.floor(hundredths / 6000);
  const rest = hundredths - minutes * 6000;
  const secs = Math.floor(rest / 100);
  const frac = rest % 100;
  return `${String(minutes).padStart(2, '0')}:${String(secs).padStart(2, '0')}.${String(frac).padStart(2, '0')}`;
}

/** LRC text has one line per entry: line breaks and brackets that would start a tag are cleaned. */
const oneLine = (text: string): string =>
  text
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/\p{Cc}/gu, '')
    .trim();

export function writeLrc(input: LrcInput): string {
  const header = [`[ti:${oneLine(input.title)}]`];
  if (input.artist !== undefined && oneLine(input.artist) !== '') {
    header.push(`[ar:${oneLine(input.artist)}]`);
  }
  const length = Math.max(0, input.lengthSeconds);
  header.push(`[length:${lrcTimestamp(length).replace(/\.\d\d$/, '')}]`, '[re:Layerline]');
  const body = [...input.lines]
    .map((line) => ({ at: line.start - input.offsetSeconds, text: oneLine(line.text) }))
    .filter((line) => line.at >= 0 && line.at < length && line.text !== '')
    .sort((a, b) => a.at - b.at)
    .map((line) => `[${lrcTimestamp(line.at)}]${line.text}`);
  return `${[...header, ...body].join('\n')}\n`;
}
