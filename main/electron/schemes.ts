/**
 * The desktop app's own URL schemes and the one origin the renderer may have.
 * `studio-app://app/…` serves out/renderer; `studio-media://media/<sha256>` serves stored audio.
 */
import type { CustomScheme } from 'electron';

export const APP_SCHEME = 'studio-app';
export const MEDIA_SCHEME = 'studio-media';
export const APP_HOST = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_START_URL = `${APP_ORIGIN}/index.html`;

/** Must be registered before the app is ready. */
export const PRIVILEGED_SCHEMES: CustomScheme[] = [
  {
    scheme: APP_SCHEME,
    privileges: { standard: true, secure: true, supportFetchAPI: true },
  },
  {
    // corsEnabled: the renderer (another origin) fetches media for decoding, not only <audio>.
    scheme: MEDIA_SCHEME,
    privileges: { secure: true, stream: true, supportFetchAPI: true, corsEnabled: true },
  },
];

/**
 * The origin of a URL as Chromium sees it. Node's URL gives "null" for custom schemes, so
 * studio-app origins are built by hand; anything but http(s) and studio-app has none.
 */
export function originOf(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol === 'http:' || parsed.protocol === 'https:') {
    return parsed.origin;
  }
  if (parsed.protocol === `${APP_SCHEME}:` && parsed.host !== '') {
    return `${APP_SCHEME}://${parsed.host}`;
  }
  return null;
}

export interface StartTarget {
  /** What the window loads first. */
  url: string;
  /** The only origin allowed to navigate, call the bridge or receive permissions. */
  origin: string;
}

/**
 * The packaged app always loads studio-app://. A development build may load a Vite dev server
 * from LAYERLINE_DEV_SERVER_URL, but only on this machine (a remote page would get the bridge).
 */
export function startTarget(devServerUrl: string | undefined, isPackaged: boolean): StartTarget {
  if (devServerUrl === undefined || devServerUrl === '' || isPackaged) {
    return { url: APP_START_URL, origin: APP_ORIGIN };
  }
  const parsed = new URL(devServerUrl);
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(parsed.hostname);
  if (!(parsed.protocol === 'http:' || parsed.protocol === 'https:') || !loopback) {
    throw new Error(
      `LAYERLINE_DEV_SERVER_URL must be an http(s) URL on this machine, not ${devServerUrl}.`,
    );
  }
  return { url: parsed.href, origin: parsed.origin };
}
