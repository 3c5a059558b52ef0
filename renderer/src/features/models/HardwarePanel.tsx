/** This machine: GPU and memory, the execution provider in use and why, and the suggested set. */
import type { InferenceStatus } from '../../../../app/contract/inference-status.ts';
import type { ModelsHardwareReport, ModelsOverview } from '../../../../app/contract/models.ts';
import { useT } from '../../i18n/I18nProvider.tsx';
import { formatGb, PROVIDER_NAMES } from './model-format.ts';
import { ProviderInUse } from './ProviderInUse.tsx';
import type { ModelActions } from './use-model-actions.ts';

export function HardwarePanel(props: {
  report: ModelsHardwareReport;
  overview: ModelsOverview;
  status: InferenceStatus | undefined;
  actions: ModelActions;
}) {
  const t = useT();
  const { hardware, providers, recommendation } = props.report;
  const states = new Map(props.overview.components.map((c) => [c.id, c]));
  const missing = recommendation.items.filter(
    (item) => !item.optional && states.get(item.componentId)?.state === 'available',
  );
  const gpu = hardware.gpus[0];
  return (
    <section className="model-panel" aria-labelledby="hardware-heading">
      <h2 id="hardware-heading">{t('models.machine')}</h2>
      <p>
        {gpu === undefined
          ? t('models.noGpu')
          : `${gpu.name}${gpu.vramBytes === null ? '' : `, ${formatGb(gpu.vramBytes / 1e9)}`}`}
        {' · '}
        {t('models.memory', {
          ram: formatGb(hardware.ramBytes / 1e9),
          threads: hardware.cpuCores,
        })}
      </p>
      <ProviderInUse providers={providers} status={props.status} />
      <details className="provider-details">
        <summary>{t('models.allProviders')}</summary>
        <ul className="provider-list">
          {providers.providers.map((p) => (
            <li key={p.id}>
              <strong>{PROVIDER_NAMES[p.id]}</strong>:{' '}
              {p.usable ? t('models.usable') : t('models.unusable')} — {p.reason}
              {p.fix === null ? null : <span className="provider-fix"> {p.fix}</span>}
            </li>
          ))}
        </ul>
      </details>
      <h3>{t('models.recommended')}</h3>
      <p data-testid="recommendation-summary">{recommendation.summary}</p>
      <ul className="recommend-list">
        {recommendation.items.map((item) => (
          <li key={item.componentId}>
            <strong>{states.get(item.componentId)?.title ?? item.componentId}</strong>{' '}
            {t(item.optional ? 'models.itemOptional' : 'models.itemPrecision', {
              precision: item.precision,
            })}
            : {item.reason}
          </li>
        ))}
      </ul>
      {recommendation.notes.map((note) => (
        <p key={note} className="model-note">
          {note}
        </p>
      ))}
      {missing.length > 0 ? (
        <button
          type="button"
          className="button button-primary"
          onClick={() => {
            for (const item of missing) {
              const title = states.get(item.componentId)?.title ?? item.componentId;
              props.actions.install(item.componentId, item.precision, title);
            }
          }}
        >
          {t('models.installRecommended')}
        </button>
      ) : null}
    </section>
  );
}
