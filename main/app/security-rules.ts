/**
 * URL rules of the secure window, as small pure functions (no Electron import) so they are unit-tested.
 * The renderer is served from our own `app://bridge/` origin; nothing else may load in the window.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'bridge';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY = `${APP_ORIGIN}/index.html`;

export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  // Mantine sets element style attributes; no inline <script> is ever allowed.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

function parse(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/** A page of our own app (the only thing the window may show). */
export function isAppUrl(url: string): boolean {
  const parsed = parse(url);
  return parsed?.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
}

/** IPC is answered only for our own top-level page, never for a frame or a navigated-away page. */
export function isTrustedSender(frameUrl: string | undefined, isMainFrame: boolean): boolean {
  return isMainFrame && frameUrl !== undefined && isAppUrl(frameUrl);
}

/**
 * Links the user may open in the system browser: https only, no embedded credentials, a real host name.
 * Everything else (file:, javascript:, custom protocols that launch programs, http:) is refused.
 */
export function isSafeExternalUrl(url: string): boolean {
  const parsed = parse(url);
  if (!parsed || parsed.protocol !== 'https:') return false;
  if (parsed.username || parsed.password) return false;
  return /^[a-z0-9.-]+$/i.test(parsed.hostname) && parsed.hostname.includes('.');
}

/**
 * Maps an `app://bridge/...` request to a file under the renderer folder; undefined for anything that tries to
 * leave it (`..`, encoded separators) or for another host.
 */
export function resolveAppFile(
  url: string,
  rendererDir: string,
  paths: { resolve: (...p: string[]) => string; sep: string },
): string | undefined {
  const parsed = parse(url);
  if (!parsed || !isAppUrl(url)) return undefined;
  let pathname: string;
  try {
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return undefined;
  }
  if (pathname.includes('\0')) return undefined;
  const root = paths.resolve(rendererDir);
  const file = paths.resolve(root, '.' + (pathname === '/' ? '/index.html' : pathname));
  return file.startsWith(root + paths.sep) ? file : undefined;
}
