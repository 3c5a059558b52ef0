/** The project's header: history controls, its name, and its tempo, metre and key. */
import { useQueryClient } from '@tanstack/react-query';

import { ProjectName, type ProjectSnapshot } from '../../../../app/model/project.ts';
import { methodKey, snapshotKey } from '../../client/query-keys.ts';
import { useStudioClient } from '../../client/studio-context.tsx';
import { useT } from '../../i18n/I18nProvider.tsx';
import { CommitInput } from '../../ui/CommitInput.tsx';
import { IconRedo, IconUndo } from '../../ui/icons.tsx';
import { useErrorToast } from '../../ui/Toasts.tsx';
import { ExportButton } from '../export/ExportButton.tsx';
import { EditMenu, historyItems } from './EditMenu.tsx';
import { ProjectMetaFields } from './ProjectMetaFields.tsx';
import type { ProjectCommands } from './use-project.ts';
import { shortcutText } from './use-undo-shortcuts.ts';

const validName = (text: string) => {
  const parsed = ProjectName.safeParse(text);
  return parsed.success ? undefined : parsed.error.issues[0]?.message;
};

export function ProjectToolbar(props: { snapshot: ProjectSnapshot; commands: ProjectCommands }) {
  const t = useT();
  const { snapshot, commands } = props;
  const client = useStudioClient();
  const queryClient = useQueryClient();
  const reportError = useErrorToast();
  const [undo, redo] = historyItems(snapshot.history);
  const rename = (name: string) => {
    client.call('project.rename', { projectId: snapshot.projectId, name }).then(
      () => {
        void queryClient.invalidateQueries({ queryKey: snapshotKey(snapshot.projectId) });
        void queryClient.invalidateQueries({ queryKey: methodKey('project.list') });
      },
      (error: unknown) => {
        reportError(error, t('dialog.renameProject'));
      },
    );
  };
  const onCommand = (command: 'undo' | 'redo') => {
    commands[command]();
  };
  return (
    <header className="project-toolbar">
      <div className="toolbar-group" role="toolbar" aria-label={t('project.history')}>
        <EditMenu history={snapshot.history} onCommand={onCommand} />
        <button
          type="button"
          className="button button-ghost"
          disabled={undo?.enabled !== true}
          title={`${undo?.text ?? t('project.undo')} (${shortcutText('undo')})`}
          onClick={commands.undo}
        >
          <IconUndo />
          <span className="history-label">{undo?.text ?? t('project.undo')}</span>
        </button>
        <button
          type="button"
          className="button button-ghost"
          disabled={redo?.enabled !== true}
          title={`${redo?.text ?? t('project.redo')} (${shortcutText('redo')})`}
          onClick={commands.redo}
        >
          <IconRedo />
          <span className="history-label">{redo?.text ?? t('project.redo')}</span>
        </button>
      </div>
      <div className="project-title">
        <CommitInput
          className="input-title"
          label={t('project.name')}
          maxLength={120}
          value={snapshot.name}
          validate={validName}
          onCommit={rename}
        />
      </div>
      <ProjectMetaFields meta={snapshot.state.meta} onEdit={commands.apply} />
      <ExportButton snapshot={snapshot} />
    </header>
  );
}
