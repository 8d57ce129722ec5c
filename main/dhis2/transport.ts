import { HttpClient, type RetryInfo, type RetryPolicy } from '../http/index.js';
import { Dhis2Error, toDhis2Error, type AuthMethod } from './errors.js';

/** Credentials come from the caller (who owns the keychain); they only ever go into request headers. */
export type Dhis2Auth =
  { type: 'basic'; username: string; password: string } | { type: 'token'; token: string };

export interface Dhis2ConnectionOptions {
  /** The DHIS2 root, e.g. `https://dhis2.example.org` or `https://host/dhis` (a trailing `/api` is tolerated). */
  baseUrl: string;
  auth: Dhis2Auth;
  /** Requests in flight at once (default 4). */
  concurrency?: number;
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Extra PEM certificate authorities to trust. */
  ca?: string | string[];
  onRetry?: (info: RetryInfo) => void;
}

export type QueryParams = Record<string, string | number | boolean | undefined>;

const TOKEN = /^[A-Za-z0-9\-._~+/]+$/;
const EXAMPLE_ROOT = 'https://dhis2.example.org';

/**
 * GET-only JSON transport over the one HTTP layer: adds the credentials and `X-Requested-With` (so a missing
 * login is a 401, not a redirect), and refuses anything that is not a DHIS2 JSON answer — a redirect, an
 * HTML page (a login form, a proxy's error page) — with an error that says which URL to check.
 */
export class Dhis2Transport {
  readonly baseUrl: string;
  readonly authMethod: AuthMethod;
  private readonly http: HttpClient;

  constructor(options: Dhis2ConnectionOptions) {
    this.baseUrl = normaliseBaseUrl(options.baseUrl);
    this.authMethod = options.auth.type;
    this.http = new HttpClient({
      baseUrl: this.baseUrl,
      server: 'DHIS2',
      concurrency: options.concurrency ?? 4,
      timeoutMs: options.timeoutMs,
      retry: options.retry,
      ca: options.ca,
      onRetry: options.onRetry,
      headers: { Authorization: authorizationHeader(options.auth), 'X-Requested-With': 'XMLHttpRequest' },
    });
  }

  async getJson(path: string, params?: QueryParams, signal?: AbortSignal): Promise<unknown> {
    let response;
    try {
      response = await this.http.get<unknown>(path, params, signal);
    } catch (error) {
      throw toDhis2Error(error, this.baseUrl, this.authMethod);
    }
    if (response.status >= 300 && response.status < 400) throw this.redirected(response.headers.location);
    const contentType = response.headers['content-type'] ?? '';
    const data = response.data;
    if (/html/i.test(contentType) || typeof data === 'string' || data === undefined || data === null) {
      throw this.notDhis2(typeof data === 'string' ? data : '');
    }
    return data;
  }

  private redirected(location: string | undefined): Dhis2Error {
    const target = (location ?? '').split('?')[0] ?? '';
    if (/login|security|dhis-web-commons/i.test(target)) {
      return new Dhis2Error({
        kind: 'not-dhis2',
        message: `${this.baseUrl} answered with a redirect to a login page: check the URL (it should be the DHIS2 root, e.g. ${EXAMPLE_ROOT}).`,
      });
    }
    return new Dhis2Error({
      kind: 'not-dhis2',
      message: `${this.baseUrl} redirects elsewhere${target ? ` (${target})` : ''}: check the URL (it should be the DHIS2 root, e.g. ${EXAMPLE_ROOT}).`,
    });
  }

  private notDhis2(body: string): Dhis2Error {
    const page = /<input[^>]+type=["']?password|login/i.test(body) ? 'a login page' : 'a web page';
    return new Dhis2Error({
      kind: 'not-dhis2',
      message: `${this.baseUrl} answered with ${page}, not the DHIS2 API: check the URL (it should be the DHIS2 root, e.g. ${EXAMPLE_ROOT}).`,
    });
  }
}

function authorizationHeader(auth: Dhis2Auth): string {
  if (auth.type === 'basic') {
    return `Basic ${Buffer.from(`${auth.username}:${auth.password}`, 'utf8').toString('base64')}`;
  }
  const token = auth.token.trim();
  if (!TOKEN.test(token)) {
    throw new Dhis2Error({
      kind: 'auth',
      message:
        'The personal access token contains characters a DHIS2 token cannot have. Copy it again from DHIS2.',
    });
  }
  return `ApiToken ${token}`;
}

/** `https://host/dhis/` or `https://host/dhis/api` → `https://host/dhis`; rejects what is not an http(s) URL. */
export function normaliseBaseUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new Dhis2Error({
      kind: 'unreachable',
      message: `"${raw}" is not a web address. Enter the DHIS2 root, e.g. ${EXAMPLE_ROOT}.`,
    });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Dhis2Error({
      kind: 'unreachable',
      message: `"${raw}" is not an http(s) address. Enter the DHIS2 root, e.g. ${EXAMPLE_ROOT}.`,
    });
  }
  if (url.username || url.password) {
    throw new Dhis2Error({
      kind: 'auth',
      message: 'Do not put credentials in the DHIS2 address; enter them in the username and password fields.',
    });
  }
  const path = url.pathname.replace(/\/+$/, '').replace(/\/api(\/\d+)?$/, '');
  return `${url.protocol}//${url.host}${path}`;
}
