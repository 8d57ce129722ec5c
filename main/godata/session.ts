import type { HttpClient, HttpRequest, HttpResponse } from '../http/index.js';
import { GoDataError, notGoData, toGoDataError } from './errors.js';

/**
 * One logged-in Go.Data session: the access token lives here, in memory only, and travels in the
 * `Authorization` header (never in a URL, never in a log or an error).
 *
 * Go.Data keeps one token per user (every login deletes the user's other tokens) and expires it after idle
 * time or a restart. When a request is refused with 401 INVALID_TOKEN / AUTHORIZATION_REQUIRED the session logs
 * in again and replays the request once; requests that hit the 401 together share that single re-login, so a
 * burst of them cannot log each other out.
 */
export interface GoDataCredentials {
  email: string;
  password: string;
}

export interface GoDataLoginInfo {
  userId: string;
  ttlSeconds?: number;
}

/** Events for progress and logs; they never carry the token or the password. */
export type GoDataSessionEvent =
  { type: 'login'; userId: string; renewal: boolean } | { type: 'active-outbreak'; outbreakId: string };

/** A request to Go.Data as the client modules make it (headers are the session's business). */
export type GoDataRequest = Omit<HttpRequest, 'headers' | 'throwOnHttpError'>;

const TOKEN_REJECTED = new Set(['INVALID_TOKEN', 'AUTHORIZATION_REQUIRED']);

export class GoDataSession {
  readonly http: HttpClient;
  readonly #credentials: GoDataCredentials;
  readonly #onEvent?: (event: GoDataSessionEvent) => void;
  #token?: string;
  #userId?: string;
  /** Bumped on every successful login, so a 401 on an older token knows a newer one already exists. */
  #generation = 0;
  #login?: Promise<void>;
  /** A refused login is final for this session: repeating it would only walk the account into the lockout. */
  #loginRefused?: GoDataError;

  constructor(
    http: HttpClient,
    credentials: GoDataCredentials,
    onEvent?: (event: GoDataSessionEvent) => void,
  ) {
    this.http = http;
    this.#credentials = credentials;
    this.#onEvent = onEvent;
  }

  /** The logged-in user's id (after the first login). */
  get userId(): string | undefined {
    return this.#userId;
  }

