import { HttpError } from '../http/index.js';

/**
 * What can go wrong talking to DHIS2, as kinds a caller can branch on and messages a field epidemiologist can
 * act on. Messages never contain credentials or query strings.
 */
export type Dhis2ErrorKind =
  | 'auth'
  | 'unreachable'
  | 'not-dhis2'
  | 'unsupported-version'
  | 'forbidden'
  | 'not-found'
  | 'bad-request'
  | 'transient'
  | 'cancelled';

export interface Dhis2ErrorInit {
  kind: Dhis2ErrorKind;
  message: string;
  status?: number;
  /** DHIS2's own message from its WebMessage body, when there was one. */
  serverMessage?: string;
  cause?: unknown;
}

export class Dhis2Error extends Error {
  readonly kind: Dhis2ErrorKind;
  readonly status?: number;
  readonly serverMessage?: string;

  constructor(init: Dhis2ErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'Dhis2Error';
    this.kind = init.kind;
    this.status = init.status;
    this.serverMessage = init.serverMessage;
  }
}

export function isDhis2Error(error: unknown, kind?: Dhis2ErrorKind): error is Dhis2Error {
  return error instanceof Dhis2Error && (kind === undefined || error.kind === kind);
}

/** The `message` of a DHIS2 WebMessage body (`{httpStatus, httpStatusCode, status, message, …}`). */
export function webMessage(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const message = (body as { message?: unknown }).message;
  return typeof message === 'string' && message.trim() !== '' ? message.trim() : undefined;
}

const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

export type AuthMethod = 'basic' | 'token';

/** Translates a failure of the HTTP layer into a Dhis2Error; anything else passes through unchanged. */
export function toDhis2Error(error: unknown, baseUrl: string, auth: AuthMethod): unknown {
  if (!(error instanceof HttpError)) return error;
  const where = `${error.method} ${error.url}`;
  switch (error.kind) {
    case 'cancelled':
      return new Dhis2Error({ kind: 'cancelled', message: 'The DHIS2 read was cancelled.', cause: error });
    case 'timeout':
      return new Dhis2Error({
        kind: 'transient',
        message: `DHIS2 at ${baseUrl} did not answer in time, even after several tries (${where}). The server may be busy: try again later.`,
        cause: error,
      });
    case 'network':
      return networkError(error, baseUrl);
    case 'http':
      return httpStatusError(error, baseUrl, auth);
  }
}

function networkError(error: HttpError, baseUrl: string): Dhis2Error {
  const code = error.code ?? 'network error';
  if (error.untrustedCertificate) {
    return new Dhis2Error({
      kind: 'unreachable',
      message: `The HTTPS certificate of ${baseUrl} is not trusted (${code}). If your ministry uses its own certificate authority, start the app with NODE_EXTRA_CA_CERTS set to that authority's PEM file.`,
      cause: error,
    });
  }
  if (UNREACHABLE_CODES.has(code)) {
    const why = code === 'ECONNREFUSED' ? 'the connection was refused' : 'the host name could not be found';
    return new Dhis2Error({
      kind: 'unreachable',
      message: `DHIS2 could not be reached at ${baseUrl}: ${why}. Check the URL and your network connection.`,
      cause: error,
    });
  }
  return new Dhis2Error({
    kind: 'transient',
    message: `The connection to DHIS2 at ${baseUrl} kept failing (${code}), even after several tries. Check your network and try again.`,
    cause: error,
  });
}

function httpStatusError(error: HttpError, baseUrl: string, auth: AuthMethod): Dhis2Error {
  const status = error.status ?? 0;
  const serverMessage = webMessage(error.body);
  const said = serverMessage ? ` DHIS2 said: "${serverMessage}".` : '';
  const base = { status, serverMessage, cause: error };
  if (status === 401) return authError(serverMessage, auth, error);
  if (status === 403) {
    return new Dhis2Error({
      ...base,
      kind: 'forbidden',
      message: `The DHIS2 account is not allowed to read this (${error.url}).${said} Ask the DHIS2 administrator for access.`,
    });
  }
  if (status === 404) {
    return new Dhis2Error({
      ...base,
      kind: 'not-found',
      message: `DHIS2 found nothing at ${error.url}.${said}`,
    });
  }
  if (status === 408 || status === 429 || status >= 500) {
    return new Dhis2Error({
      ...base,
      kind: 'transient',
      message: `DHIS2 at ${baseUrl} answered ${status} (server busy or failing), even after several tries.${said} Try again later.`,
    });
  }
  return new Dhis2Error({
    ...base,
    kind: 'bad-request',
    message: `DHIS2 refused the request ${error.method} ${error.url} (${status}).${said}`,
  });
}

/** 401: wrong password, locked or disabled account, or a token that is unknown, expired or unsupported. */
export function authError(serverMessage: string | undefined, auth: AuthMethod, cause?: unknown): Dhis2Error {
  const text = serverMessage?.toLowerCase() ?? '';
  const base = { kind: 'auth' as const, status: 401, serverMessage, cause };
  if (text.includes('locked')) {
    return new Dhis2Error({
      ...base,
      message: 'DHIS2 says this account is locked. Wait a while or ask the DHIS2 administrator to unlock it.',
    });
  }
  if (text.includes('disabled')) {
    return new Dhis2Error({
      ...base,
      message: 'DHIS2 says this account is disabled. Ask the DHIS2 administrator to enable it.',
    });
  }
  if (auth === 'basic') {
    return new Dhis2Error({
      ...base,
      message: 'DHIS2 rejected the username or password. Check them and try again.',
    });
  }
  if (text.includes('expired')) {
    return new Dhis2Error({
      ...base,
      message: 'The DHIS2 personal access token has expired. Create a new one in your DHIS2 user profile.',
    });
  }
  // A server that handled the header as a token explains why it refused it; one without token support (2.36,
  // 2.37 unless enabled) treats it as no credentials at all and just says "Unauthorized".
  if (serverMessage && !/^unauthori[sz]ed\.?$/i.test(serverMessage)) {
    return new Dhis2Error({
      ...base,
      message: `DHIS2 rejected the personal access token ("${serverMessage}"). Check the token or create a new one in your DHIS2 user profile.`,
    });
  }
  return new Dhis2Error({
    ...base,
    message:
      'DHIS2 did not recognise the personal access token. Tokens work on DHIS2 2.38 and later (on 2.37 only when the administrator has enabled them); on older servers sign in with a username and password.',
  });
}
