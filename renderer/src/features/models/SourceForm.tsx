/** Where packs download from, the access token (write-only) and the proxy in use. */
import { useState } from 'react';

import type { ModelSourceView } from '../../../../app/contract/models.ts';
import { useT } from '../../i18n/I18nProvider.tsx';
import type { ModelActions } from './use-model-actions.ts';

export function SourceForm(props: { source: ModelSourceView; actions: ModelActions }) {
  const t = useT();
  const { source } = props;
  const [baseUrl, setBaseUrl] = useState(source.isDefault ? '' : source.baseUrl);
  const [token, setToken] = useState('');
  return (
    <section className="model-panel" aria-labelledby="source-heading">
      <h2 id="source-heading">{t('models.source')}</h2>
      {source.packsPublished ? null : (
        <p className="model-note" role="note">
          {t('models.unpublished')}
        </p>
      )}
      <form
        className="form source-form"
        onSubmit={(event) => {
          event.preventDefault();
          void props.actions
            .saveSource({
              baseUrl: baseUrl.trim() === '' ? null : baseUrl.trim(),
              ...(token === '' ? {} : { token }),
            })
            .then((view) => {
              if (view !== null) {
                setToken('');
              }
            });
        }}
      >
        <label className="field">
          <span className="field-label">{t('models.baseUrl')}</span>
          <input
            className="input input-mono"
            placeholder={
              source.isDefault
                ? source.baseUrl
                : 'https://huggingface.co/{repo}/resolve/{revision}/{path}'
            }
            value={baseUrl}
            onChange={(event) => {
              setBaseUrl(event.target.value);
            }}
          />
        </label>
        <label className="field">
          <span className="field-label">
            {t('models.token')} {t(source.hasToken ? 'models.tokenStored' : 'models.tokenOptional')}
          </span>
          <input
            className="input input-mono"
            type="password"
            autoComplete="off"
            value={token}
            onChange={(event) => {
              setToken(event.target.value);
            }}
          />
        </label>
        <div className="dialog-actions">
          {source.hasToken ? (
            <button
              type="button"
              className="button"
              onClick={() => void props.actions.saveSource({ token: null })}
            >
              {t('models.forgetToken')}
            </button>
          ) : null}
          <button type="submit" className="button button-primary">
            {t('models.saveSource')}
          </button>
        </div>
      </form>
      <p className="model-facts">
        {t('models.sourceFacts', {
          source: t(source.isDefault ? 'models.source.default' : `models.source.${source.origin}`),
          storage: source.tokenStorage,
          proxy:
            source.proxy === null
              ? t('models.noProxy')
              : t('models.proxy', { proxy: source.proxy }),
        })}
      </p>
    </section>
  );
}
