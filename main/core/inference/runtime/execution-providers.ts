/** Which ONNX Runtime execution providers to try, in order, on this platform. */
export const EXECUTION_PROVIDERS = ['cuda', 'dml', 'coreml', 'cpu'] as const;
export type ExecutionProviderName = (typeof EXECUTION_PROVIDERS)[number];

export function isExecutionProvider(value: string): value is ExecutionProviderName {
  return (EXECUTION_PROVIDERS as readonly string[]).includes(value);
}

/**
 * The preference order: CUDA on Linux x64 (onnxruntime-node ships CUDA 12 only there), DirectML
 * on Windows, CoreML on macOS, CPU always last. `supported` is listSupportedBackends()' names;
 * a provider it does not list is skipped. `override` (settings or LAYERLINE_EXECUTION_PROVIDER)
 * puts the named provider first.
 */
export function providerOrder(
  platform: NodeJS.Platform,
  arch: string,
  supported: readonly string[],
  override?: ExecutionProviderName,
): ExecutionProviderName[] {
  const natural: ExecutionProviderName[] =
    platform === 'linux' && arch === 'x64'
      ? ['cuda', 'cpu']
      : platform === 'win32'
        ? ['dml', 'cpu']
        : platform === 'darwin'
          ? ['coreml', 'cpu']
          : ['cpu'];
  const ordered =
    override === undefined ? natural : [override, ...natural.filter((p) => p !== override)];
  const known = new Set(supported);
  const filtered = ordered.filter((provider) => provider === 'cpu' || known.has(provider));
  return filtered.includes('cpu') ? filtered : [...filtered, 'cpu'];
}
