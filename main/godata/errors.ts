import { HttpError } from '../http/index.js';

/**
 * Typed Go.Data errors. Every failure of the Go.Data client reaches callers as a GoDataError whose `kind` says
 * what to do about it (fix the data, fix the credentials, wait, give up), with Go.Data's own `code` kept.
 * Nothing secret is kept: URLs lose their query string (the HTTP layer already does that), headers are dropped.
 */
export type GoDataErrorKind =
  | 'validation'
  | 'auth'
  | 'locked'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'transient'
  | 'cancelled'
  | 'unreachable'
  | 'not-godata';

/** The `error` object of Go.Data's envelope (§13.5); also the shape of per-item errors inside `details.failed`. */
export interface GoDataErrorBody {
  statusCode?: number;
  name?: string;
  code?: string;
  message?: string;
  details?: unknown;
}

export interface GoDataErrorInit {
  kind: GoDataErrorKind;
  message: string;
  status?: number;
  code?: string;
  name?: string;
  details?: unknown;
  /** True when the server may have applied the request although the answer was lost. */
  maybeProcessed?: boolean;
  method?: string;
  url?: string;
  cause?: unknown;
}

export class GoDataError extends Error {
  readonly kind: GoDataErrorKind;
  readonly status?: number;
  /** Go.Data's error code (`VALIDATION_ERROR`, `MODEL_IN_USE` …); absent for LoopBack ValidationErrors. */
  readonly code?: string;
  /** The envelope's `name` (`ValidationError` for LoopBack model validation). */
  readonly errorName?: string;
  readonly details?: unknown;
  readonly maybeProcessed: boolean;
  readonly method?: string;
  readonly url?: string;

  constructor(init: GoDataErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'GoDataError';
    this.kind = init.kind;
    this.status = init.status;
    this.code = init.code;
    this.errorName = init.name;
    this.details = init.details;
    this.maybeProcessed = init.maybeProcessed ?? false;
    this.method = init.method;
    this.url = init.url;
  }

  /** Worth retrying later: the server or the network may recover. */
  get transient(): boolean {
    return this.kind === 'transient';
  }

  /**
   * Go.Data itself failed on this request: a 500 in its own error envelope (its internal-error handler always
   * names a code). Retried like any 5xx, but once retries are exhausted it is most likely about this request's
   * content (a server bug or a value it cannot store), unlike a 502/503/504 or an answer without the envelope
   * (a proxy, an outage), which are about the server.
   */
  get serverFault(): boolean {
    return this.status === 500 && this.code !== undefined;
  }

  /** Field-level reasons of a LoopBack ValidationError: `{field: ["presence" | "uniqueness" …]}`. */
  get validationCodes(): Record<string, string[]> | undefined {
    return stringListRecord(detailsField(this.details, 'codes'));
  }

  /** Field-level messages of a LoopBack ValidationError: `{field: ["can't be blank" …]}`. */
  get validationMessages(): Record<string, string[]> | undefined {
    return stringListRecord(detailsField(this.details, 'messages'));
  }
}

export function isGoDataError(error: unknown, kind?: GoDataErrorKind): error is GoDataError {
  return error instanceof GoDataError && (kind === undefined || error.kind === kind);
}

/** Reads Go.Data's envelope `{"error": {...}}` out of a response body; undefined for anything else. */
export function envelopeOf(body: unknown): GoDataErrorBody | undefined {
  if (!isRecord(body) || !isRecord(body.error)) return undefined;
  return errorBodyOf(body.error);
}

/** Reads a bare Go.Data error object (as found in `details.failed[].error`). */
export function errorBodyOf(value: unknown): GoDataErrorBody | undefined {
  if (!isRecord(value)) return undefined;
  const body: GoDataErrorBody = {
    statusCode: typeof value.statusCode === 'number' ? value.statusCode : undefined,
    name: typeof value.name === 'string' ? value.name : undefined,
    code: typeof value.code === 'string' ? value.code : undefined,
    message: typeof value.message === 'string' ? value.message : undefined,
    details: value.details,
  };
  return (body.statusCode ?? body.code ?? body.message ?? body.name) ? body : undefined;
}

/** The kind of a Go.Data error answer, from its status and code. */
export function kindOf(status: number, body: GoDataErrorBody): GoDataErrorKind {
  const code = body.code;
  if (code === 'ACTION_TEMPORARILY_BLOCKED') return 'locked';
  if (status === 401 || code === 'LOGIN_FAILED') return 'auth';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status === 409) return 'conflict';
  if (status === 408 || status === 429 || status >= 500) return 'transient';
  return 'validation';
}

