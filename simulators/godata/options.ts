import type { FaultConfig } from '../common/faults.js';

export type GoDataVersion = '2.48' | '2.50';

export interface GoDataUserOption {
  email: string;
  password: string;
  id?: string;
  /** Non-empty = the user may only reach these outbreaks (Go.Data `user.outbreakIds`). */
  outbreakIds?: string[];
  /** Permission ids the user's roles grant; default: every permission (system administrator). */
  permissions?: string[];
}

/**
 * Behaviours the Go.Data source leaves open (reference §18). Defaults follow the reference document and the
 * bridge's brief; each can be flipped to emulate the other reading.
 */
export interface GoDataQuirks {
  /**
   * Re-creating a person whose id is soft-deleted or belongs to another person type. The source maps only
   * `BulkWriteError`s to 409, so with driver 4 this most likely surfaces as 500 INTERNAL_ERROR (E11000).
   * Default 'conflict' (409 MODEL_CONFLICT).
   */
  duplicatePersonId: 'conflict' | 'internal';
  /**
   * 2.48 declared `address.locationId` required, but LoopBack does not validate nested models. Default true
   * (reject, as the brief asks: a client that passes this passes a real 2.48).
   */
  enforceNestedRequired: boolean;
  /**
   * A case/contact PUT without `visualId` makes Go.Data's hook write `visualId: undefined`, which the Mongo driver
   * may persist as null. Default false (keep the stored value, as the reference documents).
   */
  clearVisualIdOnUpdateWithout: boolean;
}

export interface GoDataSimulatorOptions {
  port?: number;
  host?: string;
  version?: GoDataVersion;
  tokenTtlSeconds?: number;
  tokenExpiry?: { afterRequests?: number; afterSeconds?: number };
  allowCustomIDsOnCreate?: boolean;
  apiKey?: string;
  faults?: Partial<FaultConfig>;
  seed?: number;
  users?: GoDataUserOption[];
  quirks?: Partial<GoDataQuirks>;
  /** Clock in epoch ms (tests drive token expiry and lockout windows with it). */
  now?: () => number;
}

export interface GoDataConfig {
  version: GoDataVersion;
  tokenTtlSeconds: number;
  tokenExpiry: { afterRequests?: number; afterSeconds?: number };
  allowCustomIDsOnCreate: boolean;
  apiKey?: string;
  quirks: GoDataQuirks;
  now: () => number;
  /** ISO string of `now()`. */
  nowIso: () => string;
  maxLoginRetries: number;
  lockoutMs: number;
  countLimit: number;
}

export const DEFAULT_ADMIN: GoDataUserOption = { id: 'sys_admin', email: 'admin@who.int', password: 'admin' };

export function resolveConfig(options: GoDataSimulatorOptions): GoDataConfig {
  const now = options.now ?? (() => Date.now());
  return {
    version: options.version ?? '2.50',
    tokenTtlSeconds: options.tokenTtlSeconds ?? 600,
    tokenExpiry: options.tokenExpiry ?? {},
    allowCustomIDsOnCreate: options.allowCustomIDsOnCreate ?? false,
    apiKey: options.apiKey,
    quirks: {
      duplicatePersonId: 'conflict',
      enforceNestedRequired: true,
      clearVisualIdOnUpdateWithout: false,
      ...options.quirks,
    },
    now,
    nowIso: () => new Date(now()).toISOString(),
    maxLoginRetries: 10,
    lockoutMs: 30 * 60 * 1000,
    countLimit: 10000,
  };
}
