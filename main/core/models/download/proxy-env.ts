/**
 * Which proxy a URL goes through, from HTTPS_PROXY / HTTP_PROXY / NO_PROXY (either case).
 * Node's own http(s).Agent `proxyEnv` option does the proxying (see http-client.ts); this
 * mirrors its selection so the model manager can say which proxy is in use, and is tested
 * against it.
 */

export type ProxyEnv = Readonly<Record<string, string | undefined>>;

function pick(env: ProxyEnv, name: string): string | undefined {
  const value = env[name] ?? env[name.toLowerCase()];
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function defaultPort(protocol: string): string {
  return protocol === 'https:' ? '443' : '80';
}

/** True when NO_PROXY (comma or space separated hosts, `.suffix`, `*`, optional :port) matches. */
export function bypassesProxy(url: URL, noProxy: string | undefined): boolean {
  if (noProxy === undefined) {
    return false;
  }
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = url.port === '' ? defaultPort(url.protocol) : url.port;
  for (const raw of noProxy.split(/[\s,]+/)) {
    const entry = raw.trim().toLowerCase();
    if (entry === '') {
      continue;
    }
    if (entry === '*') {
      return true;
    }
    const match = /^(.*?)(?::(\d+))?$/.exec(entry.replace(/^\[|\]$/g, ''));
    const entryHost = (match?.[1] ?? entry).replace(/^\*?\./, '.');
    const entryPort = match?.[2];
    if (entryPort !== undefined && entryPort !== port) {
      continue;
    }
    if (entryHost.startsWith('.')) {
      if (host.endsWith(entryHost) || host === entryHost.slice(1)) {
        return true;
      }
    } else if (host === entryHost || host.endsWith(`.${entryHost}`)) {
      return true;
    }
  }
  return false;
}

/** The proxy URL a request to `url` uses, or null for a direct connection. */
export function proxyFor(url: URL, env: ProxyEnv): string | null {
  const proxy = url.protocol === 'https:' ? pick(env, 'HTTPS_PROXY') : pick(env, 'HTTP_PROXY');
  if (proxy === undefined) {
    return null;
  }
  return bypassesProxy(url, pick(env, 'NO_PROXY')) ? null : proxy;
}

/** The proxy settings without credentials, for display and logs. */
export function redactProxy(proxy: string): string {
  try {
    const parsed = new URL(proxy);
    parsed.username = '';
    parsed.password = '';
    return parsed.toString().replace(/\/$/, '');
  } catch {
    return '(unparseable proxy setting)';
  }
}
