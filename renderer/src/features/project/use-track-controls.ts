/**
 * What a track's controls share, wherever they are shown (the timeline's track headers, the
 * list view's rows): updates as edits, the colour picker's single edit per choice, moving with
 * focus kept on the moved track, and Alt+↑/↓.
 */
import { type KeyboardEvent, type RefObject, useEffect, useRef, useState } from 'react';

import type { EditOp } from '../../../../app/model/edits.ts';
import { type Track, TrackFields } from '../../../../app/model/project.ts';
import { useNativeChange } from '../../ui/use-native-change.ts';
import type { TrackPatch } from './TrackMixer.tsx';

export const validTrackName = (text: string): string | undefined => {
  const parsed = TrackFields.shape.name.safeParse(text);
  return parsed.success ? undefined : parsed.error.issues[0]?.message;
};

export interface TrackControls {
  update: (patch: TrackPatch) => void;
  move: (toIndex: number) => void;
  remove: () => void;
  colorShown: string;
  setColorDraft: (color: string) => void;
  onKeyDown: (event: KeyboardEvent<HTMLElement>) => void;
}

export function useTrackControls(
  track: Track,
  index: number,
  count: number,
  onEdit: (edits: EditOp[]) => void,
  colorInputRef: RefObject<HTMLInputElement | null>,
): TrackControls {
  const [colorDraft, setColorDraft] = useState<string | null>(null);
  const update = (patch: TrackPatch) => {
    onEdit([{ op: 'track.update', trackId: track.id, patch }]);
  };
  // Reordering moves this row's DOM node, which drops focus; put it back where it was.
  const refocus = useRef<HTMLElement | null>(null);
  useEffect(() => {
    refocus.current?.focus();
    refocus.current = null;
  }, [index]);
  const move = (toIndex: number) => {
    if (toIndex >= 0 && toIndex < count && toIndex !== index) {
      refocus.current =
        document.activeElement instanceof HTMLElement ? document.activeElement : null;
      onEdit([{ op: 'track.move', trackId: track.id, toIndex }]);
    }
  };
  // The picker reports every hue it passes through; only the final choice is an edit.
  useNativeChange(colorInputRef, (element) => {
    const color = element.value.toLowerCase();
    setColorDraft(null);
    if (color !== track.color) {
      update({ color });
    }
  });
  return {
    update,
    move,
    remove: () => {
      onEdit([{ op: 'track.remove', trackId: track.id }]);
    },
    colorShown: colorDraft ?? track.color,
    setColorDraft,
    onKeyDown: (event) => {
      if (event.altKey && (event.key === 'ArrowUp' || event.key === 'ArrowDown')) {
        event.preventDefault();
        move(index + (event.key === 'ArrowUp' ? -1 : 1));
      }
    },
  };
}
