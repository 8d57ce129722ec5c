import { geographicalLevelToken, type LocationsConfig } from '../../../shared/mapping.js';
import type { OrgUnit, Uid } from '../../dhis2/index.js';
import type { GoDataLocation } from '../../godata/index.js';
import { pointOf } from '../../mapping/index.js';
import type { MirroredOrgUnit } from '../../store/index.js';

/**
 * DHIS2 org units → Go.Data locations. The Go.Data id is the org-unit uid (kept by the hierarchical import), the
 * uid is also an identifier, and parents are the DHIS2 parents (a root of the chosen scope has none).
 *
 * Go.Data refuses two siblings with the same name (case-insensitive); real DHIS2 trees have such pairs. A clash
 * is resolved visibly: the unit mirrored first keeps the name, the other gets its code (or uid) appended, and the
 * outcome says so. Names are trimmed for Go.Data; the DHIS2 name is kept in the mirror for drift detection.
 */
export interface LocationPlan {
  unit: OrgUnit;
  document: GoDataLocation;
  /** Set when the Go.Data name differs from the DHIS2 name because of a sibling clash. */
  renamedBecause?: string;
}

const key = (name: string) => name.trim().toLocaleLowerCase();

export function planLocations(
  units: OrgUnit[],
  config: Pick<LocationsConfig, 'levelTokens' | 'roots'>,
  mirrored: ReadonlyMap<Uid, MirroredOrgUnit>,
): LocationPlan[] {
  const inScope = new Set(units.map((u) => u.id));
  const godataParent = (unit: OrgUnit) =>
    unit.parentId && inScope.has(unit.parentId) ? unit.parentId : null;
  const names = resolveSiblingNames(units, godataParent, mirrored);
  return units.map((unit) => {
    const godataName = names.get(unit.id) ?? unit.name.trim();
    const point = unit.geometry ? pointOf(unit.geometry) : undefined;
    const parent = godataParent(unit);
    const document: GoDataLocation = {
      id: unit.id,
      name: godataName,
      parentLocationId: parent,
      geographicalLevelId: geographicalLevelToken(config, unit.level),
      identifiers: [
        { code: unit.id, description: 'DHIS2 organisation unit uid' },
        ...(unit.code ? [{ code: unit.code, description: 'DHIS2 organisation unit code' }] : []),
      ],
      active: !unit.closedDate,
      ...(point && isValidPoint(point) ? { geoLocation: point } : {}),
    };
    const plan: LocationPlan = { unit, document };
    if (godataName !== unit.name.trim()) {
      plan.renamedBecause = `named "${godataName}" in Go.Data: a sibling is already called "${unit.name.trim()}"`;
    }
    return plan;
  });
}

function isValidPoint(p: { lat: number; lng: number }): boolean {
  return Number.isFinite(p.lat) && Number.isFinite(p.lng) && Math.abs(p.lat) <= 90 && Math.abs(p.lng) <= 180;
}

/**
 * Unique names among siblings; units already mirrored keep their Go.Data name, so a new sibling never renames them.
 * Siblings are those of Go.Data, not of DHIS2: the roots of the scope all become top-level locations, whatever
 * their DHIS2 parents, so two roots of the same name under different DHIS2 parents clash in Go.Data.
 */
function resolveSiblingNames(
  units: OrgUnit[],
  godataParent: (unit: OrgUnit) => Uid | null,
  mirrored: ReadonlyMap<Uid, MirroredOrgUnit>,
): Map<Uid, string> {
  const byParent = new Map<string, OrgUnit[]>();
  for (const unit of units) {
    const parent = godataParent(unit) ?? '';
    const siblings = byParent.get(parent) ?? [];
    siblings.push(unit);
    byParent.set(parent, siblings);
  }
  const result = new Map<Uid, string>();
  for (const siblings of byParent.values()) {
    const taken = new Set<string>();
    const keep = (unit: OrgUnit) => {
      const previous = mirrored.get(unit.id);
      // A unit renamed in DHIS2 does not keep its old Go.Data name.
      return previous && previous.name === unit.name ? previous.godataName : undefined;
    };
    const ordered = [...siblings].sort(
      (a, b) => Number(!keep(a)) - Number(!keep(b)) || a.id.localeCompare(b.id),
    );
    for (const unit of ordered) {
      let name = keep(unit) ?? unit.name.trim();
      if (taken.has(key(name))) name = `${unit.name.trim()} (${unit.code ?? unit.id})`;
      if (taken.has(key(name))) name = `${unit.name.trim()} (${unit.id})`;
      taken.add(key(name));
      result.set(unit.id, name);
    }
  }
  return result;
}

export function toMirror(plan: LocationPlan): MirroredOrgUnit {
  return {
    uid: plan.unit.id,
    name: plan.unit.name,
    godataName: plan.document.name,
    parentUid: plan.document.parentLocationId ?? undefined,
    level: plan.unit.level,
    path: plan.unit.path,
    closed: Boolean(plan.unit.closedDate),
  };
}
