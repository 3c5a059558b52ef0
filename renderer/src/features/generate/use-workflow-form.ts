/**
 * The state every workflow form holds besides its own fields: the run it starts, the model and
 * sampler settings, and the problem the last check found; `submit` checks the parameters with
 * the contract's schema and starts the run only when they pass.
 */
import { useState } from 'react';

import type { ProjectId } from '../../../../app/model/ids.ts';
import type { WorkflowParamsInput } from '../../../../app/workflows/workflow-params.ts';
import { checkParams, DEFAULT_SETTINGS, type SettingsFields } from './form-model.ts';
import { useWorkflowRun, type WorkflowRun } from './use-workflow-run.ts';

export interface WorkflowForm {
  run: WorkflowRun;
  settings: SettingsFields;
  setSettings: (value: SettingsFields) => void;
  /** What the last check refused, shown above the start button; null when it passed. */
  problem: string | null;
  submit: (params: WorkflowParamsInput) => void;
}

export function useWorkflowForm(projectId: ProjectId): WorkflowForm {
  const run = useWorkflowRun(projectId);
  const [settings, setSettings] = useState<SettingsFields>(DEFAULT_SETTINGS);
  const [problem, setProblem] = useState<string | null>(null);
  const submit = (params: WorkflowParamsInput) => {
    const checked = checkParams(params);
    setProblem(checked.ok ? null : checked.message);
    if (checked.ok) {
      run.start(checked.params);
    }
  };
  return { run, settings, setSettings, problem, submit };
}
