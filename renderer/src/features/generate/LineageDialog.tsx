/** "What made this": a clip's audio and each step back to an import (workflow.lineage). */
import type { ProjectId } from '../../../../app/model/ids.ts';
import type { Clip } from '../../../../app/model/project.ts';
import type { LineageStep } from '../../../../app/workflows/workflow-result.ts';
import { useStudioQuery } from '../../client/hooks.ts';
import { useT } from '../../i18n/I18nProvider.tsx';
import { Dialog } from '../../ui/Dialog.tsx';

function StepView(props: { step: LineageStep }) {
  const t = useT();
  const { step } = props;
  const request = step.provenance?.request;
  const seed = step.provenance?.resolved['seed'];
  const facts: [string, string][] = [];
  if (step.lineage !== null) {
    facts.push([t('lineage.workflow'), `${step.lineage.workflow} (${step.lineage.role})`]);
    facts.push([t('lineage.job'), step.lineage.jobId]);
  }
  if (request !== undefined) {
    facts.push([t('lineage.task'), request.task]);
  }
  if (typeof seed === 'number') {
    facts.push([t('lineage.seed'), String(seed)]);
  }
  if (step.provenance !== null) {
    facts.push([
      t('lineage.models'),
      step.provenance.models
        .map((model) => `${model.id} ${model.version} (${model.precision})`)
        .join(', '),
    ]);
  }
  const origin =
    step.origin === 'import'
      ? t('lineage.imported')
      : step.origin === 'render'
        ? t('lineage.rendered')
        : null;
  return (
    <li className="wf-lineage-step" data-testid="lineage-step">
      <p className="wf-take-label">
        {step.name}
        {origin === null ? null : <span className="job-meta"> · {origin}</span>}
      </p>
      <dl className="wf-facts">
        {facts.map(([term, value]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {request === undefined ? null : (
        <details>
          <summary>{t('lineage.request')}</summary>
          <pre className="wf-json">{JSON.stringify(request, null, 2)}</pre>
        </details>
      )}
    </li>
  );
}

export function LineageDialog(props: { projectId: ProjectId; clip: Clip; onClose: () => void }) {
  const t = useT();
  const lineage = useStudioQuery('workflow.lineage', {
    projectId: props.projectId,
    clipId: props.clip.id,
  });
  return (
    <Dialog title={t('lineage.title', { name: props.clip.name })} onClose={props.onClose}>
      <ol className="wf-lineage">
        {(lineage.data?.steps ?? []).map((step) => (
          <StepView key={step.mediaHash} step={step} />
        ))}
      </ol>
    </Dialog>
  );
}
