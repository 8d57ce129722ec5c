import { plainError } from '../errors.js';
import type { Doc } from '../state.js';
import { asRecord, str } from '../text.js';
import { matches, pinnedIds, valuesAt, type Where } from './where.js';

/** A LoopBack filter as Go.Data accepts it (§13.1). */
export interface Filter {
  where?: Where;
  fields?: unknown;
  order?: unknown;
  limit?: unknown;
  skip?: unknown;
  offset?: unknown;
  deleted?: unknown;
  flags?: unknown;
  include?: unknown;
}

/**
 * strong-remoting's coercion of an `object` argument: JSON strings that look like objects are parsed
 * (400 "Cannot parse JSON-encoded object value." when they do not parse), anything else not an object is a 400.
 */
export function readObjectArg(raw: unknown, sloppy: boolean): Record<string, unknown> | undefined {
  if (raw === undefined || raw === '' || raw === null || raw === 'null') return undefined;
  let value: unknown = raw;
  if (sloppy && typeof raw === 'string' && raw.startsWith('{') && raw.endsWith('}')) {
    try {
      value = JSON.parse(raw) as unknown;
    } catch {
      throw plainError(400, 'Cannot parse JSON-encoded object value.');
    }
  }
  const record = asRecord(value);
  if (!record) throw plainError(400, 'Value is not an object.');
  return record;
}

function bsonRank(value: unknown): number {
  if (value === undefined || value === null) return 0;
  if (typeof value === 'number') return 1;
  if (typeof value === 'string') return 2;
  if (Array.isArray(value)) return 4;
  if (typeof value === 'object') return 3;
  if (typeof value === 'boolean') return 5;
  return 6;
}

function compareValues(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : 1;
  const ra = bsonRank(a);
  const rb = bsonRank(b);
  if (ra !== rb) return ra - rb;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  if (ra === 3 || ra === 4) return compareValues(JSON.stringify(a), JSON.stringify(b));
  return 0;
}

export interface OrderKey {
  path: string;
  direction: 1 | -1;
}

export function parseOrder(order: unknown, fallback: readonly string[]): OrderKey[] {
  const items =
    order === undefined || order === null || order === ''
      ? [...fallback]
      : Array.isArray(order)
        ? order
        : str(order).split(',');
  const keys: OrderKey[] = [];
  for (const item of items) {
    const [path, dir] = str(item).trim().split(/\s+/);
    if (!path) continue;
    keys.push({ path, direction: dir?.toUpperCase() === 'DESC' ? -1 : 1 });
  }
  return keys;
}

/** Mongo sort (stable for ties); sort keys are read once per doc, not once per comparison. */
export function sortDocs(docs: Doc[], keys: readonly OrderKey[]): Doc[] {
  if (keys.length === 0) return docs;
  const first = (doc: Doc, path: string): unknown =>
    path.includes('.') ? valuesAt(doc, path)[0] : doc[path];
  const decorated = docs.map((doc) => ({ doc, values: keys.map((k) => first(doc, k.path)) }));
  decorated.sort((a, b) => {
    for (let i = 0; i < keys.length; i++) {
      const c = compareValues(a.values[i], b.values[i]);
      if (c !== 0) return c * (keys[i]?.direction ?? 1);
    }
    return 0;
  });
  return decorated.map((d) => d.doc);
}

/** LoopBack `fields`: inclusion (`{a:true}`, `['a']`) or exclusion (`{a:false}`); `id` stays unless excluded. */
export function project(doc: Record<string, unknown>, fields: unknown): Record<string, unknown> {
  if (fields === undefined || fields === null) return doc;
  const include = new Set<string>();
  const exclude = new Set<string>();
  if (Array.isArray(fields)) fields.forEach((f) => include.add(String(f).split('.')[0] ?? ''));
  else if (typeof fields === 'string') include.add(fields.split('.')[0] ?? '');
  else {
    for (const [key, on] of Object.entries(asRecord(fields) ?? {})) {
      const top = key.split('.')[0] ?? key;
      if (on === false || on === 0 || on === 'false') exclude.add(top);
      else include.add(top);
    }
  }
  const out: Record<string, unknown> = {};
  if (include.size > 0) {
    if (!exclude.has('id')) include.add('id');
    for (const key of include) if (key in doc) out[key] = doc[key];
    return out;
  }
  for (const [key, value] of Object.entries(doc)) if (!exclude.has(key)) out[key] = value;
  return out;
}

