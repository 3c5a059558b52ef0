/** Where packs download from, the access token (write-only) and the proxy in use. */
import { useState } from 'react';

import type { ModelSourceView } from '../../../../app/contract/models.ts';
import type { ModelActions } from './use-model-actions.ts';

export function SourceForm(props: { source: ModelSourceView; actions: ModelActions }) {
  const { source } = props;
  const [baseUrl, setBaseUrl] = useState(source.isDefault ? '' : source.baseUrl);
  const [token, setToken] = useState('');
  return (
    <section className="model-panel" aria-labelledby="source-heading">
      <h2 id="source-heading">Download source</h2>
      {source.packsPublished ? null : (
        <p className="model-note" role="note">
          Converted packs are not published yet. Set a mirror that serves them, or import a folder
          exported with tools/export.
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
          <span className="field-label">Base URL</span>
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
            Access token{' '}
            {source.hasToken ? '(one is stored; leave empty to keep it)' : '(optional)'}
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
              Forget the token
            </button>
          ) : null}
          <button type="submit" className="button button-primary">
            Save source
          </button>
        </div>
      </form>
      <p className="model-facts">
        Using {source.isDefault ? 'the default' : `the ${source.origin}`} source · token kept in{' '}
        {source.tokenStorage} · {source.proxy === null ? 'no proxy' : `proxy ${source.proxy}`}
      </p>
    </section>
  );
}
