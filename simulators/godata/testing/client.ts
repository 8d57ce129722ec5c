/**
 * A small raw HTTP client for the simulator tests: no retries, no typing beyond what a test asserts.
 */

export type Rec = Record<string, unknown>;

export interface ErrorBody {
  statusCode: number;
  name?: string;
  message: string;
  code?: string;
  details?: Rec;
}

export interface Answer<T = Rec> {
  status: number;
  body: T;
  headers: Headers;
  text: string;
}

export class RawClient {
  token: string | undefined;

  constructor(
    readonly base: string,
    token?: string,
  ) {
    this.token = token;
  }

  async call<T = Rec>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Answer<T>> {
    const init: RequestInit = { method, headers: { ...headers } };
    const h = init.headers as Record<string, string>;
    if (this.token && !('authorization' in h) && !('x-access-token' in h)) h.authorization = this.token;
    if (body !== undefined) {
      if (typeof body === 'string' || body instanceof FormData) init.body = body;
      else {
        init.body = JSON.stringify(body);
        h['content-type'] ??= 'application/json';
      }
    }
    const response = await fetch(this.base + path, init);
    const text = await response.text();
    let parsed: unknown = undefined;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = text;
    }
    return { status: response.status, body: parsed as T, headers: response.headers, text };
  }

  get<T = Rec>(path: string, headers?: Record<string, string>): Promise<Answer<T>> {
    return this.call<T>('GET', path, undefined, headers);
  }

  post<T = Rec>(path: string, body?: unknown, headers?: Record<string, string>): Promise<Answer<T>> {
    return this.call<T>('POST', path, body ?? {}, headers);
  }

  put<T = Rec>(path: string, body?: unknown): Promise<Answer<T>> {
    return this.call<T>('PUT', path, body ?? {});
  }

  patch<T = Rec>(path: string, body?: unknown): Promise<Answer<T>> {
    return this.call<T>('PATCH', path, body ?? {});
  }

  del<T = Rec>(path: string): Promise<Answer<T>> {
    return this.call<T>('DELETE', path);
  }

  /** Logs in and keeps the token for the next calls. */
  async login(email = 'admin@who.int', password = 'admin'): Promise<string> {
    const answer = await this.call<{ id: string }>(
      'POST',
      '/api/users/login',
      { email, password },
      { authorization: '' },
    );
    if (answer.status !== 200) throw new Error(`login failed: ${answer.status} ${answer.text}`);
    this.token = answer.body.id;
    return this.token;
  }
}

/** `?filter=` / `?where=` query string for a LoopBack JSON argument. */
export function q(name: string, value: unknown): string {
  return `${name}=${encodeURIComponent(JSON.stringify(value))}`;
}

export function errorOf(answer: Answer<unknown>): ErrorBody {
  return (answer.body as { error: ErrorBody }).error;
}

export const OUTBREAK_BODY = {
  startDate: '2024-01-01T00:00:00.000Z',
  periodOfFollowup: 14,
  frequencyOfFollowUpPerDay: 1,
  longPeriodsBetweenCaseOnset: 7,
  noDaysAmongContacts: 1,
  noDaysInChains: 1,
  noDaysNotSeen: 1,
  noLessContacts: 1,
};

/** Creates an outbreak and makes it the caller's active outbreak; returns its id. */
export async function activeOutbreak(
  client: RawClient,
  extra: Rec = {},
  userId = 'sys_admin',
): Promise<string> {
  const created = await client.post<{ id: string }>('/api/outbreaks', {
    name: `Outbreak ${Math.random()}`,
    ...OUTBREAK_BODY,
    ...extra,
  });
  if (created.status !== 200) throw new Error(`outbreak create failed: ${created.text}`);
  const patched = await client.patch(`/api/users/${userId}`, { activeOutbreakId: created.body.id });
  if (patched.status !== 200) throw new Error(`activate failed: ${patched.text}`);
  return created.body.id;
}
