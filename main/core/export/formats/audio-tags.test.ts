import { spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { makeTempDir, removeDir } from '../../../../tests/helpers/temp-dir.ts';
import {
  flacMetadataWithComments,
  id3v2Tag,
  type TagFields,
  vorbisComments,
} from './audio-tags.ts';

const fields: TagFields = {
  title: 'Lead Vocal — dry',
  album: 'Night Drive',
  trackNumber: { number: 3, total: 8 },
  bpm: 92.5,
  key: 'F#m',
  comment: 'Exported by Layerline: 92.5 bpm, F# minor',
};

let dir: string;
beforeAll(async () => {
  dir = await makeTempDir('layerline-tags-');
});
afterAll(async () => {
  await removeDir(dir);
});

/** A one-second stereo tone encoded by Debian's ffmpeg (independent of our encoders). */
function ffmpegTone(file: string, codec: string[]): void {
  const result = spawnSync('ffmpeg', [
    '-v', 'error', '-f', 'lavfi', '-i', 'sine=frequency=440:duration=1:sample_rate=48000',
    '-ac', '2', ...codec, '-y', file,
  ]); // prettier-ignore
  expect(result.error, 'ffmpeg must be installed (Debian: ffmpeg)').toBeUndefined();
  expect(result.status, String(result.stderr)).toBe(0);
}

function probe(file: string): { tags: Record<string, string>; duration: number; codec: string } {
  const result = spawnSync(
    'ffprobe',
    [
      '-v',
      'error',
      '-show_entries',
      'format=duration:format_tags:stream=codec_name',
      '-of',
      'json',
      file,
    ],
    { encoding: 'utf8' },
  );
  const json = JSON.parse(result.stdout) as {
    format: { duration: string; tags?: Record<string, string> };
    streams: { codec_name: string }[];
  };
  const tags = Object.fromEntries(
    Object.entries(json.format.tags ?? {}).map(([k, v]) => [k.toLowerCase(), v]),
  );
  return { tags, duration: Number(json.format.duration), codec: json.streams[0]?.codec_name ?? '' };
}

describe('FLAC Vorbis comments', () => {
  it('replace the encoder’s block and are read by ffprobe, audio untouched', async () => {
    const source = join(dir, 'tone.flac');
    ffmpegTone(source, ['-c:a', 'flac']);
    const bytes = new Uint8Array(await readFile(source));
    const { metadata, audioOffset } = flacMetadataWithComments(bytes, vorbisComments(fields));
    const tagged = join(dir, 'tagged.flac');
    await writeFile(tagged, Buffer.concat([metadata, bytes.subarray(audioOffset)]));
    const info = probe(tagged);
    expect(info.codec).toBe('flac');
    expect(info.duration).toBeCloseTo(1, 2);
    expect(info.tags).toMatchObject({
      title: 'Lead Vocal — dry',
      album: 'Night Drive',
      track: '3',
      bpm: '92.5',
      initialkey: 'F#m',
      comment: 'Exported by Layerline: 92.5 bpm, F# minor',
    });
    // The decoded audio is bit-identical to the untagged file's.
    const decode = (file: string) =>
      spawnSync('ffmpeg', ['-v', 'error', '-i', file, '-f', 's16le', '-'], { maxBuffer: 1 << 24 })
        .stdout;
    expect(Buffer.compare(decode(tagged), decode(source))).toBe(0);
  });

  it('refuses bytes that are not FLAC or cut inside the metadata', () => {
    expect(() => flacMetadataWithComments(new Uint8Array(40), [])).toThrow(RangeError);
    const cut = new Uint8Array([0x66, 0x4c, 0x61, 0x43, 0x00, 0x00, 0x00, 0x22, 1, 2]);
    expect(() => flacMetadataWithComments(cut, [])).toThrow(RangeError);
  });
});

describe('MP3 ID3v2.3 tag', () => {
  it('is read by ffprobe in front of the audio', async () => {
    const source = join(dir, 'tone.mp3');
    ffmpegTone(source, [
      '-c:a',
      'libmp3lame',
      '-b:a',
      '192k',
      '-write_xing',
      '0',
      '-id3v2_version',
      '0',
    ]);
    const audio = await readFile(source);
    const tagged = join(dir, 'tagged.mp3');
    await writeFile(tagged, Buffer.concat([id3v2Tag(fields), audio]));
    const info = probe(tagged);
    expect(info.codec).toBe('mp3');
    expect(info.tags).toMatchObject({
      title: 'Lead Vocal — dry',
      album: 'Night Drive',
      track: '3/8',
      tbpm: '93',
      tkey: 'F#m',
      comment: 'Exported by Layerline: 92.5 bpm, F# minor',
    });
  });

  it('has a syncsafe size that covers exactly its frames', () => {
    const tag = id3v2Tag({
      title: fields.title,
      album: fields.album,
      bpm: fields.bpm,
      key: null,
      comment: fields.comment,
    });
    const size = ((tag[6]! << 21) | (tag[7]! << 14) | (tag[8]! << 7) | tag[9]!) >>> 0;
    expect(Buffer.from(tag.subarray(0, 3)).toString()).toBe('ID3');
    expect(tag[3]).toBe(3);
    expect(size).toBe(tag.length - 10);
    expect(Buffer.from(tag).includes(Buffer.from('TKEY'))).toBe(false);
  });
});
