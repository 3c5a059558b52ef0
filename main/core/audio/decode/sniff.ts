/**
 * Format detection by content, never by file name: the first bytes of a file say what it is.
 * Known formats Layerline cannot decode are named, so the user learns what they gave us.
 */

/** Formats the importer decodes. */
export type DecodableFormat = 'wav' | 'aiff' | 'flac' | 'mp3' | 'vorbis' | 'opus';

export type Sniffed =
  | {
      kind: 'decodable';
      format: DecodableFormat;
      /** where the stream starts (after ID3) */ offset: number;
    }
  | { kind: 'unsupported'; format: string; reason?: string };

/** Bytes the sniffer wants from the start of the file (it copes with fewer). */
export const SNIFF_BYTES = 64 * 1024;

const ascii = (bytes: Uint8Array, at: number, length: number): string =>
  String.fromCharCode(...bytes.subarray(at, at + length));

const MPEG_BITRATES_V1_L3 = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];

/** Length in bytes of the MPEG audio frame whose header starts at `at`, or 0 when invalid. */
export function mpegFrameLength(bytes: Uint8Array, at: number): number {
  if (at + 4 > bytes.length) {
    return 0;
  }
  const [b0, b1, b2] = [bytes[at] ?? 0, bytes[at + 1] ?? 0, bytes[at + 2] ?? 0];
  if (b0 !== 0xff || (b1 & 0xe0) !== 0xe0) {
    return 0;
  }
  const version = (b1 >> 3) & 3; // 0 = 2.5, 2 = 2, 3 = 1
  const layer = (b1 >> 1) & 3; // 1 = III, 2 = II, 3 = I
  const bitrateIndex = b2 >> 4;
  const rateIndex = (b2 >> 2) & 3;
  if (
    version === 1 ||
    layer === 0 ||
    bitrateIndex === 0 ||
    bitrateIndex === 15 ||
    rateIndex === 3
  ) {
    return 0;
  }
  const baseRates = [44100, 48000, 32000];
  const rate = (baseRates[rateIndex] ?? 0) / (version === 3 ? 1 : version === 2 ? 2 : 4);
  const padding = (b2 >> 1) & 1;
  const kbps = bitrateFor(version, layer, bitrateIndex);
  if (layer === 3) {
    return Math.floor((12 * kbps * 1000) / rate + padding) * 4;
  }
  const slots = layer === 1 && version !== 3 ? 72 : 144;
  return Math.floor((slots * kbps * 1000) / rate) + padding;
}

function bitrateFor(version: number, layer: number, index: number): number {
  const v1 = version === 3;
  const tables: Record<string, number[]> = {
    v1l1: [0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448],
    v1l2: [0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384],
    v1l3: MPEG_BITRATES_V1_L3,
    v2l1: [0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256],
    v2l23: [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
  };
  const key = v1 ? `v1l${String(4 - layer)}` : layer === 3 ? 'v2l1' : 'v2l23';
  return tables[key]?.[index] ?? 0;
}

/** True when two consecutive valid MPEG frames start at `at` (one alone is too easy to fake). */
function mpegAt(bytes: Uint8Array, at: number): boolean {
  const first = mpegFrameLength(bytes, at);
  if (first === 0) {
    return false;
  }
  const next = at + first;
  return next + 4 > bytes.length ? at === 0 && first > 0 : mpegFrameLength(bytes, next) > 0;
}

function id3Length(bytes: Uint8Array): number {
  if (bytes.length < 10 || ascii(bytes, 0, 3) !== 'ID3') {
    return 0;
  }
  const size =
    (((bytes[6] ?? 0) & 0x7f) << 21) |
    (((bytes[7] ?? 0) & 0x7f) << 14) |
    (((bytes[8] ?? 0) & 0x7f) << 7) |
    ((bytes[9] ?? 0) & 0x7f);
  const footer = ((bytes[5] ?? 0) & 0x10) !== 0 ? 10 : 0;
  return 10 + size + footer;
}

function sniffOgg(bytes: Uint8Array): Sniffed {
  // First page: 27-byte header, segment table, then the first packet (the codec's id header).
  const segments = bytes[26] ?? 0;
  const packet = 27 + segments;
  if (ascii(bytes, packet + 1, 6) === 'vorbis' && bytes[packet] === 1) {
    return { kind: 'decodable', format: 'vorbis', offset: 0 };
  }
  if (ascii(bytes, packet, 8) === 'OpusHead') {
    return { kind: 'decodable', format: 'opus', offset: 0 };
  }
  if (ascii(bytes, packet + 1, 4) === 'FLAC') {
    return { kind: 'unsupported', format: 'Ogg FLAC' };
  }
  if (ascii(bytes, packet, 8) === 'Speex   ') {
    return { kind: 'unsupported', format: 'Ogg Speex' };
  }
  return { kind: 'unsupported', format: 'Ogg (unknown codec)' };
}

/** Names of container magics we recognise but do not decode. */
const UNSUPPORTED_MAGIC: [offset: number, magic: string, name: string, reason?: string][] = [
  [
    4,
    'ftyp',
    'MP4/M4A (AAC or ALAC)',
    'no AAC decoder with a licence compatible with Layerline is available',
  ],
  [0, '\x1a\x45\xdf\xa3', 'Matroska/WebM'],
  [0, 'caff', 'Core Audio Format (CAF)'],
  [0, '0&\xb2\x75', 'Windows Media (ASF/WMA)'],
  [0, 'MThd', 'MIDI (notes, not audio)'],
  [0, '#!AMR', 'AMR'],
  [0, 'wvpk', 'WavPack'],
  [0, 'MAC ', "Monkey's Audio (APE)"],
  [0, 'TTA1', 'True Audio (TTA)'],
  [0, '.snd', 'Sun/NeXT audio (AU)'],
  [0, 'MPCK', 'Musepack'],
  [0, 'PK\x03\x04', 'ZIP archive'],
  [0, '%PDF', 'PDF document'],
  [0, '\x89PNG', 'PNG image'],
  [0, '\xff\xd8\xff', 'JPEG image'],
];

function looksLikeText(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 512);
  let printable = 0;
  for (const byte of sample) {
    if (byte === 9 || byte === 10 || byte === 13 || (byte >= 32 && byte < 127) || byte >= 0xc2) {
      printable += 1;
    }
  }
  return sample.length > 0 && printable / sample.length > 0.95;
}

