import type { DriftReport } from '../../../shared/views.js';
import type { Uid } from '../../dhis2/index.js';
import type { MirroredOrgUnit } from '../../store/index.js';
import type { LocationPlan } from './documents.js';

export interface Drift extends DriftReport {
  /** Why each drifting unit differs, in words for its outcome. */
  reasons: Map<Uid, string>;
}

/**
 * How the DHIS2 tree moved away from what was mirrored into Go.Data: `plans` is the current tree in scope,
 * `mirrored` what the last applied run wrote. Pure, so the preview and the stage agree by construction.
 * A first run (nothing mirrored yet) has no drift.
 */
export function computeDrift(plans: readonly LocationPlan[], mirrored: readonly MirroredOrgUnit[]): Drift {
  const previous = new Map(mirrored.map((m) => [m.uid, m]));
  const current = new Set(plans.map((p) => p.unit.id));
  const drift: Drift = {
    checkedAt: new Date().toISOString(),
    mirrored: mirrored.length,
    added: [],
    renamed: [],
    moved: [],
    closed: [],
    removed: [],
    reasons: new Map(),
  };
  if (mirrored.length === 0) return drift;
  for (const { unit, document } of plans) {
    const base = { uid: unit.id, name: unit.name, path: unit.path };
    const before = previous.get(unit.id);
    if (!before) {
      drift.added.push(base);
      drift.reasons.set(unit.id, 'new in DHIS2');
    } else if ((before.parentUid ?? null) !== (document.parentLocationId ?? null)) {
      drift.moved.push({ ...base, fromPath: before.path });
      drift.reasons.set(unit.id, `moved in DHIS2 (was ${before.path})`);
    } else if (before.name !== unit.name) {
      drift.renamed.push({ ...base, from: before.name });
      drift.reasons.set(unit.id, `renamed in DHIS2 from "${before.name}"`);
    } else if (!before.closed && unit.closedDate) {
      drift.closed.push(base);
      drift.reasons.set(unit.id, 'closed in DHIS2');
    }
  }
  for (const before of mirrored) {
    if (!current.has(before.uid)) {
      drift.removed.push({ uid: before.uid, name: before.name, path: before.path });
      drift.reasons.set(before.uid, 'no longer in the DHIS2 tree (in scope)');
    }
  }
  return drift;
}

export function hasDrift(drift: DriftReport): boolean {
  return (
    drift.added.length +
      drift.renamed.length +
      drift.moved.length +
      drift.closed.length +
      drift.removed.length >
    0
  );
}
