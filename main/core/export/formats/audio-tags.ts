/**
 * Tags for exported FLAC and MP3 files, as pure functions over bytes:
 * - FLAC: a VORBIS_COMMENT metadata block (FLAC format spec) put in place of the encoder's own,
 *   keeping STREAMINFO and every other block, with the last-block flag fixed;
 * - MP3: an ID3v2.3 tag (UTF-16 text frames, widest player support) to put before the audio.
 * Fields: title, album, track number/total, BPM, initial key, comment.
 */

export interface TagFields {
  title: string;
  album: string;
  trackNumber?: { number: number; total: number };
  bpm: number;
  /** "Am", "C#", … or null. */
  key: string | null;
  comment: string;
}

const VORBIS_COMMENT = 4;
const PADDING = 1;
const VENDOR = 'Layerline';

function u32le(value: number): Uint8Array {
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setUint32(0, value, true);
  return bytes;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

const utf8 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'utf8'));

/** "KEY=value" pairs in the Vorbis comment convention (upper-case field names). */
export function vorbisComments(fields: TagFields): string[] {
  const comments = [`TITLE=${fields.title}`, `ALBUM=${fields.album}`];
  if (fields.trackNumber !== undefined) {
    comments.push(
      `TRACKNUMBER=${fields.trackNumber.number}`,
      `TRACKTOTAL=${fields.trackNumber.total}`,
    );
  }
  comments.push(`BPM=${Number(fields.bpm.toFixed(2))}`);
  if (fields.key !== null) {
    comments.push(`INITIALKEY=${fields.key}`);
  }
  comments.push(`COMMENT=${fields.comment}`);
  return comments;
}

/** The body of a VORBIS_COMMENT block (little-endian lengths, UTF-8 text). */
export function vorbisCommentBody(comments: readonly string[]): Uint8Array {
  const vendor = utf8(VENDOR);
  const parts = [u32le(vendor.length), vendor, u32le(comments.length)];
  for (const comment of comments) {
    const bytes = utf8(comment);
    parts.push(u32le(bytes.length), bytes);
  }
  return concat(parts);
}

function blockHeader(type: number, length: number, last: boolean): Uint8Array {
  if (length > 0xffffff) {
    throw new RangeError('A FLAC metadata block holds at most 16 MiB.');
  }
  return new Uint8Array([
    (last ? 0x80 : 0) | type,
    (length >> 16) & 0xff,
    (length >> 8) & 0xff,
    length & 0xff,
  ]);
}

/**
 * The metadata of a FLAC file with `comments` as its Vorbis comment: returns the new bytes up
 * to the first audio frame, and where the audio frames start in the original `head` (which
 * must hold at least all metadata blocks).
 */
export function flacMetadataWithComments(
  head: Uint8Array,
  comments: readonly string[],
): { metadata: Uint8Array; audioOffset: number } {
  if (Buffer.from(head.subarray(0, 4)).toString('latin1') !== 'fLaC') {
    throw new RangeError('Not a FLAC stream (no fLaC marker).');
  }
  const kept: { type: number; body: Uint8Array }[] = [];
  let at = 4;
  for (let last = false; !last;) {
    if (at + 4 > head.length) {
      throw new RangeError('The FLAC metadata runs past the bytes given.');
    }
    const flags = head[at] ?? 0;
    last = (flags & 0x80) !== 0;
    const type = flags & 0x7f;
    const length = ((head[at + 1] ?? 0) << 16) | ((head[at + 2] ?? 0) << 8) | (head[at + 3] ?? 0);
    const body = head.subarray(at + 4, at + 4 + length);
    if (body.length !== length) {
      throw new RangeError('The FLAC metadata runs past the bytes given.');
    }
    if (type !== VORBIS_COMMENT && type !== PADDING) {
      kept.push({ type, body });
    }
    at += 4 + length;
  }
  kept.push({ type: VORBIS_COMMENT, body: vorbisCommentBody(comments) });
  const parts: Uint8Array[] = [utf8('fLaC')];
  kept.forEach((block, i) => {
    parts.push(blockHeader(block.type, block.body.length, i === kept.length - 1), block.body);
  });
  return { metadata: concat(parts), audioOffset: at };
}

/** A 28-bit value as four 7-bit bytes (ID3 "syncsafe" integer). */
function syncsafe(value: number): Uint8Array {
  return new Uint8Array([
    (value >> 21) & 0x7f,
    (value >> 14) & 0x7f,
    (value >> 7) & 0x7f,
    value & 0x7f,
  ]);
}

/** UTF-16 with a byte-order mark (ID3v2.3 text encoding 1). */
function utf16(text: string): Uint8Array {
  const bytes = new Uint8Array(2 + text.length * 2);
  bytes[0] = 0xff;
  bytes[1] = 0xfe;
  for (let i = 0; i < text.length; i += 1) {
    const unit = text.charCodeAt(i);
    bytes[2 + 2 * i] = unit & 0xff;
    bytes[3 + 2 * i] = unit >> 8;
  }
  return bytes;
}

function id3Frame(id: string, body: Uint8Array): Uint8Array {
  const header = new Uint8Array(10);
  header.set(utf8(id), 0);
  new DataView(header.buffer).setUint32(4, body.length, false); // v2.3: plain 32-bit size
  return concat([header, body]);
}

const textFrame = (id: string, text: string) =>
  id3Frame(id, concat([new Uint8Array([1]), utf16(text)]));

/** An ID3v2.3 tag: TIT2, TALB, TRCK, TBPM, TKEY, COMM, TSSE. */
export function id3v2Tag(fields: TagFields): Uint8Array {
  const frames = [textFrame('TIT2', fields.title), textFrame('TALB', fields.album)];
  if (fields.trackNumber !== undefined) {
    frames.push(textFrame('TRCK', `${fields.trackNumber.number}/${fields.trackNumber.total}`));
  }
  // TBPM is an integer string by the ID3 spec.
  frames.push(textFrame('TBPM', String(Math.round(fields.bpm))));
  if (fields.key !== null) {
    frames.push(textFrame('TKEY', fields.key));
  }
  const comment = concat([
    new Uint8Array([1]),
    utf8('eng'),
    utf16(''),
    new Uint8Array([0, 0]),
    utf16(fields.comment),
  ]);
  frames.push(id3Frame('COMM', comment), textFrame('TSSE', VENDOR));
  const body = concat(frames);
  const header = concat([utf8('ID3'), new Uint8Array([3, 0, 0]), syncsafe(body.length)]);
  return concat([header, body]);
}
