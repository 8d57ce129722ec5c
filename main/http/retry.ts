import { HttpError } from './errors.js';

/**
 * The one retry policy: exponential backoff with full jitter for transient failures, Retry-After honoured.
 * Requests that may already have been processed by the server (a reset or timeout after the body was sent)
 * are retried only when the request is idempotent; for creates the caller must look the record up first.
 */
export interface RetryPolicy {
  /** Attempts after the first one. */
  retries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Upper bound on a server-requested Retry-After wait. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  retries: 5,
  baseDelayMs: 250,
  maxDelayMs: 15_000,
  maxRetryAfterMs: 120_000,
};

export interface RetryDecisionInput {
  error: unknown;
  attempt: number;
  idempotent: boolean;
  policy: RetryPolicy;
  random?: () => number;
}

/** Milliseconds to wait before the next attempt, or undefined when the error must be thrown. */
export function nextRetryDelay({
  error,
  attempt,
  idempotent,
  policy,
  random = Math.random,
}: RetryDecisionInput): number | undefined {
  if (!(error instanceof HttpError) || !error.transient || attempt >= policy.retries) return undefined;
  if (error.maybeProcessed && !idempotent) return undefined;
  if (error.retryAfterMs !== undefined) return Math.min(error.retryAfterMs, policy.maxRetryAfterMs);
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.round(random() * ceiling);
}

/** Parses a Retry-After header (delta-seconds or HTTP date) into milliseconds. */
export function parseRetryAfter(value: unknown, now = Date.now()): number | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** A sleep that ends early, with a cancellation error, when the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortReason(signal));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortReason(signal));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function abortReason(signal: AbortSignal | undefined): Error {
  const reason: unknown = signal?.reason;
  return reason instanceof Error ? reason : new Error('cancelled');
}
