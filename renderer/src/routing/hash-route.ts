/** Hash routes, so a reload (and the desktop app's file-like URL) stays on the same screen. */
import { useSyncExternalStore } from 'react';

import { ProjectId } from '../../../app/model/ids.ts';

export type Route =
  { screen: 'library' } | { screen: 'project'; projectId: ProjectId } | { screen: 'models' };

export function parseRoute(hash: string): Route {
  if (hash === '#/models') {
    return { screen: 'models' };
  }
  const match = /^#\/project\/([^/?#]+)$/.exec(hash);
  const id = match?.[1] === undefined ? null : ProjectId.safeParse(match[1]);
  return id?.success === true ? { screen: 'project', projectId: id.data } : { screen: 'library' };
}

export function routeHash(route: Route): string {
  switch (route.screen) {
    case 'project':
      return `#/project/${route.projectId}`;
    case 'models':
      return '#/models';
    case 'library':
      return '#/';
  }
}

export function navigate(route: Route): void {
  location.hash = routeHash(route);
}

function subscribe(listener: () => void): () => void {
  window.addEventListener('hashchange', listener);
  return () => {
    window.removeEventListener('hashchange', listener);
  };
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => location.hash);
  return parseRoute(hash);
}
