/**
 * The execution provider in use and why: what the inference process actually loaded its
 * sessions on (inference.status) and why earlier providers were passed over; before any model
 * has loaded, the provider the detection expects.
 */
import type { InferenceStatus } from '../../../../app/contract/inference-status.ts';
import type { ProvidersReport } from '../../../../app/contract/models.ts';
import { useT } from '../../i18n/I18nProvider.tsx';
import { PROVIDER_NAMES } from './model-format.ts';

export function ProviderInUse(props: {
  providers: ProvidersReport;
  /** undefined while it loads or when it cannot be read. */
  status: InferenceStatus | undefined;
}) {
  const t = useT();
  const { providers, status } = props;
  const expected = PROVIDER_NAMES[providers.preferred];
  const inUse = status?.inUse ?? null;
  if (inUse === null) {
    return (
      <p data-testid="provider-in-use">
        <strong>
          {t(status?.available === false ? 'models.noEngine' : 'models.notLoaded', {
            provider: expected,
          })}
        </strong>{' '}
        {providers.why}
      </p>
    );
  }
  const fallbacks = inUse.fallbacks.map((fallback) =>
    t('models.notUsable', {
      provider: PROVIDER_NAMES[fallback.provider],
      reason: fallback.reason,
    }),
  );
  return (
    <p data-testid="provider-in-use">
      <strong>{t('models.inUse', { provider: PROVIDER_NAMES[inUse.provider] })}</strong>
      {fallbacks.length > 0
        ? ` — ${fallbacks.join('; ')}`
        : inUse.provider === providers.preferred
          ? ` — ${providers.why}`
          : ` ${t('models.expected', { provider: expected })}`}
    </p>
  );
}
