import type { OrgUnit } from '../../dhis2/index.js';
import type { SyncSession } from '../session.js';
import { planLocations, type LocationPlan } from './documents.js';
import { computeDrift, type Drift } from './drift.js';

/**
 * Reads the org-unit tree in scope and plans its Go.Data locations against what was mirrored before.
 * Closed units are left out unless configured, or unless they were mirrored already (then they are deactivated),
 * or an open unit still hangs below them.
 */
export async function planTree(
  session: SyncSession,
  signal: AbortSignal,
  onPage?: (read: number) => void,
): Promise<{ plans: LocationPlan[]; drift: Drift }> {
  const config = session.mapping.locations;
  const units: OrgUnit[] = [];
  for await (const page of session.dhis2.orgUnits({ roots: config.roots, signal })) {
    units.push(...page);
    onPage?.(units.length);
  }
  session.rememberGeometry(units);
  const mirroredList = session.target.mirroredOrgUnits.all();
  const mirrored = new Map(mirroredList.map((m) => [m.uid, m]));
  const parentsOfOpen = new Set(units.filter((u) => !u.closedDate).map((u) => u.parentId));
  const kept = config.includeClosed
    ? units
    : units.filter((u) => !u.closedDate || mirrored.has(u.id) || parentsOfOpen.has(u.id));
  const plans = planLocations(kept, config, mirrored);
  return { plans, drift: computeDrift(plans, mirroredList) };
}