/** What the bytes at the start of a file are. `head` is up to SNIFF_BYTES from offset 0. */
export function sniffAudio(head: Uint8Array): Sniffed {
  if (head.length === 0) {
    return { kind: 'unsupported', format: 'an empty file' };
  }
  const four = ascii(head, 0, 4);
  if ((four === 'RIFF' || four === 'RF64' || four === 'BW64') && head.length >= 12) {
    const form = ascii(head, 8, 4);
    return form === 'WAVE'
      ? { kind: 'decodable', format: 'wav', offset: 0 }
      : { kind: 'unsupported', format: `RIFF ${form.trim() || '(no type)'}` };
  }
  if (four === 'FORM' && head.length >= 12) {
    const form = ascii(head, 8, 4);
    return form === 'AIFF' || form === 'AIFC'
      ? { kind: 'decodable', format: 'aiff', offset: 0 }
      : { kind: 'unsupported', format: `IFF ${form.trim() || '(no type)'}` };
  }
  if (four === 'fLaC') {
    return { kind: 'decodable', format: 'flac', offset: 0 };
  }
  if (four === 'OggS') {
    return sniffOgg(head);
  }
  const tag = id3Length(head);
  if (tag > 0) {
    const after = head.subarray(Math.min(tag, head.length));
    if (ascii(after, 0, 4) === 'fLaC') {
      return { kind: 'unsupported', format: 'FLAC with an ID3 tag' };
    }
    // The audio after a large tag (cover art) may lie beyond the head: trust the tag then.
    return tag >= head.length || mpegAt(after, 0)
      ? { kind: 'decodable', format: 'mp3', offset: tag }
      : { kind: 'unsupported', format: 'an ID3-tagged file that is not MPEG audio' };
  }
  for (const [offset, magic, name, reason] of UNSUPPORTED_MAGIC) {
    if (ascii(head, offset, magic.length) === magic) {
      return reason === undefined
        ? { kind: 'unsupported', format: name }
        : { kind: 'unsupported', format: name, reason };
    }
  }
  if (head[0] === 0xff && ((head[1] ?? 0) & 0xf6) === 0xf0) {
    return {
      kind: 'unsupported',
      format: 'AAC (ADTS)',
      reason: 'no AAC decoder with a licence compatible with Layerline is available',
    };
  }
  for (let at = 0; at < Math.min(head.length, 4096); at += 1) {
    if (head[at] === 0xff && mpegAt(head, at)) {
      return { kind: 'decodable', format: 'mp3', offset: at };
    }
  }
  return looksLikeText(head)
    ? { kind: 'unsupported', format: 'a text file' }
    : { kind: 'unsupported', format: 'an unknown format' };
}
