/**
 * Precomputed waveform peaks of a media item at one resolution, fetched once and kept: from
 * GET /media/:hash/peaks (server) or studio-media://media/:hash/peaks (desktop). The renderer
 * never decodes audio to draw it.
 */
import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';

import { StudioError } from '../../../../app/errors.ts';
import type { MediaHash } from '../../../../app/model/ids.ts';
import { mediaUrls } from '../../client/media-urls.ts';
import { useHost } from '../../shell/host-context.ts';

/** The JSON the studio serves (main/core/audio/peaks.ts), checked at this edge. */
const PeaksJson = z.object({
  format: z.literal('layerline-peaks'),
  version: z.literal(1),
  frames: z.number().int().min(0),
  samplesPerPeak: z.number().int().positive(),
  peaks: z.tuple([z.array(z.number()), z.array(z.number())]),
});

export interface PeakData {
  frames: number;
  samplesPerPeak: number;
  /** Per channel, min/max values in window order. */
  channels: [Float32Array, Float32Array];
}

export async function fetchPeaks(url: string): Promise<PeakData> {
  const response = await fetch(url);
  if (!response.ok) {
    throw new StudioError(
      response.status === 404 ? 'NOT_FOUND' : 'UNAVAILABLE',
      `Peaks could not be loaded (${response.status}).`,
    );
  }
  const parsed = PeaksJson.safeParse(await response.json());
  if (!parsed.success) {
    throw new StudioError('INTERNAL', 'The studio sent peaks in an unknown form.');
  }
  const { frames, samplesPerPeak, peaks } = parsed.data;
  return {
    frames,
    samplesPerPeak,
    channels: [Float32Array.from(peaks[0]), Float32Array.from(peaks[1])],
  };
}

export function usePeaks(hash: MediaHash, samplesPerPeak: number) {
  const { host } = useHost();
  const url = mediaUrls(host).peaks(hash, samplesPerPeak);
  return useQuery({
    queryKey: ['peaks', hash, samplesPerPeak],
    queryFn: () => fetchPeaks(url),
    staleTime: Infinity,
    gcTime: 5 * 60_000,
    retry: 1,
  });
}
