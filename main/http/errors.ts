/**
 * Errors of the one HTTP layer. They carry what a caller needs to decide (retry? re-login? show the user?)
 * and nothing secret: the URL is kept without its query string, headers are never kept.
 */
export type HttpFailureKind = 'network' | 'timeout' | 'cancelled' | 'http';

export interface HttpErrorInit {
  kind: HttpFailureKind;
  method: string;
  url: string;
  status?: number;
  body?: unknown;
  code?: string;
  retryAfterMs?: number;
  /** True when the server may have processed the request before the failure (reset or timeout after sending). */
  maybeProcessed: boolean;
  server: string;
}

export class HttpError extends Error {
  readonly kind: HttpFailureKind;
  readonly method: string;
  readonly url: string;
  readonly status?: number;
  readonly body?: unknown;
  readonly code?: string;
  readonly retryAfterMs?: number;
  readonly maybeProcessed: boolean;
  readonly server: string;

  constructor(init: HttpErrorInit, message?: string) {
    super(message ?? describe(init));
    this.name = 'HttpError';
    this.kind = init.kind;
    this.method = init.method;
    this.url = init.url;
    this.status = init.status;
    this.body = init.body;
    this.code = init.code;
    this.retryAfterMs = init.retryAfterMs;
    this.maybeProcessed = init.maybeProcessed;
    this.server = init.server;
  }

  /** The server's TLS certificate was not trusted: retrying cannot help, the user must act. */
  get untrustedCertificate(): boolean {
    return this.kind === 'network' && CERTIFICATE_CODES.has(this.code ?? '');
  }

  /** Transient: worth retrying after a pause (the server or the network may recover). */
  get transient(): boolean {
    if (this.untrustedCertificate) return false;
    if (this.kind === 'network' || this.kind === 'timeout') return true;
    if (this.kind === 'http') return TRANSIENT_STATUSES.has(this.status ?? 0);
    return false;
  }
}

export const TRANSIENT_STATUSES = new Set([408, 429, 502, 503, 504]);

/** Node's codes for a certificate that fails verification (which the app never turns off). */
const CERTIFICATE_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_REVOKED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

function describe(init: HttpErrorInit): string {
  const where = `${init.method} ${init.url}`;
  switch (init.kind) {
    case 'cancelled':
      return `${init.server}: request cancelled (${where})`;
    case 'timeout':
      return `${init.server} did not answer in time (${where})`;
    case 'network':
      if (CERTIFICATE_CODES.has(init.code ?? ''))
        return (
          `${init.server}'s TLS certificate is not trusted (${init.code}). If the server uses a private ` +
          `certificate authority, start the app with NODE_EXTRA_CA_CERTS set to that authority's PEM file ` +
          `(${where})`
        );
      return `${init.server} is unreachable: ${init.code ?? 'network error'} (${where})`;
    case 'http':
      return `${init.server} answered ${init.status} (${where})`;
  }
}

export function isCancelled(error: unknown): boolean {
  return error instanceof HttpError && error.kind === 'cancelled';
}
