/** The whole window given to one message: no connection, a version mismatch, a crash. */
import { describeError } from '../errors/error-text.ts';
import { useT } from '../i18n/I18nProvider.tsx';
import { IconLogo } from '../ui/icons.tsx';

export function FullScreenMessage(props: {
  title: string;
  detail?: string;
  hint?: string | null;
  action?: { label: string; run: () => void };
  busy?: boolean;
}) {
  return (
    <main className="fullscreen" aria-busy={props.busy === true}>
      <div className="fullscreen-card" role={props.busy === true ? 'status' : 'alert'}>
        <IconLogo />
        <h1>{props.title}</h1>
        {props.detail === undefined ? null : <p>{props.detail}</p>}
        {props.hint === undefined || props.hint === null ? null : (
          <p className="muted">{props.hint}</p>
        )}
        {props.action === undefined ? null : (
          <button type="button" className="button button-primary" onClick={props.action.run}>
            {props.action.label}
          </button>
        )}
      </div>
    </main>
  );
}

/** A connection failure: mismatches ask for a reload, everything else offers a retry. */
export function ConnectionFailure(props: { error: unknown; onRetry: () => void }) {
  const t = useT();
  const described = describeError(props.error);
  const action =
    described.code === 'CONTRACT_MISMATCH'
      ? {
          label: t('app.reload'),
          run: () => {
            location.reload();
          },
        }
      : { label: t('app.retry'), run: props.onRetry };
  return (
    <FullScreenMessage
      title={described.title}
      detail={described.detail}
      hint={described.hint}
      action={action}
    />
  );
}
