import { apiError, duplicateKeyError, internalError, type FieldError } from '../errors.js';
import { coerce, stripReadOnly } from '../model/coerce.js';
import { markDeleted, newId, stampCreate, stampUpdate, type Author } from '../model/records.js';
import { assertValid, uniquenessError } from '../model/validation.js';
import type { Sim } from '../http/router.js';
import type { Doc } from '../state.js';
import { asRecord, escapeRegExp, str } from '../text.js';

/** LoopBack's GeoPoint constructor asserts; an AssertionError has no status → 500 INTERNAL_ERROR. */
export function checkGeoPoint(value: unknown): unknown {
  if (value === undefined || value === null) return value;
  const fail = (message: string): never => {
    throw internalError({ code: 'ERR_ASSERTION', message, name: 'AssertionError' });
  };
  let lat: number;
  let lng: number;
  if (typeof value === 'string') {
    const parts = value.split(/,\s*/);
    if (parts.length !== 2) fail('must provide a string "lat,lng" creating a GeoPoint with a string');
    lat = Number(parts[0]);
    lng = Number(parts[1]);
  } else if (Array.isArray(value)) {
    lat = Number(value[0]);
    lng = Number(value[1]);
  } else {
    const record = asRecord(value);
    if (!record) return fail('must provide a lat and lng object when creating a GeoPoint');
    lat = Number(record.lat);
    lng = Number(record.lng);
  }
  if (Number.isNaN(lat)) fail('lat must be a number when creating a GeoPoint');
  if (Number.isNaN(lng)) fail('lng must be a number when creating a GeoPoint');
  if (lng > 180 || lng < -180) fail(lng > 180 ? 'lng must be <= 180' : 'lng must be >= -180');
  if (lat > 90 || lat < -90) fail(lat > 90 ? 'lat must be <= 90' : 'lat must be >= -90');
  return { lat, lng };
}

const own = (data: Record<string, unknown>, key: string): boolean =>
  Object.prototype.hasOwnProperty.call(data, key);

/**
 * validateModelIdentifiers: a live sibling (same parentLocationId, other id) whose name equals the name, or one of
 * whose synonyms equals one of the synonyms, case-insensitively → 400 MODEL_IDENTIFIERS_ARE_NOT_UNIQUE_IN_CONTEXT.
 */
export function checkIdentifiers(sim: Sim, data: Record<string, unknown>, existing?: Doc): void {
  const pick = (key: string, fallback: unknown): unknown =>
    (own(data, key) ? data[key] : existing?.[key]) ?? fallback;
  const parent = (pick('parentLocationId', null) as string | null) || null;
  const name = new RegExp(`^${escapeRegExp(str(pick('name', '') || ''))}$`, 'i');
  const synonymsValue = pick('synonyms', []);
  const synonyms = (Array.isArray(synonymsValue) ? synonymsValue : []).map(
    (s) => new RegExp(`^${escapeRegExp(str(s))}$`, 'i'),
  );
  const clash = sim.state.locations
    .childrenOf(parent)
    .find(
      (loc) =>
        loc.deleted !== true &&
        loc.id !== existing?.id &&
        (name.test(str(loc.name ?? '')) ||
          (Array.isArray(loc.synonyms) && loc.synonyms.some((s) => synonyms.some((re) => re.test(str(s)))))),
    );
  if (!clash) return;
  const errors: string[] = [];
  if (name.test(str(clash.name ?? ''))) {
    errors.push(`A location with name = '${str(clash.name)}' and the same parentLocationId already exists.`);
  }
  if (Array.isArray(clash.synonyms)) {
    for (const re of synonyms) {
      const hit: unknown = clash.synonyms.find((s) => re.test(str(s)));
      if (hit !== undefined)
        errors.push(`A location with a '${str(hit)}' synonym and the same parentLocationId already exists.`);
    }
  }
  throw apiError('MODEL_IDENTIFIERS_ARE_NOT_UNIQUE_IN_CONTEXT', {
    model: 'location',
    details: errors.join(' '),
  });
}

function idUniqueness(sim: Sim, id: unknown): FieldError[] {
  return typeof id === 'string' && sim.state.locations.get(id)?.deleted === false
    ? [uniquenessError('id', id)]
    : [];
}

/** Create as the REST route does, or as the import's sync path does (ids, stamps and flags kept). */
export function insertLocation(
  sim: Sim,
  input: Record<string, unknown>,
  author: Author,
  fromImport = false,
): Doc {
  const body = fromImport
    ? input
    : stripReadOnly('location', input, sim.config.allowCustomIDsOnCreate ? ['id'] : []);
  const { data, invalidDates } = coerce('location', body, true);
  if (own(data, 'geoLocation')) data.geoLocation = checkGeoPoint(data.geoLocation);
  checkIdentifiers(sim, data);
  const id = typeof data.id === 'string' && data.id ? data.id : newId();
  data.id = id;
  assertValid({
    model: 'location',
    version: sim.config.version,
    doc: data,
    invalidDates,
    extra: idUniqueness(sim, id),
  });
  if (sim.state.locations.get(id)) throw duplicateKeyError('location', id);
  stampCreate(data, author, fromImport);
  const doc = data as Doc;
  sim.state.locations.put(doc);
  sim.state.touch();
  return doc;
}

