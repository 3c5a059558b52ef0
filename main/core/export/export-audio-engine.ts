/**
 * The studio's audio engine as the export sees it (see export-audio.ts): the one offline mix
 * renderer (audio/mix), the one resampler (libsamplerate) and the encoders (audio/encode),
 * with each container's tags (WAV chunks + LIST/INFO, FLAC Vorbis comments, MP3 ID3v2.4).
 */
import { StudioError, throwIfCancelled } from '../../../app/errors.ts';
import type { AudioFormat } from '../../../app/export/export-options.ts';
import type { MediaHash } from '../../../app/model/ids.ts';
import { encodeAudioBytes, type EncodeFormat } from '../audio/encode/encode-file.ts';
import { flacWithTags, id3v2Tag, riffInfoChunk, type TextTags } from '../audio/encode/file-tags.ts';
import { renderMix } from '../audio/mix/mix-renderer.ts';
import { StereoResampler } from '../audio/resampler.ts';
import { type StereoBlock, StudioAudioReader } from '../audio/studio-file.ts';
import type { AudioFileTags, ExportAudioEngine, StereoBuffer } from './export-audio.ts';

const BLOCK = 1 << 16;

/** Finds a stored media file by hash (ProjectLibrary.resolveMedia). */
export type ResolveMediaPath = (hash: MediaHash) => { path: string } | null;

function* blocksOf(buffer: StereoBuffer): Generator<StereoBlock> {
  const [left, right] = buffer.channels;
  for (let at = 0; at < left.length; at += BLOCK) {
    yield [left.subarray(at, at + BLOCK), right.subarray(at, at + BLOCK)];
  }
}

/** Exactly `frames` long: cut, or padded with silence. */
function fit(channel: Float32Array, frames: number): Float32Array {
  if (channel.length === frames) {
    return channel;
  }
  const out = new Float32Array(frames);
  out.set(channel.subarray(0, frames));
  return out;
}

function textTags(tags: AudioFileTags): TextTags {
  return {
    title: tags.title,
    album: tags.album,
    ...(tags.artist === undefined ? {} : { artist: tags.artist }),
    ...(tags.trackNumber === undefined ? {} : { track: tags.trackNumber }),
    bpm: tags.bpm,
    ...(tags.key === null ? {} : { key: tags.key }),
    comment: tags.comment,
  };
}

function encodeFormat(format: AudioFormat, tags: AudioFileTags): EncodeFormat {
  switch (format.container) {
    case 'wav': {
      const info = riffInfoChunk(textTags(tags));
      return {
        kind: 'wav',
        sampleFormat:
          format.sampleFormat === 'int16'
            ? 'pcm16'
            : format.sampleFormat === 'int24'
              ? 'pcm24'
              : 'float32',
        chunksBeforeData: tags.wavChunks,
        chunksAfterData: info === null ? [] : [info],
      };
    }
    case 'flac':
      return { kind: 'flac', bits: format.sampleFormat === 'int16' ? 16 : 24 };
    case 'mp3':
      return { kind: 'mp3', kbps: format.bitrateKbps };
  }
}

async function resample(
  buffer: StereoBuffer,
  sampleRate: number,
  frames: number,
  signal: AbortSignal,
): Promise<StereoBuffer> {
  if (buffer.sampleRate === sampleRate) {
    return {
      sampleRate,
      channels: [fit(buffer.channels[0], frames), fit(buffer.channels[1], frames)],
    };
  }
  const resampler = await StereoResampler.create(buffer.sampleRate, sampleRate);
  const left = new Float32Array(frames);
  const right = new Float32Array(frames);
  let at = 0;
  const take = ([l, r]: [Float32Array, Float32Array]) => {
    const n = Math.min(l.length, frames - at);
    left.set(l.subarray(0, n), at);
    right.set(r.subarray(0, n), at);
    at += n;
  };
  try {
    for (const [l, r] of blocksOf(buffer)) {
      throwIfCancelled(signal);
      take(resampler.process(l, r));
    }
    take(resampler.flush());
  } finally {
    resampler.dispose();
  }
  return { sampleRate, channels: [left, right] };
}

export function studioExportAudio(resolveMedia: ResolveMediaPath): ExportAudioEngine {
  const openReader = (hash: MediaHash) => {
    const found = resolveMedia(hash);
    if (found === null) {
      throw new StudioError('NOT_FOUND', 'A clip refers to audio that is not stored.', { hash });
    }
    return StudioAudioReader.open(found.path);
  };
  return {
    async render(request, signal) {
      const [left, right] = await renderMix(
        openReader,
        {
          state: request.state,
          trackIds: request.trackIds,
          range: { start: request.start, end: request.start + request.frames },
        },
        { signal },
      );
      return { sampleRate: 48_000, channels: [left, right] };
    },
    resample,
    async encode(buffer, format, tags, signal) {
      const bytes = await encodeAudioBytes(blocksOf(buffer), encodeFormat(format, tags), {
        sampleRate: buffer.sampleRate,
        signal,
      });
      if (format.container === 'flac') {
        return flacWithTags(bytes, textTags(tags));
      }
      return format.container === 'mp3' ? Buffer.concat([id3v2Tag(textTags(tags)), bytes]) : bytes;
    },
  };
}
