import { describe, expect, it } from 'vitest';

import { PROJECT_A } from '../testing/fake-studio.ts';
import { parseRoute, routeHash } from './hash-route.ts';

describe('hash routes', () => {
  it('round-trips the library and project routes', () => {
    expect(parseRoute(routeHash({ screen: 'library' }))).toEqual({ screen: 'library' });
    expect(parseRoute(routeHash({ screen: 'project', projectId: PROJECT_A }))).toEqual({
      screen: 'project',
      projectId: PROJECT_A,
    });
    expect(routeHash({ screen: 'project', projectId: PROJECT_A })).toBe(`#/project/${PROJECT_A}`);
  });

  it('has a route for the model manager', () => {
    expect(routeHash({ screen: 'models' })).toBe('#/models');
    expect(parseRoute('#/models')).toEqual({ screen: 'models' });
    expect(parseRoute('#/models/extra')).toEqual({ screen: 'library' });
  });

  it('falls back to the library for anything else', () => {
    for (const hash of ['', '#', '#/project/', '#/project/not-a-uuid', `#/projects/${PROJECT_A}`]) {
      expect(parseRoute(hash)).toEqual({ screen: 'library' });
    }
  });
});
