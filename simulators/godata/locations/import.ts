import { apiError } from '../errors.js';
import type { Sim } from '../http/router.js';
import { newId, type Author } from '../model/records.js';
import type { Doc } from '../state.js';
import { asRecord, str as text } from '../text.js';
import { deleteLocation, insertLocation, updateLocation } from './service.js';

/**
 * POST /api/locations/import (Location.importHierarchicalListFromJsonFile): flatten, pre-validate the whole file
 * (nothing written on failure), then upsert node by node, depth-first, keeping ids (dbSync.syncRecord).
 */

type Loc = Record<string, unknown>;

interface Processed {
  locations: Array<{ recordNo: string; location: Loc }>;
  parent?: Processed;
  childrenIds: string[];
}

interface Failure {
  error: { code: 'PRE_VALIDATION' };
  recordNo: string;
  message: string;
  data: unknown;
}

const idOf = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);
const lower = (v: unknown): string => text(v).toLowerCase();
const sameParent = (a: unknown, b: unknown): boolean => a === b || (!a && !b);

function invalidContent(details: string): never {
  throw apiError('INVALID_CONTENT_OF_TYPE', { contentType: 'JSON', details });
}

function flatten(
  list: unknown[],
  processed: Map<string, Processed>,
  rootIds: string[],
  parent?: Processed,
  parentNo?: string,
): void {
  list.forEach((hierarchy, index) => {
    const node = asRecord(hierarchy);
    const location = asRecord(node?.location);
    if (!location)
      invalidContent(
        `Cannot read properties of ${node ? 'undefined' : String(hierarchy)} (reading '${node ? 'id' : 'location'}')`,
      );
    if (!location.id) location.id = newId();
    const id = text(location.id);
    if (parent) {
      parent.childrenIds.push(id);
      if (!location.parentLocationId) location.parentLocationId = parent.locations[0]?.location.id;
    } else if (!location.parentLocationId) {
      rootIds.push(id);
    }
    const recordNo = parentNo ? `${parentNo} - ${index + 1}` : `${index + 1}`;
    const entry = processed.get(id);
    if (entry) entry.locations.push({ recordNo, location });
    else processed.set(id, { locations: [{ recordNo, location }], parent, childrenIds: [] });
    const children = node?.children;
    if (Array.isArray(children) && children.length > 0)
      flatten(children, processed, rootIds, processed.get(id), recordNo);
  });
}

class Failures {
  readonly list: Failure[] = [];
  private readonly seen = new Set<string>();

  add(recordNos: string | string[], message: string, data: unknown): void {
    const recordNo = Array.isArray(recordNos) ? [...recordNos].sort().join(' & ') : recordNos;
    if (this.seen.has(recordNo + message)) return;
    this.seen.add(recordNo + message);
    this.list.push({ error: { code: 'PRE_VALIDATION' }, recordNo, message, data });
  }

  throwIfAny(): void {
    if (this.list.length > 0) throw apiError('IMPORT_PARTIAL_SUCCESS_WITH_DETAILS', { failed: this.list });
  }
}

const first = (p: Processed): { recordNo: string; location: Loc } =>
  p.locations[0] as { recordNo: string; location: Loc };

function validateFile(processed: Map<string, Processed>, rootIds: string[], failures: Failures): void {
  for (const [id, entry] of processed) {
    if (entry.locations.length > 1) {
      failures.add(
        entry.locations.map((l) => `'${l.recordNo}'`),
        'LNG_PAGE_IMPORT_DATA_ERROR_SAME_ID',
        { file: entry.locations },
      );
      continue;
    }
    const { recordNo, location } = first(entry);
    const parentLocation = entry.parent ? first(entry.parent).location : undefined;
    if (parentLocation?.id && location.parentLocationId && parentLocation.id !== location.parentLocationId) {
      failures.add(`'${recordNo}'`, 'LNG_PAGE_IMPORT_DATA_ERROR_WRONG_PARENT', { file: location });
    }
    if (!location.name || typeof location.name !== 'string') {
      failures.add(`'${recordNo}'`, 'LNG_PAGE_IMPORT_DATA_ERROR_INVALID_NAME', { file: location });
      continue;
    }
    if (location.synonyms && !Array.isArray(location.synonyms)) {
      failures.add(`'${recordNo}'`, 'LNG_PAGE_IMPORT_DATA_ERROR_INVALID_SYNONYMS', { file: location });
      continue;
    }
    const siblings = entry.parent ? entry.parent.childrenIds : !location.parentLocationId ? rootIds : [];
    if (siblings.length < 2) continue;
    const synonyms = (location.synonyms as unknown[] | undefined) ?? [];
    const sameName: Processed[] = [];
    const sameSynonym: Processed[] = [];
    for (const siblingId of siblings) {
      const sibling = processed.get(siblingId);
      if (!sibling || siblingId === id) continue;
      const other = first(sibling).location;
      if (typeof other.name === 'string' && lower(other.name) === lower(location.name))
        sameName.push(sibling);
      const otherSynonyms = Array.isArray(other.synonyms) ? other.synonyms : [];
      if (synonyms.some((a) => otherSynonyms.some((b) => lower(a) === lower(b)))) sameSynonym.push(sibling);
    }
    const group = (dups: Processed[]): Processed[] => [entry, ...dups];
    if (sameName.length > 0) {
      const all = group(sameName);
      failures.add(
        all.map((p) => `'${first(p).recordNo}'`),
        'LNG_PAGE_IMPORT_DATA_ERROR_DUPLICATE_FILE_NAME',
        { file: all.map(first) },
      );
    }
    if (sameSynonym.length > 0) {
      const all = group(sameSynonym);
      failures.add(
        all.map((p) => `'${first(p).recordNo}'`),
        'LNG_PAGE_IMPORT_DATA_ERROR_DUPLICATE_FILE_SYNONYMS',
        { file: all.map(first) },
      );
    }
  }
}

