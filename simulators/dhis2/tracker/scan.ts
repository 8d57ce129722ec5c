import { compareValues } from '../values.js';

/**
 * Ordered paging over generated and explicit records together. Generated records arrive as "sources" whose
 * positions are already sorted by the order key (timestamps grow with the index), so a page is a k-way merge
 * that builds full records only for the rows it returns. Orders no source can serve lazily fall back to a full
 * sort of keys (slow on huge datasets, but correct).
 */
export interface OrderSpec {
  field: string;
  desc: boolean;
}

export interface GeneratedSource<R> {
  /** Positions [from, to) worth scanning (time bounds may narrow them). */
  from: number;
  to: number;
  /** The lazy order key at a position; non-decreasing with the position. */
  key(pos: number): number;
  /** Whether the record at a position matches the query (cheap unless the query needs full records). */
  accept(pos: number): boolean;
  load(pos: number): R;
  tie(pos: number): number;
}

export interface ScanRequest<R> {
  sources: Array<GeneratedSource<R>>;
  /** Explicit records that already match the query. */
  explicit: R[];
  /** The lazy order key of a record, or undefined when the order is not lazy (see `compare`). */
  lazyKey?: (record: R) => number;
  desc: boolean;
  /** Sort values of a record: every order field for non-lazy orders, the fields after the lazy one otherwise. */
  sortKey?: (record: R) => unknown[];
  /** Per order field: descending? */
  descending?: boolean[];
  tieOf(record: R): number;
  offset: number;
  /** Rows wanted; undefined = all. */
  limit?: number;
  countTotal: boolean;
}

export interface ScanResult<R> {
  items: R[];
  /** Whether at least one more matching row follows the returned ones. */
  hasMore: boolean;
  total?: number;
}

interface Head<R> {
  key: number;
  tie: number;
  take(): R;
}

/** A head whose record is built at most once (ties compare records, then the page takes them). */
function head<R>(key: number, tie: number, load: () => R): Head<R> {
  let record: R | undefined;
  let loaded = false;
  return {
    key,
    tie,
    take: () => {
      if (!loaded) {
        record = load();
        loaded = true;
      }
      return record as R;
    },
  };
}

function* sourceItems<R>(source: GeneratedSource<R>, desc: boolean): Generator<Head<R>> {
  if (desc) {
    for (let pos = source.to - 1; pos >= source.from; pos--) {
      if (source.accept(pos)) yield head(source.key(pos), source.tie(pos), () => source.load(pos));
    }
  } else {
    for (let pos = source.from; pos < source.to; pos++) {
      if (source.accept(pos)) yield head(source.key(pos), source.tie(pos), () => source.load(pos));
    }
  }
}

/** Lazy key first; on a tie the remaining order fields (records built only then); then the internal id. */
function headOrder<R>(request: ScanRequest<R>): (a: Head<R>, b: Head<R>) => number {
  const sign = request.desc ? -1 : 1;
  const { sortKey, descending = [] } = request;
  return (a, b) => {
    if (a.key !== b.key) return sign * (a.key - b.key);
    if (sortKey) {
      const x = sortKey(a.take());
      const y = sortKey(b.take());
      for (let i = 0; i < x.length; i++) {
        const c = compareValues(x[i], y[i]);
        if (c !== 0) return descending[i] ? -c : c;
      }
    }
    return sign * (a.tie - b.tie);
  };
}

function* merged<R>(request: ScanRequest<R>, lazyKey: (r: R) => number): Generator<Head<R>> {
  const compare = headOrder(request);
  const explicit = request.explicit.map((r) => head(lazyKey(r), request.tieOf(r), () => r)).sort(compare);
  const iterators: Array<Iterator<Head<R>>> = [
    ...request.sources.map((s) => sourceItems(s, request.desc)),
    explicit[Symbol.iterator](),
  ];
  const heads = iterators.map((it) => it.next());
  for (;;) {
    let best = -1;
    for (let i = 0; i < heads.length; i++) {
      const h = heads[i];
      if (!h || h.done) continue;
      const b = best >= 0 ? heads[best] : undefined;
      if (!b || b.done || compare(h.value, b.value) < 0) best = i;
    }
    if (best < 0) return;
    const h = heads[best];
    if (!h || h.done) return;
    yield h.value;
    heads[best] = iterators[best]?.next() ?? { done: true, value: undefined };
  }
}

/** One generated source and nothing else (the common bulk read): a plain loop, no merge, no allocation per row. */
function scanSingle<R>(source: GeneratedSource<R>, request: ScanRequest<R>): ScanResult<R> {
  const { offset, limit } = request;
  const items: R[] = [];
  let seen = 0;
  let hasMore = false;
  const step = request.desc ? -1 : 1;
  for (
    let pos = request.desc ? source.to - 1 : source.from;
    request.desc ? pos >= source.from : pos < source.to;
    pos += step
  ) {
    if (!source.accept(pos)) continue;
    if (seen >= offset) {
      if (limit === undefined || items.length < limit) items.push(source.load(pos));
      else {
        hasMore = true;
        if (!request.countTotal) return { items, hasMore };
      }
    }
    seen++;
  }
  return { items, hasMore, ...(request.countTotal ? { total: seen } : {}) };
}

export function scan<R>(request: ScanRequest<R>): ScanResult<R> {
  const { offset, limit } = request;
  const only = request.sources[0];
  if (request.lazyKey && only && request.sources.length === 1 && request.explicit.length === 0)
    return scanSingle(only, request);
  if (request.lazyKey) {
    const items: R[] = [];
    let seen = 0;
    let hasMore = false;
    for (const head of merged(request, request.lazyKey)) {
      if (seen >= offset && (limit === undefined || items.length < limit)) items.push(head.take());
      else if (seen >= offset) {
        hasMore = true;
        if (!request.countTotal) return { items, hasMore };
      }
      seen++;
    }
    return { items, hasMore, ...(request.countTotal ? { total: seen } : {}) };
  }
  // Full sort: keep only the sort values and a way back to the record, so 200 000 rows stay cheap to hold.
  const sortKey = request.sortKey ?? (() => []);
  const entries: Array<{ keys: unknown[]; tie: number; take: () => R }> = request.explicit.map((r) => ({
    keys: sortKey(r),
    tie: request.tieOf(r),
    take: () => r,
  }));
  for (const source of request.sources) {
    for (let pos = source.from; pos < source.to; pos++) {
      if (!source.accept(pos)) continue;
      const p = pos;
      entries.push({ keys: sortKey(source.load(p)), tie: source.tie(p), take: () => source.load(p) });
    }
  }
  const descending = request.descending ?? [];
  entries.sort((a, b) => {
    for (let i = 0; i < a.keys.length; i++) {
      const c = compareValues(a.keys[i], b.keys[i]);
      if (c !== 0) return descending[i] ? -c : c;
    }
    return request.desc ? b.tie - a.tie : a.tie - b.tie;
  });
  const end = limit === undefined ? entries.length : offset + limit;
  return {
    items: entries.slice(offset, end).map((e) => e.take()),
    hasMore: entries.length > end,
    ...(request.countTotal ? { total: entries.length } : {}),
  };
}