/** sanitizeLimit + Mongo: a non-negative integer, 0 (or nonsense) meaning no limit. */
export function limitOf(value: unknown): number | undefined {
  const n = Number.parseInt(str(value), 10);
  return Number.isNaN(n) || n <= 0 ? undefined : n;
}

export function skipOf(filter: Filter): number {
  const n = Number.parseInt(str(filter.skip ?? filter.offset ?? 0), 10);
  return Number.isNaN(n) || n < 0 ? 0 : n;
}

export interface Source {
  /** All candidate docs (deleted included). */
  all: () => Iterable<Doc>;
  /** O(1) lookup for `id`-pinned queries. */
  byId?: (id: string) => Doc | undefined;
  /** Indexed lookups for other fields a where clause may pin (e.g. `persons.id`, `documents.number`). */
  byField?: Record<string, (value: string) => Doc[]>;
  /** Extra condition every result must meet (type, outbreak…). */
  scope?: (doc: Doc) => boolean;
}

function candidates(source: Source, where: Where | undefined): Iterable<Doc> {
  const ids = source.byId ? pinnedIds(where) : undefined;
  if (ids && source.byId) {
    const docs: Doc[] = [];
    for (const id of new Set(ids)) {
      const doc = source.byId(id);
      if (doc) docs.push(doc);
    }
    return docs;
  }
  for (const [field, lookup] of Object.entries(source.byField ?? {})) {
    const values = pinnedIds(where, field);
    if (!values) continue;
    const docs = new Set<Doc>();
    for (const value of new Set(values)) for (const doc of lookup(value)) docs.add(doc);
    // Keep the store's natural (insertion) order, as a scan would.
    return [...docs];
  }
  return source.all();
}

/** Docs matching `where` (soft-deleted ones only when asked), unsorted. */
export function select(source: Source, where: Where | undefined, includeDeleted: boolean): Doc[] {
  const out: Doc[] = [];
  for (const doc of candidates(source, where)) {
    if (!includeDeleted && doc.deleted === true) continue;
    if (source.scope && !source.scope(doc)) continue;
    if (matches(doc, where)) out.push(doc);
  }
  return out;
}

/** Remembers sorted results of recent list queries until the next write (paging through 200k rows). */
export class QueryCache {
  private readonly entries = new Map<string, { writes: number; docs: Doc[] }>();

  constructor(
    private readonly currentWrites: () => number,
    private readonly size = 16,
  ) {}

  get(key: string, build: () => Doc[]): Doc[] {
    const writes = this.currentWrites();
    const hit = this.entries.get(key);
    if (hit && hit.writes === writes) return hit.docs;
    const docs = build();
    this.entries.delete(key);
    this.entries.set(key, { writes, docs });
    if (this.entries.size > this.size) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    return docs;
  }
}

export interface FindOptions {
  defaultOrder: readonly string[];
  cache?: QueryCache;
  cacheKey?: string;
}

/** find(): where → order → skip/limit, then `fields`; docs are returned as stored (callers copy/shape them). */
export function find(source: Source, filter: Filter, options: FindOptions): Array<Record<string, unknown>> {
  const where = asRecord(filter.where);
  const includeDeleted = filter.deleted === true || filter.deleted === 'true';
  const order = parseOrder(filter.order, options.defaultOrder);
  const build = (): Doc[] => sortDocs(select(source, where, includeDeleted), order);
  const sorted =
    options.cache && options.cacheKey
      ? options.cache.get(`${options.cacheKey}|${JSON.stringify([where, order, includeDeleted])}`, build)
      : build();
  const skip = skipOf(filter);
  const limit = limitOf(filter.limit);
  const page = sorted.slice(skip, limit === undefined ? undefined : skip + limit);
  return page.map((doc) => project(doc, filter.fields));
}

/** Count with LoopBack/Go.Data `where`; `includeDeletedRecords` inside the where includes soft-deleted rows. */
export function count(source: Source, where: Where | undefined): number {
  const { includeDeletedRecords, ...rest } = where ?? {};
  return select(source, rest, includeDeletedRecords === true || includeDeletedRecords === 'true').length;
}