export function createLocation(sim: Sim, body: unknown, author: Author): Doc {
  return insertLocation(sim, asRecord(body) ?? {}, author);
}

/** PATCH/PUT /locations/{id} (and the import's update path with `keepTimes`). */
export function updateLocation(
  sim: Sim,
  doc: Doc,
  body: Record<string, unknown>,
  author: Author,
  keepTimes = false,
): Doc {
  const input = keepTimes ? body : stripReadOnly('location', body);
  const { data, invalidDates } = coerce('location', input, false);
  delete data.id;
  if (own(data, 'geoLocation')) data.geoLocation = checkGeoPoint(data.geoLocation);
  checkIdentifiers(sim, data, doc);
  if (data.active === false) {
    const activeChild = sim.state.locations
      .childrenOf(doc.id)
      .some((c) => c.deleted !== true && c.active === true);
    if (activeChild) throw apiError('DEACTIVATE_PARENT_MODEL', { model: 'location' });
  }
  assertValid({ model: 'location', version: sim.config.version, doc: { ...doc, ...data }, invalidDates });
  sim.state.locations.mutate(doc, (d) => {
    Object.assign(d, data);
    stampUpdate(d, author, keepTimes);
  });
  sim.state.touch();
  return doc;
}

/** The location and every live descendant. */
export function subtreeIds(sim: Sim, rootId: string): string[] {
  const ids: string[] = [];
  const queue = [rootId];
  const seen = new Set<string>();
  while (queue.length > 0) {
    const id = queue.shift() as string;
    if (seen.has(id)) continue;
    seen.add(id);
    ids.push(id);
    for (const child of sim.state.locations.childrenOf(id)) if (child.deleted !== true) queue.push(child.id);
  }
  return ids;
}

const PERSON_LOCATION_FIELDS = ['usualPlaceOfResidenceLocationId', 'deathLocationId', 'burialLocationId'];

/** isRecordInUse: referenced by a live person (addresses, dateRanges, death/burial) or outbreak. */
export function locationsInUse(sim: Sim, ids: ReadonlySet<string>): boolean {
  const has = (v: unknown): boolean => typeof v === 'string' && ids.has(v);
  const listHas = (list: unknown): boolean =>
    Array.isArray(list) && list.some((item) => has(asRecord(item)?.locationId));
  for (const person of sim.state.persons.all()) {
    if (person.deleted === true) continue;
    if (PERSON_LOCATION_FIELDS.some((f) => has(person[f]))) return true;
    if (listHas(person.addresses) || listHas(person.dateRanges) || has(asRecord(person.address)?.locationId))
      return true;
  }
  for (const outbreak of sim.state.outbreaks.all()) {
    if (outbreak.deleted !== true && Array.isArray(outbreak.locationIds) && outbreak.locationIds.some(has))
      return true;
  }
  return false;
}

/** DELETE /locations/{id}: `{count: 0|1}`; in use (itself or a descendant) → 422 MODEL_IN_USE; cascades down. */
export function deleteLocation(sim: Sim, id: string, author: Author): { count: number } {
  const doc = sim.state.locations.get(id);
  if (!doc || doc.deleted === true) return { count: 0 };
  const ids = subtreeIds(sim, id);
  if (locationsInUse(sim, new Set(ids))) throw apiError('MODEL_IN_USE', { model: 'location', id });
  for (const locationId of ids) {
    const location = sim.state.locations.get(locationId);
    if (location) markDeleted(location, author);
  }
  sim.state.touch();
  return { count: 1 };
}

export interface TreeNode {
  location: Record<string, unknown>;
  children: TreeNode[];
}

/** buildHierarchicalLocationsList: roots are parentless; rows whose parent is not in the list are dropped. */
export function buildTree(locations: Array<Record<string, unknown>>): TreeNode[] {
  const nodes = new Map<string, TreeNode>();
  for (const location of locations) nodes.set(String(location.id), { location, children: [] });
  const roots: TreeNode[] = [];
  for (const location of locations) {
    const node = nodes.get(String(location.id));
    if (!node) continue;
    const parentId = location.parentLocationId;
    if (parentId === null || parentId === undefined || parentId === '') roots.push(node);
    else nodes.get(str(parentId))?.children.push(node);
  }
  const byName = (a: TreeNode, b: TreeNode): number => {
    const x = String(a.location.name);
    const y = String(b.location.name);
    return x === y ? 0 : x > y ? 1 : -1;
  };
  return roots.sort(byName);
}