  /** Logs in now unless a token is already held. */
  async ensureLoggedIn(signal?: AbortSignal): Promise<string> {
    if (this.#token === undefined) await this.renew(this.#generation, signal);
    if (this.#userId === undefined)
      throw new GoDataError({ kind: 'auth', message: 'Go.Data login gave no user id' });
    return this.#userId;
  }

  /** An authenticated request whose JSON answer is returned; renews the token once on 401. */
  async call<T>(request: GoDataRequest): Promise<T> {
    return (await this.callWithStatus<T>(request)).data;
  }

  async callWithStatus<T>(request: GoDataRequest): Promise<HttpResponse<T>> {
    await this.ensureLoggedIn(request.signal);
    const generation = this.#generation;
    try {
      return await this.send<T>(request, this.#token);
    } catch (error) {
      if (!isTokenRejected(error)) throw error;
      await this.renew(generation, request.signal);
      return await this.send<T>(request, this.#token);
    }
  }

  /** A request sent without any token (login, version, public routes). */
  sendAnonymous<T>(request: GoDataRequest & { headers?: Record<string, string> }): Promise<HttpResponse<T>> {
    return this.send<T>(request, undefined);
  }

  private async send<T>(
    request: GoDataRequest & { headers?: Record<string, string> },
    token: string | undefined,
  ): Promise<HttpResponse<T>> {
    const headers = { ...request.headers, ...(token === undefined ? {} : { Authorization: token }) };
    let response: HttpResponse<T>;
    try {
      response = await this.http.request<T>({ ...request, headers });
    } catch (error) {
      throw toGoDataError(error);
    }
    return checkGoDataAnswer(request, response);
  }

  /** Logs in unless a login newer than `staleGeneration` already happened; concurrent callers share one login. */
  private async renew(staleGeneration: number, signal?: AbortSignal): Promise<void> {
    if (this.#generation !== staleGeneration && this.#token !== undefined) return;
    this.#login ??= this.login().finally(() => {
      this.#login = undefined;
    });
    await abortable(this.#login, signal);
  }

  private async login(): Promise<void> {
    if (this.#loginRefused) throw this.#loginRefused;
    const renewal = this.#token !== undefined;
    // The old token must not travel with the login: Go.Data would refuse the login itself with INVALID_TOKEN.
    this.#token = undefined;
    let response: HttpResponse<unknown>;
    try {
      response = await this.sendAnonymous<unknown>({
        method: 'POST',
        path: '/api/users/login',
        body: { email: this.#credentials.email, password: this.#credentials.password },
        // A login is not idempotent (each failure counts towards the 10-failure lockout), so the HTTP layer
        // repeats it only when the server certainly did not check the password: 429, 503, connection refused.
        idempotent: false,
      });
    } catch (error) {
      const refused = plainLoginError(toGoDataError(error));
      if (refused.kind === 'auth' || refused.kind === 'locked' || refused.kind === 'validation') {
        this.#loginRefused = refused;
      }
      throw refused;
    }
    const answer = response.data;
    if (!isLoginAnswer(answer)) {
      if (isTwoFactorAnswer(answer)) {
        throw new GoDataError({
          kind: 'auth',
          message:
            'This Go.Data account uses two-factor authentication; use an integration account without it',
        });
      }
      throw notGoData('POST', '/api/users/login', response.status, 'the login answer carries no token');
    }
    this.#token = answer.id;
    this.#userId = answer.userId;
    this.#generation++;
    this.#onEvent?.({ type: 'login', userId: answer.userId, renewal });
  }
}

function isTokenRejected(error: unknown): boolean {
  return error instanceof GoDataError && error.status === 401 && TOKEN_REJECTED.has(error.code ?? '');
}

function isLoginAnswer(value: unknown): value is { id: string; userId: string } {
  if (typeof value !== 'object' || value === null) return false;
  const { id, userId } = value as Record<string, unknown>;
  return typeof id === 'string' && id !== '' && typeof userId === 'string' && userId !== '';
}

function isTwoFactorAnswer(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as Record<string, unknown>).twoFA === true;
}

/** Go.Data answers JSON (or nothing, 204); a redirect or an HTML page means something else answered. */
function checkGoDataAnswer<T>(request: GoDataRequest, response: HttpResponse<T>): HttpResponse<T> {
  const method = request.method.toUpperCase();
  if (response.status >= 300) {
    throw notGoData(
      method,
      request.path,
      response.status,
      `unexpected redirect to ${response.headers.location ?? '?'}`,
    );
  }
  const type = response.headers['content-type'] ?? '';
  if (typeof response.data === 'string' && response.data !== '' && !type.includes('json')) {
    throw notGoData(method, request.path, response.status, `it answered ${type || 'text'} instead of JSON`);
  }
  return response;
}

/** Waits for a shared promise but lets this caller leave early when its own signal aborts. */
function abortable<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return promise;
  const cancelled = () =>
    new GoDataError({ kind: 'cancelled', message: 'Go.Data request cancelled (login)' });
  if (signal.aborted) return Promise.reject(cancelled());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(cancelled());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/** A refused password, said as the user needs it (the code stays on the error for logs). */
function plainLoginError(error: GoDataError): GoDataError {
  if (error.kind !== 'auth' || error.code !== 'LOGIN_FAILED') return error;
  return new GoDataError({
    kind: 'auth',
    status: error.status,
    code: error.code,
    name: error.errorName,
    method: error.method,
    url: error.url,
    cause: error,
    message:
      'Go.Data rejected the email or password. Check them and try again: after 10 failed sign-ins Go.Data ' +
      'locks the account for a while.',
  });
}
