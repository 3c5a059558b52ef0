/** For unit tests of the Models screen: an available (not installed) VAE component view. */
import type { ModelComponentView } from '../../../app/contract/models.ts';

export function makeVaeView(fields: Partial<ModelComponentView> = {}): ModelComponentView {
  return {
    id: 'vae',
    kind: 'vae',
    title: 'Audio VAE',
    summary: 'Encodes and decodes audio.',
    licence: 'MIT',
    licenceSource: 'repo',
    upstream: 'ACE-Step/Ace-Step1.5 · vae',
    graphs: ['vae_encoder', 'vae_decoder'],
    sizes: { fp32: 676_000_000, fp16: 338_000_000 },
    vramGb: { fp32: 2, fp16: 1 },
    tasks: [],
    state: 'available',
    precision: null,
    bytesOnDisk: 0,
    bytesTotal: null,
    jobId: null,
    problem: null,
    ...fields,
  };
}
