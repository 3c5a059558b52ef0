/** What each task needs, and a one-click install of what is missing. */
import type { ModelPrecision, ModelsOverview } from '../../../../app/contract/models.ts';
import type { ModelActions } from './use-model-actions.ts';

export function TasksPanel(props: {
  overview: ModelsOverview;
  precision: ModelPrecision;
  actions: ModelActions;
}) {
  const titles = new Map(props.overview.components.map((c) => [c.id, c]));
  return (
    <section className="model-panel" aria-labelledby="tasks-heading">
      <h2 id="tasks-heading">What each task needs</h2>
      <ul className="task-list">
        {props.overview.tasks.map((task) => {
          const installable = task.missing.filter((id) => titles.get(id)?.state === 'available');
          return (
            <li key={task.id} className="task-row" data-testid="task-row">
              <span className="task-title">{task.title}</span>
              {task.ready ? (
                <span className="chip chip-succeeded">Ready</span>
              ) : (
                <span className="task-missing">
                  Needs {task.missing.map((id) => titles.get(id)?.title ?? id).join(', ')}
                </span>
              )}
              {installable.length > 0 ? (
                <button
                  type="button"
                  className="button button-small"
                  aria-label={`Install what ${task.title} needs`}
                  onClick={() => {
                    for (const id of installable) {
                      props.actions.install(id, props.precision, titles.get(id)?.title ?? id);
                    }
                  }}
                >
                  Install
                </button>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
