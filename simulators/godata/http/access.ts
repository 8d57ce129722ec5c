import { apiError, plainError } from '../errors.js';
import type { Doc, UserRecord } from '../state.js';

/**
 * Go.Data authorization (server/boot/05-roleResolver.js + middleware/authenticationError.js): LoopBack answers
 * 401 AUTHORIZATION_REQUIRED, which Go.Data rewrites to 403 MISSING_REQUIRED_PERMISSION or 403 ACCESS_DENIED.
 */

export type Access =
  | { kind: 'public' }
  | { kind: 'authenticated' }
  | { kind: 'permission'; permission: string }
  /** Own record, or the given permission (LoopBack `$owner` ACL on users). */
  | { kind: 'ownerOr'; permission: string };

const GROUPS = [
  'case',
  'contact',
  'contact_of_contact',
  'event',
  'relationship',
  'location',
  'outbreak',
  'reference_data',
  'user',
  'follow_up',
  'lab_result',
  'team',
  'role',
  'cluster',
  'system_settings',
];

function groupOf(permission: string): string | undefined {
  return GROUPS.filter((g) => permission.startsWith(`${g}_`)).sort((a, b) => b.length - a.length)[0];
}

export function hasPermission(user: UserRecord, permission: string): boolean {
  if (user.permissions === 'all') return true;
  if (user.permissions.has(permission)) return true;
  const group = groupOf(permission);
  return group !== undefined && user.permissions.has(`${group}_all`);
}

export const AUTHORIZATION_REQUIRED = (): ReturnType<typeof plainError> =>
  plainError(401, 'Authorization Required', 'AUTHORIZATION_REQUIRED');

const OUTBREAK_PATH = /^\/api\/outbreaks\/([^/?]+)(\/[^/?]+)?/;
const NOT_AN_ID = new Set(['count', 'export', 'import-importable-file-using-map']);

/** The outbreak rules of verifyOutbreakPermission, applied after the permission itself passed. */
export function outbreakAccessErrors(user: UserRecord, method: string, url: string): string[] {
  const match = OUTBREAK_PATH.exec(url);
  const outbreakId = match?.[1];
  if (!match || !outbreakId || NOT_AN_ID.has(outbreakId)) return [];
  const errors: string[] = [];
  if (user.outbreakIds.length > 0 && !user.outbreakIds.includes(outbreakId)) {
    errors.push(
      "access denied to the given outbreak; the outbreak is not set as one of the user's accessible outbreaks",
    );
  }
  const sub = match[2];
  if (sub && sub !== '/restore' && method !== 'GET' && outbreakId !== user.activeOutbreakId) {
    errors.push(
      'access to POST/PUT/DELETE actions on outbreak related data is granted only for the active outbreak',
    );
  }
  return errors;
}

export function checkAccess(
  access: Access,
  user: UserRecord | undefined,
  method: string,
  url: string,
  ownerId?: string,
): void {
  if (access.kind === 'public') return;
  if (!user) throw AUTHORIZATION_REQUIRED();
  if (access.kind === 'authenticated') return;
  if (access.kind === 'ownerOr' && ownerId === user.id) return;
  if (!hasPermission(user, access.permission)) {
    throw apiError('MISSING_REQUIRED_PERMISSION', { permissions: access.permission }, 403);
  }
  const accessErrors = outbreakAccessErrors(user, method, url);
  if (accessErrors.length > 0)
    throw apiError('ACCESS_DENIED', { accessErrors: accessErrors.join(', ') }, 403);
}

/** LoopBack's sharedCtor for `/outbreaks/{id}/…` prototype methods: unknown or deleted → 404. */
export function requireOutbreak(outbreak: Doc | undefined, id: string): Doc {
  if (!outbreak || outbreak.deleted === true)
    throw plainError(404, `could not find a model with id ${id}`, 'MODEL_NOT_FOUND');
  return outbreak;
}
