/**
 * "Show these clips": a request from outside the timeline (the jobs tray, after a run, also
 * after a restart) to open a project with some clips selected and in view. The request waits
 * here until that project's timeline is on screen and takes it up.
 */
import { useEffect, useRef } from 'react';

import type { ClipId, ProjectId } from '../../../../app/model/ids.ts';

interface RevealRequest {
  projectId: ProjectId;
  clipIds: readonly ClipId[];
}

let pending: RevealRequest | null = null;
const listeners = new Set<() => void>();

/** Asks the project's timeline (open now or next) to select and show these clips. */
export function requestClipReveal(projectId: ProjectId, clipIds: readonly ClipId[]): void {
  pending = { projectId, clipIds };
  for (const listener of listeners) {
    listener();
  }
}

/** Takes up the pending request for this project, if any (once). */
export function takeClipReveal(projectId: ProjectId): readonly ClipId[] | null {
  if (pending?.projectId !== projectId) {
    return null;
  }
  const { clipIds } = pending;
  pending = null;
  return clipIds;
}

/** Calls `reveal` with each request for this project, including one made before it mounted. */
export function useClipReveal(
  projectId: ProjectId,
  reveal: (clipIds: readonly ClipId[]) => void,
): void {
  const revealRef = useRef(reveal);
  useEffect(() => {
    revealRef.current = reveal;
  });
  useEffect(() => {
    const check = () => {
      const clipIds = takeClipReveal(projectId);
      if (clipIds !== null) {
        revealRef.current(clipIds);
      }
    };
    check();
    listeners.add(check);
    return () => {
      listeners.delete(check);
    };
  }, [projectId]);
}