/** Turns a Go.Data error found inside a bulk answer (no HTTP status of its own) into a GoDataError. */
export function fromErrorBody(body: GoDataErrorBody, fallbackStatus = 422): GoDataError {
  const status = body.statusCode ?? fallbackStatus;
  return new GoDataError({
    kind: kindOf(status, body),
    message: `Go.Data refused the record${describeBody(status, body)}`,
    status,
    code: body.code,
    name: body.name,
    details: body.details,
  });
}

/** Turns anything thrown by the HTTP layer into a GoDataError (GoDataErrors pass through unchanged). */
export function toGoDataError(error: unknown): GoDataError {
  if (error instanceof GoDataError) return error;
  if (!(error instanceof HttpError)) {
    return new GoDataError({
      kind: 'transient',
      message: `Go.Data request failed: ${String(error)}`,
      cause: error,
    });
  }
  const where = `${error.method} ${error.url}`;
  const base = { method: error.method, url: error.url, cause: error, maybeProcessed: error.maybeProcessed };
  switch (error.kind) {
    case 'cancelled':
      return new GoDataError({ ...base, kind: 'cancelled', message: `Go.Data request cancelled (${where})` });
    case 'timeout':
      return new GoDataError({
        ...base,
        kind: 'transient',
        message: `Go.Data did not answer in time (${where})`,
      });
    case 'network': {
      if (error.untrustedCertificate)
        return new GoDataError({ ...base, kind: 'unreachable', message: error.message });
      const neverReached = NEVER_REACHED.has(error.code ?? '');
      return new GoDataError({
        ...base,
        kind: neverReached ? 'unreachable' : 'transient',
        message: neverReached
          ? `Go.Data is unreachable at this address: ${error.code} (${where})`
          : `Connection to Go.Data failed: ${error.code ?? 'network error'} (${where})`,
      });
    }
    case 'http':
      return fromHttpStatus(error.status ?? 0, error.body, base, where);
  }
}

/** A successful-looking answer that is not Go.Data's (a redirect, an HTML page, a proxy's text). */
export function notGoData(method: string, url: string, status: number, what: string): GoDataError {
  return new GoDataError({
    kind: 'not-godata',
    status,
    method,
    url,
    message: `The server at this address does not look like Go.Data: ${what} (${method} ${url}, HTTP ${status})`,
  });
}

const NEVER_REACHED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

function fromHttpStatus(
  status: number,
  body: unknown,
  base: Pick<GoDataErrorInit, 'method' | 'url' | 'cause' | 'maybeProcessed'>,
  where: string,
): GoDataError {
  const envelope = envelopeOf(body);
  if (!envelope) {
    // Transient statuses from a proxy in front of Go.Data carry no envelope either; they are still transient.
    if (status === 408 || status === 429 || status >= 500) {
      return new GoDataError({
        ...base,
        kind: 'transient',
        status,
        message: `Go.Data answered ${status} (${where})`,
      });
    }
    return notGoData(base.method ?? '', base.url ?? '', status, 'the error answer is not a Go.Data error');
  }
  return new GoDataError({
    ...base,
    kind: kindOf(status, envelope),
    status,
    code: envelope.code,
    name: envelope.name,
    details: envelope.details,
    message: `${status === 500 ? SERVER_FAULT_LEAD : LEAD[kindOf(status, envelope)]}${describeBody(status, envelope)} (${where})`,
  });
}

const SERVER_FAULT_LEAD = 'Go.Data failed with an internal error';

const LEAD: Record<GoDataErrorKind, string> = {
  validation: 'Go.Data rejected the data',
  auth: 'Go.Data did not accept the credentials',
  locked: 'The Go.Data account is temporarily locked after too many failed logins',
  forbidden: 'The Go.Data user is not allowed to do this',
  'not-found': 'Go.Data does not know this record',
  conflict: 'Go.Data reports a conflict',
  transient: 'Go.Data failed temporarily',
  cancelled: 'Cancelled',
  unreachable: 'Go.Data is unreachable',
  'not-godata': 'Not a Go.Data server',
};

function describeBody(status: number, body: GoDataErrorBody): string {
  const code = body.code ?? body.name;
  const head = code ? `${status} ${code}` : String(status);
  return body.message ? ` (${head}): ${body.message}` : ` (${head})`;
}

function detailsField(details: unknown, key: string): unknown {
  return isRecord(details) ? details[key] : undefined;
}

function stringListRecord(value: unknown): Record<string, string[]> | undefined {
  if (!isRecord(value)) return undefined;
  const out: Record<string, string[]> = {};
  for (const [field, list] of Object.entries(value)) {
    if (Array.isArray(list)) out[field] = list.filter((item): item is string => typeof item === 'string');
  }
  return out;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
