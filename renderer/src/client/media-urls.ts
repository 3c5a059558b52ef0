/**
 * Where the renderer fetches stored audio and its peaks: the studio-media:// protocol in the
 * desktop app, GET /media/... on the server host. Audio never travels over the contract.
 */
import type { MediaHash } from '../../../app/model/ids.ts';

export interface MediaUrls {
  /** The 48 kHz stereo float WAV of a media item. */
  audio: (hash: MediaHash) => string;
  /** Its waveform peaks as JSON (wavesurfer.js-ready), at one of the stored resolutions. */
  peaks: (hash: MediaHash, samplesPerPeak: number) => string;
}

export function mediaUrls(host: 'electron' | 'server'): MediaUrls {
  const base = host === 'electron' ? 'studio-media://media' : '/media';
  return {
    audio: (hash) => `${base}/${hash}`,
    peaks: (hash, samplesPerPeak) => `${base}/${hash}/peaks?samplesPerPeak=${samplesPerPeak}`,
  };
}
