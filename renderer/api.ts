import type { Api } from '../shared/api.js';
import type { AppErrorShape, ErrorKind, Result } from '../shared/result.js';

/** The one place that reads `window.api`; read lazily so pure modules stay importable in tests. */
export function api(): Api {
  return window.api;
}

/** A failed call, for code that prefers throwing (stores); UI code usually keeps the `Result`. */
export class ApiError extends Error {
  readonly kind: ErrorKind;
  readonly fields: Record<string, string> | undefined;

  constructor(readonly shape: AppErrorShape) {
    super(shape.message);
    this.name = 'ApiError';
    this.kind = shape.kind;
    this.fields = shape.fields;
  }
}

export async function unwrap<T>(pending: Promise<Result<T>>): Promise<T> {
  const result = await pending;
  if (!result.ok) throw new ApiError(result.error);
  return result.value;
}

/** Whatever was thrown, as the error shape the UI shows (a transport failure becomes "internal"). */
export function toErrorShape(error: unknown): AppErrorShape {
  if (error instanceof ApiError) return error.shape;
  return { kind: 'internal', message: error instanceof Error ? error.message : String(error) };
}
