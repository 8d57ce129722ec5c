/**
 * The DHIS2 release the simulator pretends to be. Every version-dependent behaviour asks this object, so the
 * per-version table of the reference (§0) lives in code as small predicates rather than scattered numbers.
 */
export type Dhis2Version = '2.36' | '2.37' | '2.38' | '2.39' | '2.40' | '2.41' | '2.42' | '2.43';

export const SUPPORTED_VERSIONS: readonly Dhis2Version[] = [
  '2.36',
  '2.37',
  '2.38',
  '2.39',
  '2.40',
  '2.41',
  '2.42',
  '2.43',
];

export interface VersionProfile {
  /** As `/api/system/info` reports it, e.g. "2.40.3". */
  full: string;
  minor: number;
  patch: number;
}

const VERSION_PATTERN = /^2\.(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-([0-9A-Za-z.-]+))?$/;

export function parseVersion(version: string): VersionProfile {
  const match = VERSION_PATTERN.exec(version.trim());
  if (!match) throw new Error(`DHIS2 version "${version}" is not of the form 2.NN or 2.NN.P`);
  const minor = Number(match[1]);
  if (minor < 36 || minor > 43) {
    throw new Error(`DHIS2 version "${version}" is outside the simulated range 2.36 … 2.43`);
  }
  const patch = match[2] === undefined ? 0 : Number(match[2]);
  const full = match[2] === undefined ? `2.${minor}.0` : version.trim();
  return { full, minor, patch };
}

/** Old `/api/trackedEntityInstances`, `/api/events`, `/api/enrollments`, `/api/relationships`: gone in 2.42. */
export const hasOldTrackerApi = (v: VersionProfile): boolean => v.minor <= 41;

/** New-API list key: `instances` up to 2.40, the entity name from 2.41. */
export const usesInstancesKey = (v: VersionProfile): boolean => v.minor <= 40;

/** Relationship sides flat (`{"trackedEntity":"uid"}`) in 2.36/2.37, nested objects from 2.38. */
export const hasNestedRelationshipSides = (v: VersionProfile): boolean => v.minor >= 38;

/** Query-validation failures: 409 (IllegalQueryException) up to 2.41, 400 (BadRequestException) from 2.42. */
export const serviceErrorStatus = (v: VersionProfile): 400 | 409 => (v.minor >= 42 ? 400 : 409);

/** `trackedEntity` on a new-API event: absent from 2.37.0 to 2.38.2. */
export function eventHasTrackedEntity(v: VersionProfile): boolean {
  if (v.minor === 37) return false;
  if (v.minor === 38) return v.patch >= 3;
  return true;
}

/**
 * Whether creating an enrollment or event bumps its tracked entity's `updatedAt` (dhis2-api.md §9: 2.39 and
 * 2.40.0 bump it only on updates; later patches and releases also on creations).
 */
export function creationBumpsTrackedEntity(v: VersionProfile): boolean {
  return !(v.minor === 39 || (v.minor === 40 && v.patch === 0));
}

/** Where a request without credentials is redirected. */
export function loginPath(v: VersionProfile): string {
  if (v.minor <= 40) return '/dhis-web-commons/security/login.action';
  return v.minor === 41 ? '/dhis-web-login' : '/dhis-web-login/';
}
