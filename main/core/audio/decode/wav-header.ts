/**
 * WAV, RF64 and BW64 headers: PCM integer (8/16/24/32-bit), IEEE float (32/64-bit) and
 * WAVE_FORMAT_EXTENSIBLE with either as its subformat. RF64 keeps sizes over 4 GiB in a ds64
 * chunk (EBU Tech 3306); a 32-bit size of 0xFFFFFFFF means "see ds64".
 */
import { type Speaker, speakersFromMask } from '../channel-layout.ts';
import type { PcmEncoding } from '../pcm-format.ts';
import type { FileBytes } from './file-bytes.ts';
import {
  damaged,
  finishLayout,
  type PcmLayout,
  readChunkBody,
  unsupportedEncoding,
  walkChunks,
} from './pcm-layout.ts';

const WAVE_FORMAT_PCM = 0x0001;
const WAVE_FORMAT_IEEE_FLOAT = 0x0003;
const WAVE_FORMAT_EXTENSIBLE = 0xfffe;
/** The KSDATAFORMAT_SUBTYPE GUID tail shared by PCM and IEEE float subformats. */
const SUBFORMAT_TAIL = [
  0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71,
];

const FORMAT_NAMES: Record<number, string> = {
  0x0002: 'Microsoft ADPCM',
  0x0006: 'A-law',
  0x0007: 'µ-law',
  0x0011: 'IMA ADPCM',
  0x0031: 'GSM 6.10',
  0x0050: 'MPEG audio',
  0x0055: 'MP3',
};

interface Fmt {
  tag: number;
  channels: number;
  sampleRate: number;
  blockAlign: number;
  bits: number;
  speakers: Speaker[] | null;
}

function parseFmt(view: DataView, container: string): Fmt {
  let tag = view.getUint16(0, true);
  const fmt: Fmt = {
    tag,
    channels: view.getUint16(2, true),
    sampleRate: view.getUint32(4, true),
    blockAlign: view.getUint16(12, true),
    bits: view.getUint16(14, true),
    speakers: null,
  };
  if (tag === WAVE_FORMAT_EXTENSIBLE) {
    if (view.byteLength < 40) {
      throw damaged(container, 'its extensible format chunk is too short');
    }
    tag = view.getUint16(24, true);
    const tail = SUBFORMAT_TAIL.every((byte, i) => view.getUint8(26 + i) === byte);
    if (!tail) {
      throw unsupportedEncoding(container, 'an unknown extensible subformat');
    }
    fmt.tag = tag;
    fmt.speakers = speakersFromMask(view.getUint32(20, true), fmt.channels);
  }
  return fmt;
}

function encodingOf(fmt: Fmt, container: string): PcmEncoding {
  if (fmt.tag === WAVE_FORMAT_PCM && [8, 16, 24, 32].includes(fmt.bits)) {
    const bits = fmt.bits as 8 | 16 | 24 | 32;
    return { kind: 'int', bits, signed: bits !== 8, littleEndian: true };
  }
  if (fmt.tag === WAVE_FORMAT_IEEE_FLOAT && (fmt.bits === 32 || fmt.bits === 64)) {
    return { kind: 'float', bits: fmt.bits, littleEndian: true };
  }
  if (fmt.tag === WAVE_FORMAT_PCM || fmt.tag === WAVE_FORMAT_IEEE_FLOAT) {
    throw unsupportedEncoding(container, `${fmt.bits}-bit samples`);
  }
  const name = FORMAT_NAMES[fmt.tag] ?? `format code 0x${fmt.tag.toString(16).padStart(4, '0')}`;
  throw unsupportedEncoding(container, name);
}

/** Reads the header of a WAV/RF64/BW64 file (sniffed as such). */
export async function readWavLayout(file: FileBytes): Promise<PcmLayout> {
  const head = await file.read(0, 12);
  const magic = String.fromCharCode(...head.subarray(0, 4));
  const container = magic === 'RIFF' ? 'WAV' : 'RF64';
  if (head.length < 12) {
    throw damaged(container, 'it ends inside its header');
  }
  let ds64Data: number | null = null;
  let fmt: Fmt | null = null;
  for await (const chunk of walkChunks(file, 12, true, container)) {
    if (chunk.id === 'ds64' && container === 'RF64') {
      const view = await readChunkBody(file, chunk, 24, 28, container);
      // 64-bit data size: low and high 32-bit words; exact below 2^53.
      ds64Data = view.getUint32(8, true) + view.getUint32(12, true) * 2 ** 32;
    } else if (chunk.id === 'fmt ') {
      fmt = parseFmt(await readChunkBody(file, chunk, 16, 64, container), container);
    } else if (chunk.id === 'data') {
      if (fmt === null) {
        throw damaged(container, 'its audio comes before its format');
      }
      const encoding = encodingOf(fmt, container);
      const expectedAlign = (fmt.bits / 8) * fmt.channels;
      if (fmt.channels > 0 && fmt.blockAlign !== expectedAlign) {
        throw damaged(container, 'its frame size does not match its format');
      }
      const declared = chunk.size === 0xffffffff && ds64Data !== null ? ds64Data : chunk.size;
      return finishLayout(
        file,
        {
          container,
          encoding,
          channels: fmt.channels,
          sampleRate: fmt.sampleRate,
          speakers: fmt.speakers,
          dataOffset: chunk.body,
        },
        declared,
      );
    }
  }
  throw damaged(container, fmt === null ? 'it has no format chunk' : 'it has no audio data');
}
