/** The library: every project, newest change first, with search, create, import and actions. */
import { keepPreviousData, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';

import type { ProjectSummary } from '../../../../app/model/project.ts';
import { useStudioQuery } from '../../client/hooks.ts';
import { methodKey } from '../../client/query-keys.ts';
import { useStudioClient } from '../../client/studio-context.tsx';
import { describeError } from '../../errors/error-text.ts';
import { useT } from '../../i18n/I18nProvider.tsx';
import { IconPlus, IconSearch } from '../../ui/icons.tsx';
import { toastError, useToasts } from '../../ui/Toasts.tsx';
import { useDebouncedValue } from '../../ui/use-debounced-value.ts';
import { useNow } from '../../ui/use-now.ts';
import { useArchiveJobs } from '../jobs/use-archive-jobs.ts';
import { CreateProjectDialog } from './CreateProjectDialog.tsx';
import { ImportArchiveButton } from './ImportArchiveButton.tsx';
import { DeleteProjectDialog, RenameProjectDialog } from './ProjectDialogs.tsx';
import { type ProjectAction, ProjectRow } from './ProjectRow.tsx';

type LibraryDialog =
  | { kind: 'create' }
  | { kind: 'rename'; project: ProjectSummary }
  | { kind: 'delete'; project: ProjectSummary };

const SEARCH_DELAY_MS = 250;

export function LibraryScreen() {
  const t = useT();
  const client = useStudioClient();
  const queryClient = useQueryClient();
  const toasts = useToasts();
  const archives = useArchiveJobs();
  const [search, setSearch] = useState('');
  const query = useDebouncedValue(search.trim(), SEARCH_DELAY_MS);
  const list = useStudioQuery('project.list', query === '' ? {} : { query }, {
    placeholderData: keepPreviousData,
  });
  const [dialog, setDialog] = useState<LibraryDialog | null>(null);
  const close = () => {
    setDialog(null);
  };

  const onAction = (action: ProjectAction, project: ProjectSummary) => {
    switch (action) {
      case 'rename':
      case 'delete':
        setDialog({ kind: action, project });
        return;
      case 'export':
        void archives.exportArchive(project.projectId, project.name);
        return;
      case 'duplicate':
        client.call('project.duplicate', { projectId: project.projectId }).then(
          (copy) => {
            void queryClient.invalidateQueries({ queryKey: methodKey('project.list') });
            toasts.push({ tone: 'success', title: t('library.duplicated', { name: copy.name }) });
          },
          (error: unknown) => {
            toastError(toasts, error, t('library.duplicateFailed', { name: project.name }));
          },
        );
        return;
    }
  };

  const projects = list.data ?? [];
  const now = useNow(60_000);
  return (
    <div className="library">
      <div className="page-head">
        <h1>{t('library.title')}</h1>
        <div className="page-actions">
          <label className="search">
            <IconSearch />
            <span className="visually-hidden">{t('library.search')}</span>
            <input
              type="search"
              className="input"
              placeholder={t('library.search')}
              value={search}
              onChange={(event) => {
                setSearch(event.target.value);
              }}
            />
          </label>
          <ImportArchiveButton
            needsFile={archives.importNeedsFile}
            onImport={archives.importArchive}
          />
          <button
            type="button"
            className="button button-primary"
            onClick={() => {
              setDialog({ kind: 'create' });
            }}
          >
            <IconPlus />
            {t('library.new')}
          </button>
        </div>
      </div>
      {list.data === undefined ? (
        list.isError ? (
          <div className="panel-error" role="alert">
            <p>
              {describeError(list.error).title}: {describeError(list.error).detail}
            </p>
            <button type="button" className="button" onClick={() => void list.refetch()}>
              {t('app.retry')}
            </button>
          </div>
        ) : (
          <p className="empty-note" role="status">
            {t('library.loading')}
          </p>
        )
      ) : projects.length === 0 ? (
        <div className="empty-state">
          {query === '' ? (
            <>
              <h2>{t('library.emptyTitle')}</h2>
              <p>{t('library.emptyHint')}</p>
            </>
          ) : (
            <h2>{t('library.noMatch', { query })}</h2>
          )}
        </div>
      ) : (
        <ul
          className="project-list"
          aria-label={t('library.list')}
          aria-busy={list.isPlaceholderData}
        >
          {projects.map((project) => (
            <ProjectRow key={project.projectId} project={project} now={now} onAction={onAction} />
          ))}
        </ul>
      )}
      {dialog?.kind === 'create' ? <CreateProjectDialog onClose={close} /> : null}
      {dialog?.kind === 'rename' ? (
        <RenameProjectDialog project={dialog.project} onClose={close} />
      ) : null}
      {dialog?.kind === 'delete' ? (
        <DeleteProjectDialog project={dialog.project} onClose={close} />
      ) : null}
    </div>
  );
}
