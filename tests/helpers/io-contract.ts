/** The committed IO contract, loaded once per test file. */
import { fileURLToPath } from 'node:url';

import { type IoContract, loadIoContract } from '../../main/core/inference/contract/io-contract.ts';

export const IO_CONTRACT_PATH = fileURLToPath(
  new URL('../../resources/inference/io-contract.json', import.meta.url),
);

let cached: Promise<IoContract> | null = null;

export function committedContract(): Promise<IoContract> {
  cached ??= loadIoContract(IO_CONTRACT_PATH);
  return cached;
}
