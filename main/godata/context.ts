import { nextRetryDelay, sleep, type RetryPolicy } from '../http/index.js';
import type { PersonKind } from './model.js';
import type { ActiveOutbreak } from './active-outbreak.js';
import { GoDataError } from './errors.js';
import type { KeyedQueue } from './queue.js';
import type { GoDataSession } from './session.js';

/** What every Go.Data API module shares: the session, the active-outbreak gate, the person queue, the policy. */
export interface GoDataContext {
  session: GoDataSession;
  activeOutbreak: ActiveOutbreak;
  personQueue: KeyedQueue;
  retryPolicy: RetryPolicy;
}

const PERSON_SEGMENTS: Record<PersonKind, string> = { case: 'cases', contact: 'contacts', event: 'events' };

/** A person, named by kind and id, as the relationship routes address it. */
export interface PersonRef {
  kind: PersonKind;
  id: string;
}

export function outbreakPath(outbreakId: string): string {
  return `/api/outbreaks/${encodeURIComponent(outbreakId)}`;
}

export function personsPath(outbreakId: string, kind: PersonKind): string {
  return `${outbreakPath(outbreakId)}/${PERSON_SEGMENTS[kind]}`;
}

export function personPath(outbreakId: string, person: PersonRef): string {
  return `${personsPath(outbreakId, person.kind)}/${encodeURIComponent(person.id)}`;
}

const PERSON_TYPE_PREFIX = 'LNG_REFERENCE_DATA_CATEGORY_PERSON_TYPE_';

/** The kind of a relationship participant from its `type` token; undefined for contacts-of-contacts. */
export function personKindOfType(type: string | undefined): PersonKind | undefined {
  const suffix = type?.startsWith(PERSON_TYPE_PREFIX) ? type.slice(PERSON_TYPE_PREFIX.length) : undefined;
  if (suffix === 'CASE') return 'case';
  if (suffix === 'CONTACT') return 'contact';
  if (suffix === 'EVENT') return 'event';
  return undefined;
}

/**
 * Waits before repeating a write whose answer was lost and which was found not stored. The delay comes from the
 * one retry policy of the HTTP layer; undefined means "give up and throw".
 */
export async function pauseBeforeRepeat(
  error: GoDataError,
  attempt: number,
  policy: RetryPolicy,
  signal?: AbortSignal,
): Promise<boolean> {
  const delayMs = nextRetryDelay({ error: error.cause, attempt, idempotent: true, policy });
  if (delayMs === undefined) return false;
  await sleep(delayMs, signal).catch(() => {
    throw new GoDataError({
      kind: 'cancelled',
      message: 'Go.Data request cancelled while waiting to repeat a write',
    });
  });
  return true;
}

/** True for a write that may have been applied although its answer was lost (reset, timeout, 5xx). */
export function answerLost(error: unknown): error is GoDataError {
  return error instanceof GoDataError && error.maybeProcessed && error.kind === 'transient';
}
