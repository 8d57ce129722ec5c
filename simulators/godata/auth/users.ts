import { DEFAULT_ADMIN, type GoDataUserOption } from '../options.js';
import type { UserRecord } from '../state.js';

export function makeUsers(options: GoDataUserOption[] | undefined, createdAt: string): UserRecord[] {
  const list = options && options.length > 0 ? options : [DEFAULT_ADMIN];
  return list.map((option, index) => ({
    id: option.id ?? (index === 0 ? 'sys_admin' : `user_${index}`),
    email: option.email.toLowerCase(),
    password: option.password,
    firstName: option.id === DEFAULT_ADMIN.id || (index === 0 && !option.id) ? 'System' : 'Simulated',
    lastName: option.id === DEFAULT_ADMIN.id || (index === 0 && !option.id) ? 'Administrator' : 'User',
    roleIds: ['ROLE_SYSTEM_ADMINISTRATOR', 'ROLE_USER_MANAGER'],
    outbreakIds: [...(option.outbreakIds ?? [])],
    languageId: 'english_us',
    disregardGeographicRestrictions: false,
    permissions: option.permissions ? new Set(option.permissions) : 'all',
    loginRetriesCount: 0,
    bruteForceLoginDate: null,
    createdAt,
  }));
}

/** GET /api/users/{id}: the user without its password (LoopBack hides it). */
export function userJson(user: UserRecord): Record<string, unknown> {
  return {
    id: user.id,
    email: user.email,
    firstName: user.firstName,
    lastName: user.lastName,
    roleIds: [...user.roleIds],
    outbreakIds: [...user.outbreakIds],
    activeOutbreakId: user.activeOutbreakId,
    languageId: user.languageId,
    disregardGeographicRestrictions: user.disregardGeographicRestrictions,
    lastLogin: user.lastLogin,
    loginRetriesCount: user.loginRetriesCount,
    bruteForceLoginDate:
      user.bruteForceLoginDate === null ? null : new Date(user.bruteForceLoginDate).toISOString(),
    createdAt: user.createdAt,
    createdBy: 'system',
    deleted: false,
  };
}
