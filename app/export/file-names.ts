/**
 * File names for exported stems and their companions, in the form engineers and DAWs expect:
 * `01_Drums_120bpm_Amin.wav`. Every name is safe on Windows, macOS and Linux: no reserved
 * characters or device names, no spaces, no leading or trailing dots, Unicode in NFC, short.
 */
import type { MusicalKey } from '../model/project.ts';

/** Longest name part taken from user text (a track or project name), in characters. */
const MAX_PART = 48;

/** Windows device names, reserved with any extension (CON.wav is still CON). */
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;

/**
 * One name part from user text: letters, digits and hyphens kept, every other run of
 * characters (spaces, punctuation, reserved characters) becomes one underscore. Empty when
 * nothing usable is left.
 */
export function safeNamePart(text: string, maxLength = MAX_PART): string {
  const cleaned = text
    .normalize('NFC')
    .replace(/[^\p{L}\p{M}\p{N}-]+/gu, '_')
    .replace(/^[_-]+|[_-]+$/g, '');
  const cut = Array.from(cleaned)
    .slice(0, maxLength)
    .join('')
    .replace(/[_-]+$/, '');
  return RESERVED.test(cut) ? `${cut}_` : cut;
}

/** "120bpm", "92.5bpm": at most two decimals, no trailing zeros. */
export function tempoNamePart(bpm: number): string {
  return `${String(Number(bpm.toFixed(2)))}bpm`;
}

/** "Amin", "C#maj", "Bbmin". Sharps stay '#', which every file system accepts. */
export function keyNamePart(key: MusicalKey): string {
  return `${key.tonic}${key.mode === 'major' ? 'maj' : 'min'}`;
}

/** The "_120bpm_Amin" suffix every audio file carries (no key part when the key is unknown). */
export function musicalSuffix(tempo: number, key: MusicalKey | null): string {
  return key === null ? `_${tempoNamePart(tempo)}` : `_${tempoNamePart(tempo)}_${keyNamePart(key)}`;
}

/** Zero-padded position in arrangement order: 01..99, or 001.. for 100 tracks or more. */
export function trackNumber(index: number, count: number): string {
  const width = Math.max(2, String(count).length);
  return String(index + 1).padStart(width, '0');
}

/** The base name (no extension) of one stem, e.g. "01_Drums_120bpm_Amin". */
export function stemBaseName(options: {
  index: number;
  count: number;
  trackName: string;
  /** Used when the track name has nothing usable, e.g. "Vocals". */
  fallbackName: string;
  tempo: number;
  key: MusicalKey | null;
}): string {
  const name = safeNamePart(options.trackName) || safeNamePart(options.fallbackName) || 'Track';
  return `${trackNumber(options.index, options.count)}_${name}${musicalSuffix(options.tempo, options.key)}`;
}

/** The project's part of folder, mix and project file names ("Untitled" when unusable). */
export function projectNamePart(projectName: string): string {
  return safeNamePart(projectName, 64) || 'Untitled';
}

/**
 * Makes `names` unique, ignoring case (Windows and macOS file systems do), by appending
 * "_2", "_3"… before the extension of later duplicates. Order is kept.
 */
export function uniqueFileNames(names: readonly string[]): string[] {
  const taken = new Set<string>();
  return names.map((name) => {
    const dot = name.lastIndexOf('.');
    const stem = dot > 0 ? name.slice(0, dot) : name;
    const extension = dot > 0 ? name.slice(dot) : '';
    let candidate = name;
    for (let n = 2; taken.has(candidate.toLowerCase()); n += 1) {
      candidate = `${stem}_${n}${extension}`;
    }
    taken.add(candidate.toLowerCase());
    return candidate;
  });
}

/** True when `name` is one file-name component that every major OS accepts. */
export function isPortableFileName(name: string): boolean {
  if (name.length === 0 || name.length > 255 || name !== name.normalize('NFC')) {
    return false;
  }
  if (/[\p{Cc}<>:"/\\|?*]/u.test(name) || /^[\s.]|[\s.]$/.test(name)) {
    return false;
  }
  const base = name.split('.')[0] ?? '';
  return !RESERVED.test(base);
}
