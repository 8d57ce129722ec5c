import type { AppErrorShape } from '../../shared/result.js';

/**
 * Something fetched from main. While reloading or after a failure the last good value is kept, so screens
 * do not jump back to a spinner on every refresh.
 */
export type Loadable<T> =
  | { status: 'idle' }
  | { status: 'loading'; value?: T }
  | { status: 'loaded'; value: T }
  | { status: 'failed'; error: AppErrorShape; value?: T };

export const idle = <T>(): Loadable<T> => ({ status: 'idle' });

export function valueOf<T>(l: Loadable<T>): T | undefined {
  return l.status === 'idle' ? undefined : l.value;
}

export function loading<T>(previous: Loadable<T>): Loadable<T> {
  const value = valueOf(previous);
  return value === undefined ? { status: 'loading' } : { status: 'loading', value };
}

export function loaded<T>(value: T): Loadable<T> {
  return { status: 'loaded', value };
}

export function failed<T>(previous: Loadable<T>, error: AppErrorShape): Loadable<T> {
  const value = valueOf(previous);
  return value === undefined ? { status: 'failed', error } : { status: 'failed', error, value };
}
