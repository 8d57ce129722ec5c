import { GoDataError, isRecord } from './errors.js';
import { parseCount } from './filter.js';
import type { GoDataSession } from './session.js';

/** The logged-in user as `GET /api/users/{id}` returns it (the password is never part of it). */
export interface GoDataUser {
  id: string;
  email: string;
  firstName?: string;
  lastName?: string;
  activeOutbreakId?: string | null;
  /** Outbreaks the user may see; empty means all. */
  outbreakIds?: string[];
  roleIds?: string[];
  [key: string]: unknown;
}

export interface GoDataConnectionInfo {
  /** `2.50.3` …, or undefined when the server keeps it behind an API key we do not have. */
  version?: string;
  versionSource: 'version-endpoint' | 'unknown';
  user: GoDataUser;
}

/**
 * Checks address, credentials and user in the way that costs the fewest logins: the public version route
 * first (Go.Data 2.50.3+ guards it with an `api-key` header; a 401 there only means "version unknown", §4.1),
 * then one login, an authenticated probe when the version is unknown, and the user record.
 */
export async function testConnection(
  session: GoDataSession,
  apiKey: string | undefined,
  signal?: AbortSignal,
): Promise<GoDataConnectionInfo> {
  const version = await readVersion(session, apiKey, signal);
  const userId = await session.ensureLoggedIn(signal);
  if (version === undefined) {
    // Proves an authenticated Go.Data API is answering, since the version route could not.
    const path = '/api/outbreaks/count';
    parseCount(await session.call({ method: 'GET', path, signal }), path);
  }
  const path = `/api/users/${encodeURIComponent(userId)}`;
  const user = await session.call<unknown>({ method: 'GET', path, signal });
  if (!isRecord(user) || typeof user.id !== 'string') {
    throw new GoDataError({
      kind: 'not-godata',
      url: path,
      message: `Go.Data answered a user that is not a user (${path})`,
    });
  }
  return {
    version,
    versionSource: version === undefined ? 'unknown' : 'version-endpoint',
    user: user as GoDataUser,
  };
}

async function readVersion(
  session: GoDataSession,
  apiKey: string | undefined,
  signal?: AbortSignal,
): Promise<string | undefined> {
  const path = '/api/system-settings/version';
  try {
    const response = await session.sendAnonymous<unknown>({
      method: 'GET',
      path,
      headers: apiKey ? { 'api-key': apiKey } : {},
      signal,
    });
    const body = response.data;
    if (!isRecord(body) || typeof body.version !== 'string') {
      throw new GoDataError({
        kind: 'not-godata',
        url: path,
        message: `The version answer is not Go.Data's (${path})`,
      });
    }
    return body.version;
  } catch (error) {
    if (error instanceof GoDataError && error.status === 401) return undefined;
    throw error;
  }
}
