import { describe, expect, it } from 'vitest';

import { providerOrder } from './execution-providers.ts';

const ALL = ['cpu', 'cuda', 'dml', 'coreml', 'webgpu'];

describe('providerOrder', () => {
  it('prefers the platform GPU provider, CPU last', () => {
    expect(providerOrder('linux', 'x64', ALL)).toEqual(['cuda', 'cpu']);
    expect(providerOrder('linux', 'arm64', ALL)).toEqual(['cpu']);
    expect(providerOrder('win32', 'x64', ALL)).toEqual(['dml', 'cpu']);
    expect(providerOrder('darwin', 'arm64', ALL)).toEqual(['coreml', 'cpu']);
  });

  it('skips providers the binding does not list, and honours an override', () => {
    expect(providerOrder('linux', 'x64', ['cpu'])).toEqual(['cpu']);
    expect(providerOrder('linux', 'x64', ALL, 'cpu')).toEqual(['cpu', 'cuda']);
    expect(providerOrder('win32', 'x64', ['cpu'], 'dml')).toEqual(['cpu']);
  });
});