function validateAgainstDb(sim: Sim, processed: Map<string, Processed>, failures: Failures): void {
  const live = [...sim.state.locations.all()].filter((l) => l.deleted !== true);
  for (const entry of processed.values()) {
    const { recordNo, location } = first(entry);
    const clashes = (test: (db: Doc) => boolean): boolean =>
      live.some(
        (db) =>
          db.id !== location.id && sameParent(location.parentLocationId, db.parentLocationId) && test(db),
      );
    if (typeof location.name === 'string') {
      const name = lower(location.name);
      if (clashes((db) => typeof db.name === 'string' && lower(db.name) === name)) {
        failures.add(`'${recordNo}'`, 'LNG_PAGE_IMPORT_DATA_ERROR_DUPLICATE_DB_NAME', { file: location });
      }
    }
    const synonyms = Array.isArray(location.synonyms) ? location.synonyms.map(lower) : [];
    const dbHasSynonym = (db: Doc): boolean =>
      Array.isArray(db.synonyms) && db.synonyms.some((s) => synonyms.includes(lower(s)));
    if (synonyms.length > 0 && clashes(dbHasSynonym)) {
      failures.add(`'${recordNo}'`, 'LNG_PAGE_IMPORT_DATA_ERROR_DUPLICATE_DB_SYNONYMS', { file: location });
    }
  }
}

function validateParents(sim: Sim, processed: Map<string, Processed>, failures: Failures): void {
  const parentOf = (id: string): unknown =>
    processed.has(id)
      ? first(processed.get(id) as Processed).location.parentLocationId
      : sim.state.locations.get(id)?.parentLocationId;
  for (const entry of processed.values()) {
    const { recordNo, location } = first(entry);
    const parentId = idOf(location.parentLocationId);
    if (parentId && !processed.has(parentId) && !sim.state.locations.get(parentId)) {
      failures.add(`'${recordNo}'`, 'LNG_PAGE_IMPORT_DATA_ERROR_PARENT_MISSING', { file: location });
    }
  }
  if (failures.list.length > 0) return;
  for (const entry of processed.values()) {
    const { recordNo, location } = first(entry);
    const used = new Set<string>();
    let parentId = idOf(location.parentLocationId);
    while (parentId) {
      if (used.has(parentId)) {
        failures.add(`'${recordNo}'`, 'LNG_PAGE_IMPORT_DATA_ERROR_PARENT_LOOP', { file: location });
        break;
      }
      used.add(parentId);
      parentId = idOf(parentOf(parentId));
    }
  }
}

const isTrue = (v: unknown): boolean =>
  v === true || v === 1 || (typeof v === 'string' && v.toLowerCase() === 'true');
const isFalse = (v: unknown): boolean =>
  v === false || v === 0 || (typeof v === 'string' && v.toLowerCase() === 'false');

/** dbSync.syncRecord for one location: create with its id, or overwrite when the file's updatedAt is newer. */
function syncOne(sim: Sim, record: Loc, author: Author): Doc {
  const id = text(record.id);
  const existing = sim.state.locations.get(id);
  if (!existing) return insertLocation(sim, record, author, true);
  const stored = Date.parse(text(existing.updatedAt ?? ''));
  const incoming = Date.parse(text(record.updatedAt));
  if (!(stored < incoming)) return existing;
  const changes: Loc = { ...record };
  if (existing.deleted !== true && isTrue(changes.deleted)) {
    delete changes.deleted;
    updateLocation(sim, existing, changes, author, true);
    deleteLocation(sim, id, author);
    return existing;
  }
  if (existing.deleted === true && isFalse(changes.deleted)) {
    changes.deletedAt = null;
    if (existing.deletedByParent) changes.deletedByParent = null;
  }
  return updateLocation(sim, existing, changes, author, true);
}

function upsert(sim: Sim, list: unknown[], parentId: string | undefined, author: Author, out: Doc[]): void {
  for (const hierarchy of list) {
    const node = asRecord(hierarchy) ?? {};
    const record: Loc = { parentLocationId: parentId, ...(asRecord(node.location) ?? {}) };
    if (!record.updatedAt) record.updatedAt = author.now;
    const saved = syncOne(sim, record, author);
    out.push(saved);
    if (Array.isArray(node.children) && node.children.length > 0)
      upsert(sim, node.children, saved.id, author, out);
  }
}

export function importLocations(sim: Sim, content: string, author: Author): Doc[] | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(content);
  } catch (error) {
    return invalidContent((error as Error).message);
  }
  if (!Array.isArray(parsed)) return invalidContent('it should contain an array');
  if (parsed.length === 0) return undefined;
  const processed = new Map<string, Processed>();
  const rootIds: string[] = [];
  flatten(parsed, processed, rootIds);
  const failures = new Failures();
  validateFile(processed, rootIds, failures);
  failures.throwIfAny();
  validateAgainstDb(sim, processed, failures);
  if (failures.list.length === 0) validateParents(sim, processed, failures);
  failures.throwIfAny();
  const saved: Doc[] = [];
  upsert(sim, parsed, undefined, author, saved);
  return saved;
}
