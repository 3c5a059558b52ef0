/**
 * studio-media://media/<sha256>: stored audio for the renderer, by hash only, with single byte
 * ranges (what <audio> seeking and fetch of a region need). studio-media://media/<sha256>/peaks
 * (optionally ?samplesPerPeak=N) answers the waveform peaks as JSON. Anything else is a 404.
 * The same rules as the server host's GET /media/:hash and /media/:hash/peaks.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';

import type { Protocol } from 'electron';

import { MediaHash } from '../../app/model/ids.ts';
import { parsePeakLevel, type PeakLevel, type PeaksJson } from '../core/audio/peaks.ts';
import { parseRange } from '../core/media/byte-range.ts';
import { MEDIA_SCHEME } from './schemes.ts';

/** The parts of a protocol request the handlers read (a global Request fits). */
export interface ProtocolRequest {
  url: string;
  method: string;
  headers: Headers;
}

export type ResolveMedia = (
  hash: MediaHash,
) => { path: string; mime: string; bytes: number } | null;

/** Exactly this shape; no query, no fragment, no other host, no encoded characters. */
const MEDIA_URL = /^studio-media:\/\/media\/([0-9a-f]{64})$/;
/** Peaks: the hash, then optionally one query parameter with a number. */
const PEAKS_URL = /^studio-media:\/\/media\/([0-9a-f]{64})\/peaks(?:\?samplesPerPeak=(\d{1,6}))?$/;

export type ResolvePeaks = (
  hash: MediaHash,
  samplesPerPeak: PeakLevel | null,
) => Promise<PeaksJson | null>;

const plain = (status: number, headers: Record<string, string> = {}): Response =>
  new Response(null, { status, headers: { 'x-content-type-options': 'nosniff', ...headers } });

async function peaksResponse(
  match: RegExpExecArray,
  request: ProtocolRequest,
  resolvePeaks: ResolvePeaks,
  allowOrigin: string,
): Promise<Response> {
  let peaks: PeaksJson | null;
  try {
    peaks = await resolvePeaks(MediaHash.parse(match[1]), parsePeakLevel(match[2] ?? null));
  } catch {
    peaks = null;
  }
  if (peaks === null) {
    return plain(404);
  }
  const body = JSON.stringify(peaks);
  const headers = {
    'x-content-type-options': 'nosniff',
    'content-type': 'application/json',
    'cache-control': 'private, max-age=31536000, immutable',
    'access-control-allow-origin': allowOrigin,
  };
  return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers });
}

/** Answers one media request. `allowOrigin` is the renderer origin allowed to fetch it. */
export async function mediaResponse(
  request: ProtocolRequest,
  resolveMedia: ResolveMedia,
  allowOrigin: string,
  resolvePeaks: ResolvePeaks = () => Promise.resolve(null),
): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return plain(405, { allow: 'GET, HEAD' });
  }
  const peaksMatch = PEAKS_URL.exec(request.url);
  if (peaksMatch !== null) {
    return peaksResponse(peaksMatch, request, resolvePeaks, allowOrigin);
  }
  const raw = MEDIA_URL.exec(request.url)?.[1];
  const found = raw === undefined ? null : resolveMedia(MediaHash.parse(raw));
  const size =
    found === null
      ? null
      : await stat(found.path).then(
          (info) => (info.isFile() ? info.size : null),
          () => null,
        );
  if (found === null || size === null || raw === undefined) {
    return plain(404);
  }
  const headers: Record<string, string> = {
    'x-content-type-options': 'nosniff',
    'accept-ranges': 'bytes',
    'content-type': found.mime,
    etag: `"${raw}"`,
    'cache-control': 'private, max-age=31536000, immutable',
    'access-control-allow-origin': allowOrigin,
    'access-control-expose-headers': 'accept-ranges, content-length, content-range, etag',
  };
  if (request.headers.get('if-none-match') === `"${raw}"`) {
    return new Response(null, { status: 304, headers });
  }
  let start = 0;
  let end = size - 1;
  let status = 200;
  const rangeHeader = request.headers.get('range');
  if (rangeHeader !== null && size > 0) {
    const range = parseRange(rangeHeader, size);
    if (range === null) {
      return new Response(null, {
        status: 416,
        headers: { ...headers, 'content-range': `bytes */${size}` },
      });
    }
    ({ start, end } = range);
    status = 206;
    headers['content-range'] = `bytes ${start}-${end}/${size}`;
  }
  headers['content-length'] = String(size === 0 ? 0 : end - start + 1);
  if (request.method === 'HEAD' || size === 0) {
    return new Response(null, { status, headers });
  }
  const body = Readable.toWeb(createReadStream(found.path, { start, end })) as ReadableStream;
  return new Response(body, { status, headers });
}

/** Registers the handler on a session's protocol object; returns the unregister function. */
export function registerMediaProtocol(
  protocol: Protocol,
  resolveMedia: ResolveMedia,
  allowOrigin: string,
  resolvePeaks?: ResolvePeaks,
): () => void {
  protocol.handle(MEDIA_SCHEME, (request) =>
    mediaResponse(request, resolveMedia, allowOrigin, resolvePeaks),
  );
  return () => {
    protocol.unhandle(MEDIA_SCHEME);
  };
}
