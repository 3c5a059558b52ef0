/** The contract handlers of the timeline workflows (workflow.*). */
import type { Handlers } from '../../../app/contract/dispatch.ts';
import type { ProjectLibrary } from '../services/project-library.ts';
import type { WorkflowService } from './workflow-service.ts';

export function workflowHandlers(
  library: ProjectLibrary,
  workflows: WorkflowService,
): Pick<
  Handlers,
  'workflow.start' | 'workflow.retry' | 'workflow.regenerate' | 'workflow.lineage'
> {
  return {
    'workflow.start': ({ projectId, workflow }) => {
      library.record(projectId);
      return { jobId: workflows.start(projectId, workflow) };
    },
    'workflow.retry': ({ jobId }) => ({ jobId: workflows.retry(jobId) }),
    'workflow.regenerate': ({ projectId, clipId, newSeeds }) => {
      library.record(projectId);
      return { jobId: workflows.regenerate(projectId, clipId, newSeeds) };
    },
    'workflow.lineage': ({ projectId, clipId }) => workflows.lineage(projectId, clipId),
  };
}
