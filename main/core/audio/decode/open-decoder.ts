/**
 * Opens the right decoder for a file by its content: WAV/RF64 and AIFF through our own header
 * parsers, compressed formats through WebAssembly decoders. Anything else is UNSUPPORTED_FORMAT
 * naming what was found.
 */
import { StudioError } from '../../../../app/errors.ts';
import { readAiffLayout } from './aiff-header.ts';
import type { AudioDecoder } from './audio-decoder.ts';
import { CompressedDecoder } from './compressed-decoder.ts';
import { FileBytes } from './file-bytes.ts';
import { PcmDecoder } from './pcm-decoder.ts';
import { SNIFF_BYTES, sniffAudio } from './sniff.ts';
import { readWavLayout } from './wav-header.ts';

export async function openAudioDecoder(path: string): Promise<AudioDecoder> {
  const file = await FileBytes.open(path);
  try {
    const sniffed = sniffAudio(await file.read(0, SNIFF_BYTES));
    if (sniffed.kind === 'unsupported') {
      const why = sniffed.reason === undefined ? '' : ` (${sniffed.reason})`;
      throw new StudioError(
        'UNSUPPORTED_FORMAT',
        `This file is ${sniffed.format}, which Layerline cannot import${why}. Use WAV, AIFF, FLAC, MP3, Ogg Vorbis or Opus.`,
        { format: sniffed.format },
      );
    }
    switch (sniffed.format) {
      case 'wav':
        return new PcmDecoder(file, await readWavLayout(file));
      case 'aiff':
        return new PcmDecoder(file, await readAiffLayout(file));
      case 'flac':
      case 'mp3':
      case 'vorbis':
      case 'opus':
        return new CompressedDecoder(file, sniffed.format);
    }
  } catch (error) {
    await file.close();
    throw error;
  }
}
