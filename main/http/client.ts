import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import tls from 'node:tls';
import axios, { type AxiosInstance, type AxiosResponse, type Method } from 'axios';
import pLimit, { type LimitFunction } from 'p-limit';
import { HttpError } from './errors.js';
import { DEFAULT_RETRY_POLICY, nextRetryDelay, parseRetryAfter, sleep, type RetryPolicy } from './retry.js';

/**
 * The one HTTP layer for both servers: axios with keep-alive, a per-server concurrency limit, timeouts,
 * cancellation and the retry policy. Server clients (DHIS2, Go.Data) build on it and never call axios directly.
 *
 * Redirects are never followed: DHIS2 answers a missing login with a 302 to an HTML page, which a client that
 * follows redirects would mistake for a 200. TLS verification stays on; a private CA can be added instead.
 */
export interface HttpClientOptions {
  baseUrl: string;
  /** Human name used in error messages ("DHIS2", "Go.Data"). */
  server: string;
  concurrency?: number;
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  headers?: Record<string, string>;
  /** Extra PEM certificate authorities to trust (e.g. a ministry's private CA); never disables verification. */
  ca?: string | string[];
  /** Called for each retry, for progress and logs. Receives no secrets. */
  onRetry?: (info: RetryInfo) => void;
}

export interface RetryInfo {
  server: string;
  method: string;
  url: string;
  attempt: number;
  delayMs: number;
  reason: string;
}

export interface HttpRequest {
  method: Method;
  /** Path relative to the base URL, e.g. `/api/system/info`. */
  path: string;
  params?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Safe to repeat even if the server may have processed it. Defaults: GET/HEAD/PUT/DELETE yes, POST/PATCH no. */
  idempotent?: boolean;
  /** Set false to get error statuses back as responses instead of HttpErrors. */
  throwOnHttpError?: boolean;
  timeoutMs?: number;
  /** Disable retries for this request (e.g. a login that must never be repeated). */
  noRetry?: boolean;
}

export interface HttpResponse<T> {
  status: number;
  data: T;
  headers: Record<string, string | undefined>;
}

const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);

export class HttpClient {
  readonly baseUrl: string;
  readonly server: string;
  private readonly axios: AxiosInstance;
  private readonly limit: LimitFunction;
  private readonly policy: RetryPolicy;
  private readonly onRetry?: (info: RetryInfo) => void;

  constructor(options: HttpClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.server = options.server;
    this.policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.onRetry = options.onRetry;
    const concurrency = options.concurrency ?? 4;
    this.limit = pLimit(concurrency);
    this.axios = axios.create({
      baseURL: this.baseUrl,
      timeout: options.timeoutMs ?? 60_000,
      maxRedirects: 0,
      validateStatus: () => true,
      headers: { Accept: 'application/json', ...options.headers },
      httpAgent: new http.Agent({ keepAlive: true, maxSockets: concurrency }),
      httpsAgent: new https.Agent({
        keepAlive: true,
        maxSockets: concurrency,
        ca: trustedAuthorities(options.ca),
      }),
      // Keep a plain Node transport (no XHR/fetch adapters) so errors and agents behave the same everywhere.
      adapter: 'http',
    });
  }

  request<T>(request: HttpRequest): Promise<HttpResponse<T>> {
    return this.limit(() => this.withRetries<T>(request));
  }

  get<T>(path: string, params?: HttpRequest['params'], signal?: AbortSignal): Promise<HttpResponse<T>> {
    return this.request<T>({ method: 'GET', path, params, signal });
  }

  private async withRetries<T>(request: HttpRequest): Promise<HttpResponse<T>> {
    const idempotent = request.idempotent ?? IDEMPOTENT_METHODS.has(request.method.toUpperCase());
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.once<T>(request);
      } catch (error) {
        const delayMs = request.noRetry
          ? undefined
          : nextRetryDelay({ error, attempt, idempotent, policy: this.policy });
        if (delayMs === undefined) throw error;
        this.onRetry?.({
          server: this.server,
          method: request.method,
          url: request.path,
          attempt: attempt + 1,
          delayMs,
          reason: error instanceof Error ? error.message : String(error),
        });
        await sleep(delayMs, request.signal).catch(() => {
          throw this.failure(request, 'cancelled', false);
        });
      }
    }
  }

  private async once<T>(request: HttpRequest): Promise<HttpResponse<T>> {
    if (request.signal?.aborted) throw this.failure(request, 'cancelled', false);
    let response: AxiosResponse<T>;
    try {
      response = await this.axios.request<T>({
        method: request.method,
        url: request.path,
        params: request.params,
        data: request.body,
        headers: request.headers,
        signal: request.signal,
        timeout: request.timeoutMs,
      });
    } catch (error) {
      throw this.translate(request, error);
    }
    const headers = normaliseHeaders(response.headers);
    if (response.status >= 400 && request.throwOnHttpError !== false) {
      throw new HttpError({
        kind: 'http',
        method: request.method,
        url: request.path,
        status: response.status,
        body: response.data,
        retryAfterMs: parseRetryAfter(headers['retry-after']),
        // 429 and 503 say the server turned the request away; a 500 or a gateway error may hide a stored write.
        maybeProcessed: response.status >= 500 && response.status !== 503,
        server: this.server,
      });
    }
    return { status: response.status, data: response.data, headers };
  }

  private translate(request: HttpRequest, error: unknown): HttpError {
    if (axios.isCancel(error) || request.signal?.aborted) return this.failure(request, 'cancelled', false);
    const code = axios.isAxiosError(error) ? error.code : undefined;
    if (code === 'ECONNABORTED' || code === 'ETIMEDOUT') return this.failure(request, 'timeout', true, code);
    // Refused or unresolvable: the request never reached a server. A reset may have reached it.
    const neverSent = code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN';
    return this.failure(
      request,
      'network',
      !neverSent,
      code ?? (error instanceof Error ? error.message : undefined),
    );
  }

  private failure(
    request: HttpRequest,
    kind: HttpError['kind'],
    maybeProcessed: boolean,
    code?: string,
  ): HttpError {
    return new HttpError({
      kind,
      method: request.method,
      url: request.path,
      code,
      maybeProcessed,
      server: this.server,
    });
  }
}

/**
 * Node's `ca` replaces the trusted roots, so a private CA given here is added to the public roots and to the
 * ones from NODE_EXTRA_CA_CERTS rather than replacing them. Without one, Node's defaults apply as they are.
 */
function trustedAuthorities(extra: string | string[] | undefined): string[] | undefined {
  if (!extra) return undefined;
  const fromEnvironment: string[] = [];
  const file = process.env.NODE_EXTRA_CA_CERTS;
  if (file) {
    try {
      fromEnvironment.push(fs.readFileSync(file, 'utf8'));
    } catch {
      // Node itself only warns about an unreadable NODE_EXTRA_CA_CERTS file; so do we, by ignoring it.
    }
  }
  return [...tls.rootCertificates, ...fromEnvironment, ...[extra].flat()];
}

function normaliseHeaders(headers: AxiosResponse['headers']): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(headers ?? {})) {
    out[key.toLowerCase()] = Array.isArray(value)
      ? value.join(', ')
      : value == null
        ? undefined
        : String(value);
  }
  return out;
}
