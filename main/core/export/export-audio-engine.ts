/** The studio's audio engine as the export sees it (see export-audio.ts). */
import { StudioError } from '../../../app/errors.ts';
import type { ExportAudioEngine } from './export-audio.ts';

function unavailable(): never {
  throw new StudioError('UNAVAILABLE', 'Audio rendering is not part of this build yet.');
}

/** Placeholder until the offline renderer and the encoders land on main. */
export function studioExportAudio(): ExportAudioEngine {
  return {
    render: unavailable,
    resample: unavailable,
    encode: () => Promise.resolve(unavailable()),
  };
}
