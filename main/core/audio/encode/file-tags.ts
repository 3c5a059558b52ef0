/**
 * Text tags in each container's own way: a RIFF LIST/INFO chunk for WAV, a VORBIS_COMMENT
 * metadata block for FLAC (inserted after STREAMINFO), an ID3v2.4 tag in front of an MP3.
 * Fields are plain strings; empty ones are left out.
 */
import type { RiffChunk } from './wav-writer.ts';

export interface TextTags {
  title?: string;
  album?: string;
  artist?: string;
  /** "3/12" style is built from number and total. */
  track?: { number: number; total: number };
  bpm?: number;
  /** "Am", "C#", … */
  key?: string;
  comment?: string;
}

const utf8 = (text: string) => new TextEncoder().encode(text);
const present = (value: string | undefined): value is string => value !== undefined && value !== '';

// --- WAV: LIST/INFO ------------------------------------------------------------------------

/** A LIST chunk of type INFO (INAM, IPRD, IART, ITRK, ICMT, plus IBPM and IKEY as many DAWs read). */
export function riffInfoChunk(tags: TextTags): RiffChunk | null {
  const fields: [string, string | undefined][] = [
    ['INAM', tags.title],
    ['IPRD', tags.album],
    ['IART', tags.artist],
    ['ITRK', tags.track === undefined ? undefined : String(tags.track.number)],
    ['IBPM', tags.bpm === undefined ? undefined : String(Math.round(tags.bpm * 100) / 100)],
    ['IKEY', tags.key],
    ['ICMT', tags.comment],
  ];
  const parts: Uint8Array[] = [utf8('INFO')];
  for (const [id, value] of fields) {
    if (!present(value)) {
      continue;
    }
    const text = Buffer.concat([Buffer.from(utf8(value)), Buffer.alloc(1)]);
    const header = Buffer.alloc(8);
    header.write(id, 0, 'latin1');
    header.writeUInt32LE(text.length, 4);
    parts.push(header, text, Buffer.alloc(text.length % 2));
  }
  return parts.length === 1 ? null : { id: 'LIST', data: Buffer.concat(parts) };
}

// --- FLAC: VORBIS_COMMENT --------------------------------------------------------------------

function vorbisComment(tags: TextTags): Uint8Array {
  const entries: string[] = [];
  const add = (key: string, value: string | undefined) => {
    if (present(value)) {
      entries.push(`${key}=${value}`);
    }
  };
  add('TITLE', tags.title);
  add('ALBUM', tags.album);
  add('ARTIST', tags.artist);
  add('TRACKNUMBER', tags.track === undefined ? undefined : String(tags.track.number));
  add('TRACKTOTAL', tags.track === undefined ? undefined : String(tags.track.total));
  add('BPM', tags.bpm === undefined ? undefined : String(Math.round(tags.bpm * 100) / 100));
  add('INITIALKEY', tags.key);
  add('COMMENT', tags.comment);
  const vendor = utf8('Layerline');
  const chunks: Buffer[] = [];
  const u32 = (n: number) => {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(n);
    return b;
  };
  chunks.push(u32(vendor.length), Buffer.from(vendor), u32(entries.length));
  for (const entry of entries) {
    const bytes = utf8(entry);
    chunks.push(u32(bytes.length), Buffer.from(bytes));
  }
  return Buffer.concat(chunks);
}

/**
 * A FLAC file with `tags` as its VORBIS_COMMENT block, right after STREAMINFO; any comment or
 * padding block already there is replaced. The audio frames are untouched.
 */
export function flacWithTags(flac: Uint8Array, tags: TextTags): Uint8Array {
  const blocks: { type: number; body: Uint8Array }[] = [];
  let at = 4;
  for (let last = false; !last && at + 4 <= flac.length;) {
    const header = flac[at] as number;
    last = (header & 0x80) !== 0;
    const length =
      ((flac[at + 1] as number) << 16) | ((flac[at + 2] as number) << 8) | (flac[at + 3] as number);
    blocks.push({ type: header & 0x7f, body: flac.subarray(at + 4, at + 4 + length) });
    at += 4 + length;
  }
  const kept = blocks.filter((block) => block.type !== 4 && block.type !== 1);
  const streamInfo = kept.findIndex((block) => block.type === 0);
  kept.splice(streamInfo + 1, 0, { type: 4, body: vorbisComment(tags) });
  const parts: Uint8Array[] = [flac.subarray(0, 4)];
  kept.forEach((block, i) => {
    const header = new Uint8Array(4);
    header[0] = (i === kept.length - 1 ? 0x80 : 0) | block.type;
    header[1] = (block.body.length >> 16) & 0xff;
    header[2] = (block.body.length >> 8) & 0xff;
    header[3] = block.body.length & 0xff;
    parts.push(header, block.body);
  });
  parts.push(flac.subarray(at));
  return Buffer.concat(parts);
}

// --- MP3: ID3v2.4 ----------------------------------------------------------------------------

const syncsafe = (n: number) =>
  Uint8Array.of((n >> 21) & 0x7f, (n >> 14) & 0x7f, (n >> 7) & 0x7f, n & 0x7f);

function id3Frame(id: string, body: Uint8Array): Uint8Array {
  return Buffer.concat([Buffer.from(id, 'latin1'), syncsafe(body.length), Buffer.alloc(2), body]);
}

/** A text frame: encoding 3 (UTF-8), the text. */
const textFrame = (id: string, text: string) =>
  id3Frame(id, Buffer.concat([Uint8Array.of(3), utf8(text)]));

/** An ID3v2.4 tag (TIT2, TALB, TPE1, TRCK, TBPM, TKEY, COMM) to put in front of an MP3. */
export function id3v2Tag(tags: TextTags): Uint8Array {
  const frames: Uint8Array[] = [];
  const text = (id: string, value: string | undefined) => {
    if (present(value)) {
      frames.push(textFrame(id, value));
    }
  };
  text('TIT2', tags.title);
  text('TALB', tags.album);
  text('TPE1', tags.artist);
  text('TRCK', tags.track === undefined ? undefined : `${tags.track.number}/${tags.track.total}`);
  text('TBPM', tags.bpm === undefined ? undefined : String(Math.round(tags.bpm)));
  text('TKEY', tags.key);
  if (present(tags.comment)) {
    // encoding, language, empty short description (terminated), the comment
    frames.push(
      id3Frame(
        'COMM',
        Buffer.concat([Uint8Array.of(3), Buffer.from('eng'), Uint8Array.of(0), utf8(tags.comment)]),
      ),
    );
  }
  const body = Buffer.concat(frames);
  return Buffer.concat([Buffer.from('ID3'), Uint8Array.of(4, 0, 0), syncsafe(body.length), body]);
}
