/** This machine: GPU and memory, the execution provider in use and why, and the suggested set. */
import type { InferenceStatus } from '../../../../app/contract/inference-status.ts';
import type { ModelsHardwareReport, ModelsOverview } from '../../../../app/contract/models.ts';
import { formatGb, PROVIDER_NAMES } from './model-format.ts';
import { ProviderInUse } from './ProviderInUse.tsx';
import type { ModelActions } from './use-model-actions.ts';

export function HardwarePanel(props: {
  report: ModelsHardwareReport;
  overview: ModelsOverview;
  status: InferenceStatus | undefined;
  actions: ModelActions;
}) {
  const { hardware, providers, recommendation } = props.report;
  const states = new Map(props.overview.components.map((c) => [c.id, c]));
  const missing = recommendation.items.filter(
    (item) => !item.optional && states.get(item.componentId)?.state === 'available',
  );
  const gpu = hardware.gpus[0];
  return (
    <section className="model-panel" aria-labelledby="hardware-heading">
      <h2 id="hardware-heading">This machine</h2>
      <p>
        {gpu === undefined
          ? 'No GPU found'
          : `${gpu.name}${gpu.vramBytes === null ? '' : `, ${formatGb(gpu.vramBytes / 1e9)}`}`}
        {' · '}
        {formatGb(hardware.ramBytes / 1e9)} RAM · {hardware.cpuCores} CPU threads
      </p>
      <ProviderInUse providers={providers} status={props.status} />
      <details className="provider-details">
        <summary>Every execution provider</summary>
        <ul className="provider-list">
          {providers.providers.map((p) => (
            <li key={p.id}>
              <strong>{PROVIDER_NAMES[p.id]}</strong>: {p.usable ? 'usable' : 'not usable'} —{' '}
              {p.reason}
              {p.fix === null ? null : <span className="provider-fix"> {p.fix}</span>}
            </li>
          ))}
        </ul>
      </details>
      <h3>Recommended</h3>
      <p data-testid="recommendation-summary">{recommendation.summary}</p>
      <ul className="recommend-list">
        {recommendation.items.map((item) => (
          <li key={item.componentId}>
            <strong>{states.get(item.componentId)?.title ?? item.componentId}</strong> (
            {item.precision}
            {item.optional ? ', optional' : ''}): {item.reason}
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
          Install the recommended set
        </button>
      ) : null}
    </section>
  );
}
