import { ZodError } from 'zod';
import { AppError, type AppErrorShape, type ErrorKind } from '../../shared/result.js';
import { HttpError } from '../http/errors.js';
import { KeychainUnavailableError } from '../secrets/vault.js';
import { DatabaseTooNewError } from '../store/database.js';

/** Server-client error kinds (DHIS2 and Go.Data clients) → what the UI can act on. */
const CLIENT_KINDS: Record<string, ErrorKind> = {
  auth: 'auth',
  locked: 'auth',
  unreachable: 'unreachable',
  transient: 'unreachable',
  'not-dhis2': 'not-a-server',
  'not-godata': 'not-a-server',
  'unsupported-version': 'unsupported',
  forbidden: 'forbidden',
  'not-found': 'not-found',
  'bad-request': 'validation',
  validation: 'validation',
  conflict: 'conflict',
  cancelled: 'cancelled',
};

export const INTERNAL: AppErrorShape = {
  kind: 'internal',
  message: 'Something went wrong inside the app. The details are in the log file.',
};

export function zodFields(error: ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.') || '(request)';
    fields[key] ??= issue.message;
  }
  return fields;
}

/**
 * Turns anything thrown in main into what may cross to the renderer: a kind and a readable message. Unknown
 * errors become a generic "internal" message; their details go to the main-process log only.
 */
export function toAppError(
  error: unknown,
  log: (message: string, error: unknown) => void = () => {},
): AppErrorShape {
  if (error instanceof AppError) return error.toShape();
  if (error instanceof ZodError) {
    return { kind: 'invalid-request', message: 'The request is not valid', fields: zodFields(error) };
  }
  if (error instanceof KeychainUnavailableError) return { kind: 'keychain', message: error.message };
  if (error instanceof DatabaseTooNewError) return { kind: 'unsupported', message: error.message };
  if (error instanceof HttpError) {
    const kind: ErrorKind =
      error.kind === 'cancelled' ? 'cancelled' : error.kind === 'http' ? 'internal' : 'unreachable';
    return { kind, message: error.message };
  }
  if (
    error instanceof Error &&
    'kind' in error &&
    typeof error.kind === 'string' &&
    error.kind in CLIENT_KINDS
  ) {
    return { kind: CLIENT_KINDS[error.kind] ?? 'internal', message: error.message };
  }
  log('Unexpected error in a request handler', error);
  return INTERNAL;
}
