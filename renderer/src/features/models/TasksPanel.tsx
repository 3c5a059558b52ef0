/** What each task needs, and a one-click install of what is missing. */
import type { ModelPrecision, ModelsOverview } from '../../../../app/contract/models.ts';
import { useT } from '../../i18n/I18nProvider.tsx';
import { taskTitle } from './model-format.ts';
import type { ModelActions } from './use-model-actions.ts';

export function TasksPanel(props: {
  overview: ModelsOverview;
  precision: ModelPrecision;
  actions: ModelActions;
}) {
  const t = useT();
  const titles = new Map(props.overview.components.map((c) => [c.id, c]));
  return (
    <section className="model-panel" aria-labelledby="tasks-heading">
      <h2 id="tasks-heading">{t('models.tasks')}</h2>
      <ul className="task-list">
        {props.overview.tasks.map((task) => {
          const installable = task.missing.filter((id) => titles.get(id)?.state === 'available');
          const title = taskTitle(task);
          const needs = task.missing
            .map((id) => titles.get(id)?.title ?? id)
            .join(t('models.listSeparator'));
          return (
            <li key={task.id} className="task-row" data-testid="task-row">
              <span className="task-title">{title}</span>
              {task.ready ? (
                <span className="chip chip-succeeded">{t('models.ready')}</span>
              ) : (
                <span className="task-missing">{t('models.needs', { list: needs })}</span>
              )}
              {installable.length > 0 ? (
                <button
                  type="button"
                  className="button button-small"
                  aria-label={t('models.installFor', { task: title })}
                  onClick={() => {
                    for (const id of installable) {
                      props.actions.install(id, props.precision, titles.get(id)?.title ?? id);
                    }
                  }}
                >
                  {t('models.install')}
                </button>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
