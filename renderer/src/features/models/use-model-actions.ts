/** Model manager actions over the contract, with toasts and cache refreshes. */
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect } from 'react';

import type { ModelPrecision, ModelSourceView } from '../../../../app/contract/models.ts';
import { JOB_LIST_KEY, methodKey } from '../../client/query-keys.ts';
import { useStudioClient } from '../../client/studio-context.tsx';
import { useT } from '../../i18n/I18nProvider.tsx';
import { useErrorToast, useToasts } from '../../ui/Toasts.tsx';

/**
 * Refetches the overview whenever the host says models changed, and the provider in use after
 * any job (a generation loads the sessions that report it).
 */
export function useModelsLive(): void {
  const client = useStudioClient();
  const queryClient = useQueryClient();
  useEffect(() => {
    const offModels = client.on('models.changed', () => {
      void queryClient.invalidateQueries({ queryKey: methodKey('models.overview') });
    });
    const offJobs = client.on('job.finished', () => {
      void queryClient.invalidateQueries({ queryKey: methodKey('inference.status') });
    });
    return () => {
      offModels();
      offJobs();
    };
  }, [client, queryClient]);
}

export interface ModelActions {
  install: (componentId: string, precision: ModelPrecision, title: string) => void;
  pause: (componentId: string) => void;
  cancel: (jobId: string) => void;
  remove: (componentId: string, title: string) => void;
  verify: (componentId: string) => void;
  importFolder: () => void;
  saveSource: (change: {
    baseUrl?: string | null;
    token?: string | null;
  }) => Promise<ModelSourceView | null>;
}

export function useModelActions(): ModelActions {
  const t = useT();
  const client = useStudioClient();
  const queryClient = useQueryClient();
  const toasts = useToasts();
  const showError = useErrorToast();
  const refresh = useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: methodKey('models.overview') });
    void queryClient.invalidateQueries({ queryKey: JOB_LIST_KEY });
  }, [queryClient]);
  const on = (verb: string, name: string) => t('models.actionOn', { verb, name });
  const run = useCallback(
    (work: Promise<unknown>, context: string) => {
      work.then(refresh, (error: unknown) => {
        showError(error, context);
        refresh();
      });
    },
    [refresh, showError],
  );
  return {
    install: (componentId, precision, title) => {
      run(
        client.call('models.install', { componentId, precision }),
        on(t('models.install'), title),
      );
    },
    pause: (componentId) => {
      run(client.call('models.pause', { componentId }), t('models.pause'));
    },
    cancel: (jobId) => {
      run(client.call('job.cancel', { jobId }), t('app.cancel'));
    },
    remove: (componentId, title) => {
      run(
        client.call('models.remove', { componentId }).then(() => {
          toasts.push({ tone: 'success', title: t('models.removed', { name: title }) });
        }),
        on(t('models.remove'), title),
      );
    },
    verify: (componentId) => {
      run(client.call('models.verify', { componentId }), t('models.verify'));
    },
    importFolder: () => {
      run(
        client.call('file.pick', { purpose: 'modelFolder' }).then(async ([picked]) => {
          if (picked !== undefined) {
            await client.call('models.import', { folder: picked.file });
          }
        }),
        t('models.failedImport'),
      );
    },
    saveSource: async (change) => {
      try {
        const view = await client.call('models.setSource', change);
        refresh();
        toasts.push({ tone: 'success', title: t('models.sourceSaved') });
        return view;
      } catch (error) {
        showError(error, t('models.failedSource'));
        return null;
      }
    },
  };
}
