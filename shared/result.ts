import { z } from 'zod';

/**
 * Every IPC answer crosses the boundary as a serialisable envelope: `{ok: true, value}` or `{ok: false, error}`.
 * Errors carry a kind the UI can act on and a message a person can read — never a stack trace.
 */
export const ERROR_KINDS = [
  'invalid-request',
  'validation',
  'not-found',
  'auth',
  'forbidden',
  'unreachable',
  'not-a-server',
  'unsupported',
  'conflict',
  'stage-locked',
  'busy',
  'keychain',
  'cancelled',
  'internal',
] as const;
export const ErrorKindSchema = z.enum(ERROR_KINDS);
export type ErrorKind = z.infer<typeof ErrorKindSchema>;

export const AppErrorShapeSchema = z.object({
  kind: ErrorKindSchema,
  message: z.string(),
  /** Per-field problems for forms ("url": "must start with https://"). */
  fields: z.record(z.string(), z.string()).optional(),
});
export type AppErrorShape = z.infer<typeof AppErrorShapeSchema>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorShape };

export function resultSchema<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: AppErrorShapeSchema }),
  ]);
}

/** An error thrown in main that should reach the UI as-is (kind + readable message). */
export class AppError extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppError';
  }

  toShape(): AppErrorShape {
    return this.fields
      ? { kind: this.kind, message: this.message, fields: this.fields }
      : { kind: this.kind, message: this.message };
  }
}
