import type { GoDataLocation } from './model.js';
import { isRecord } from './errors.js';

/**
 * Pure helpers for the hierarchical location import (§6.3): ordering a flat list parents-first, nesting a batch
 * into Go.Data's `[{location, children}]` shape while remembering each node's record number, and mapping the
 * pre-validation failures (which name records by that number) back to locations.
 */
export interface HierarchyNode {
  location: GoDataLocation;
  children: HierarchyNode[];
}

export interface LocationBatch {
  forest: HierarchyNode[];
  /** Go.Data's record numbers ("1", "1 - 2" …: 1-based positions along the path) → location id. */
  recordIds: Map<string, string>;
}

export interface PreValidationFailure {
  ids: string[];
  /** Go.Data's reason token, e.g. `LNG_PAGE_IMPORT_DATA_ERROR_DUPLICATE_DB_NAME`. */
  reason: string;
  recordNo: string;
}

/**
 * Orders locations so each comes after its parent when the parent is in the list. Locations whose parent is not
 * in the list are roots of this import (their parent is expected to be stored already, or they have none).
 */
export function parentsFirst(locations: GoDataLocation[]): GoDataLocation[] {
  const byId = new Map(locations.map((location) => [location.id, location]));
  const depth = new Map<string, number>();
  const depthOf = (location: GoDataLocation, seen: Set<string>): number => {
    const known = depth.get(location.id);
    if (known !== undefined) return known;
    const parent = location.parentLocationId ? byId.get(location.parentLocationId) : undefined;
    // A cycle in the input is cut where it is found; Go.Data's own loop check reports it.
    const value = parent && !seen.has(parent.id) ? depthOf(parent, seen.add(location.id)) + 1 : 0;
    depth.set(location.id, value);
    return value;
  };
  return locations
    .map((location, index) => ({ location, index, depth: depthOf(location, new Set()) }))
    .sort((a, b) => a.depth - b.depth || a.index - b.index)
    .map((entry) => entry.location);
}

/** Nests one batch: a node whose parent is in the batch becomes its child, any other node is a top-level node. */
export function nestBatch(batch: GoDataLocation[]): LocationBatch {
  const nodes = new Map<string, HierarchyNode>();
  const forest: HierarchyNode[] = [];
  for (const location of batch) {
    const node: HierarchyNode = {
      location: { ...location, parentLocationId: location.parentLocationId ?? null },
      children: [],
    };
    const parent = location.parentLocationId ? nodes.get(location.parentLocationId) : undefined;
    (parent ? parent.children : forest).push(node);
    if (!nodes.has(location.id)) nodes.set(location.id, node);
  }
  const recordIds = new Map<string, string>();
  const number = (list: HierarchyNode[], prefix: string | undefined): void =>
    list.forEach((node, index) => {
      const recordNo = prefix === undefined ? `${index + 1}` : `${prefix} - ${index + 1}`;
      recordIds.set(recordNo, node.location.id);
      number(node.children, recordNo);
    });
  number(forest, undefined);
  return { forest, recordIds };
}

/**
 * Reads `details.failed[]` of a 422 IMPORT_PARTIAL_SUCCESS_WITH_DETAILS. Record numbers come quoted and, for
 * clashes between records, joined: `'1 - 2'`, `'1' & '3'`.
 */
export function preValidationFailures(
  details: unknown,
  recordIds: Map<string, string>,
): PreValidationFailure[] {
  const failed = isRecord(details) && Array.isArray(details.failed) ? details.failed : [];
  return failed.flatMap((entry: unknown) => {
    if (!isRecord(entry)) return [];
    const recordNo =
      typeof entry.recordNo === 'string' || typeof entry.recordNo === 'number' ? String(entry.recordNo) : '';
    const numbers = [...recordNo.matchAll(/'([^']+)'/g)].map((match) => match[1] ?? '');
    const ids = (numbers.length > 0 ? numbers : [recordNo.trim()])
      .map((no) => recordIds.get(no.trim()))
      .filter((id): id is string => id !== undefined);
    const reason = typeof entry.message === 'string' ? entry.message : 'PRE_VALIDATION';
    return [{ ids, reason, recordNo }];
  });
}

/** The ids of `roots` and of every location below them in `locations`. */
export function withDescendants(roots: Iterable<string>, locations: GoDataLocation[]): Set<string> {
  const out = new Set(roots);
  for (let grew = true; grew;) {
    grew = false;
    for (const location of locations) {
      if (!out.has(location.id) && location.parentLocationId && out.has(location.parentLocationId)) {
        out.add(location.id);
        grew = true;
      }
    }
  }
  return out;
}
