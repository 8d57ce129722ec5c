/**
 * A deliberately small raw HTTP client for the simulator's tests: plain fetch, no redirects followed, nothing
 * from the simulator's internals — what a real DHIS2 client would see on the wire.
 */
export interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
  /** Parsed JSON body (undefined when the body is not JSON). */
  json: unknown;
}

/** `null` sends no Authorization header at all. */
export type Credentials = { basic: [string, string] } | { token: string } | { header: string } | null;

export const ADMIN: Credentials = { basic: ['admin', 'district'] };

export class RawClient {
  constructor(readonly baseUrl: string) {}

  async get(
    path: string,
    credentials: Credentials = ADMIN,
    headers: Record<string, string> = {},
  ): Promise<RawResponse> {
    const all: Record<string, string> = { Accept: 'application/json', ...headers };
    if (credentials && 'basic' in credentials)
      all.Authorization = `Basic ${Buffer.from(credentials.basic.join(':')).toString('base64')}`;
    if (credentials && 'token' in credentials) all.Authorization = `ApiToken ${credentials.token}`;
    if (credentials && 'header' in credentials) all.Authorization = credentials.header;
    const res = await fetch(this.baseUrl + path, { headers: all, redirect: 'manual' });
    const text = await res.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.status, headers: res.headers, text, json };
  }

  /** GET that must answer 200 with JSON; returns the body. */
  async ok<T = Record<string, unknown>>(path: string, credentials: Credentials = ADMIN): Promise<T> {
    const res = await this.get(path, credentials);
    if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}: ${res.text.slice(0, 300)}`);
    return res.json as T;
  }
}

/** Offset of a zone at an instant, in ms (wall clock = instant + offset). */
function offsetAt(ms: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(ms));
  const p = Object.fromEntries(
    parts.filter((x) => x.type !== 'literal').map((x) => [x.type, Number(x.value)]),
  );
  const wall = Date.UTC(
    p.year ?? 0,
    (p.month ?? 1) - 1,
    p.day ?? 1,
    p.hour ?? 0,
    p.minute ?? 0,
    p.second ?? 0,
  );
  return wall - (ms - (((ms % 1000) + 1000) % 1000));
}

/** `yyyy-MM-ddTHH:mm:ss.SSS` read as wall-clock time in a zone → epoch ms. */
export function zonedToEpoch(text: string, timeZone: string): number {
  const wall = Date.parse(`${text}Z`);
  return wall - offsetAt(wall - offsetAt(wall, timeZone), timeZone);
}

export const VERSIONS = ['2.36', '2.37', '2.38', '2.39', '2.40', '2.41', '2.42', '2.43'] as const;

/** Minor version number: '2.41' → 41. */
export const minorOf = (version: string): number => Number(version.split('.')[1]);

/** Every DHIS2 timestamp: server wall clock, milliseconds, no offset. */
export const ZONELESS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}$/;
