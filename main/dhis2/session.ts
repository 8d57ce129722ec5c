import { Dhis2Error, isDhis2Error } from './errors.js';
import type { ServerInfo } from './model.js';
import { serverTimeToIso, serverZone, type ServerZone } from './time.js';
import type { Dhis2Transport } from './transport.js';
import { parseVersion } from './version.js';
import { NEWEST_KNOWN, OLDEST_SUPPORTED, rulesFor, type VersionRules } from './versions.js';

export interface Dhis2User {
  id?: string;
  username: string;
  displayName?: string;
}

/** What a successful connection learned: the server, the signed-in user, and the rules for that version. */
export interface Dhis2Session {
  server: ServerInfo;
  user: Dhis2User;
  rules: VersionRules;
  zone: ServerZone;
  /** True when the server is newer than the newest version we know and is read with that version's rules. */
  newerThanKnown: boolean;
}

const NOT_DHIS2_HINT = 'check the URL (it should be the DHIS2 root, e.g. https://dhis2.example.org)';

/** `GET /api/system/info` then `GET /api/me`: proves the URL, the credentials and the version in two calls. */
export async function openSession(transport: Dhis2Transport, signal?: AbortSignal): Promise<Dhis2Session> {
  const info = await transport.getJson('/api/system/info', undefined, signal).catch((error: unknown) => {
    if (isDhis2Error(error, 'not-found')) {
      throw new Dhis2Error({
        kind: 'not-dhis2',
        status: 404,
        message: `There is no DHIS2 API at ${transport.baseUrl}: ${NOT_DHIS2_HINT}.`,
      });
    }
    throw error;
  });
  const server = readServerInfo(info, transport.baseUrl);
  const rules = rulesFor(server);
  if (!rules) {
    throw new Dhis2Error({
      kind: 'unsupported-version',
      message: `DHIS2 ${server.version} is too old for this bridge, which supports DHIS2 ${OLDEST_SUPPORTED} to ${NEWEST_KNOWN} (and later).`,
    });
  }
  let zone: ServerZone;
  try {
    zone = serverZone(server.serverTimeZoneId);
  } catch {
    throw new Dhis2Error({
      kind: 'unsupported-version',
      message: `DHIS2 reports the time zone "${server.serverTimeZoneId}", which this computer does not know, so its dates cannot be read correctly.`,
    });
  }
  const fields =
    rules.meUsername === 'username' ? 'id,username,displayName' : 'id,displayName,userCredentials[username]';
  const me = await transport.getJson('/api/me', { fields }, signal);
  const user = readUser(me, rules, transport.baseUrl);
  const newerThanKnown = server.major > 2 || server.minor > Number(NEWEST_KNOWN.split('.')[1]);
  // Zone-less like every DHIS2 timestamp: readable only once the zone is known.
  const serverDate = serverTimeToIso(readString(info, 'serverDate'), zone);
  return { server: { ...server, ...(serverDate ? { serverDate } : {}) }, user, rules, zone, newerThanKnown };
}

function readServerInfo(body: unknown, baseUrl: string): ServerInfo {
  const info = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const version = info.version;
  if (typeof version !== 'string') {
    throw new Dhis2Error({
      kind: 'not-dhis2',
      message: `${baseUrl} answered, but not like DHIS2 does (no version in /api/system/info): ${NOT_DHIS2_HINT}.`,
    });
  }
  const parsed = parseVersion(version);
  if (!parsed) {
    throw new Dhis2Error({
      kind: 'unsupported-version',
      message: `DHIS2 reports the version "${version}", which this bridge cannot read.`,
    });
  }
  const zoneId =
    typeof info.serverTimeZoneId === 'string' && info.serverTimeZoneId.trim()
      ? info.serverTimeZoneId.trim()
      : 'Etc/UTC';
  return {
    version,
    major: parsed.major,
    minor: parsed.minor,
    patch: parsed.patch,
    hotfix: parsed.hotfix,
    serverTimeZoneId: zoneId,
    ...(typeof info.systemName === 'string' ? { systemName: info.systemName } : {}),
  };
}

function readUser(body: unknown, rules: VersionRules, baseUrl: string): Dhis2User {
  const me = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const credentials = me.userCredentials as { username?: unknown } | undefined;
  const username = rules.meUsername === 'username' ? me.username : credentials?.username;
  if (typeof username !== 'string') {
    throw new Dhis2Error({
      kind: 'not-dhis2',
      message: `${baseUrl} answered /api/me without a username: ${NOT_DHIS2_HINT}.`,
    });
  }
  return {
    username,
    ...(typeof me.id === 'string' ? { id: me.id } : {}),
    ...(typeof me.displayName === 'string' ? { displayName: me.displayName } : {}),
  };
}

function readString(body: unknown, key: string): string | undefined {
  const value =
    typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[key] : undefined;
  return typeof value === 'string' ? value : undefined;
}
