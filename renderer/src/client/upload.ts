/** Browser uploads (server mode): the file goes up as the raw request body, a token comes back. */
import { Envelope } from '../../../app/contract/wire.ts';
import { StudioError } from '../../../app/errors.ts';
import type { FileToken } from '../../../app/model/ids.ts';

export interface UploadedFile {
  file: FileToken;
  name: string;
  bytes: number;
}

export type UploadFetch = (
  url: string,
  init: { method: 'POST'; body: Blob; headers: Record<string, string> },
) => Promise<{ status: number; json(): Promise<unknown> }>;

/** POST /upload?name=…; throws the server's StudioError, or UNAVAILABLE when it is unreachable. */
export async function uploadFile(
  file: File,
  options: { baseUrl: string; fetch: UploadFetch },
): Promise<UploadedFile> {
  const url = `${options.baseUrl.replace(/\/+$/, '')}/upload?name=${encodeURIComponent(file.name)}`;
  let answer: unknown;
  try {
    const response = await options.fetch(url, {
      method: 'POST',
      body: file,
      headers: { 'content-type': 'application/octet-stream' },
    });
    answer = await response.json();
  } catch (error) {
    throw new StudioError(
      'UNAVAILABLE',
      'The upload could not reach the studio server.',
      undefined,
      {
        cause: error,
      },
    );
  }
  const envelope = Envelope.safeParse(answer);
  if (!envelope.success) {
    throw new StudioError('INTERNAL', 'The studio server sent a malformed upload answer.');
  }
  if (!envelope.data.ok) {
    throw StudioError.fromWire(envelope.data.error);
  }
  return envelope.data.value as UploadedFile;
}
