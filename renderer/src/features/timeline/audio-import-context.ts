/** The project's audio import (use-audio-import.ts), for the timeline's drop zone and toolbar. */
import { createContext, useContext } from 'react';

import type { AudioImport } from './use-audio-import.ts';

export const AudioImportContext = createContext<AudioImport | null>(null);

export function useAudioImportContext(): AudioImport | null {
  return useContext(AudioImportContext);
}
