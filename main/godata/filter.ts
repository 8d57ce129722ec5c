import { GoDataError, isRecord } from './errors.js';

/**
 * LoopBack filters as Go.Data reads them (§13.1): sent as JSON in the `filter` query parameter, or `where`
 * alone for count routes. Soft-deleted records are only seen with the top-level `deleted: true`.
 */
export type Where = Record<string, unknown>;

export interface LoopBackFilter {
  where?: Where;
  fields?: Record<string, boolean> | string[];
  order?: string | string[];
  limit?: number;
  skip?: number;
  include?: unknown;
  /** Include soft-deleted records. */
  deleted?: boolean;
}

export const DEFAULT_PAGE_SIZE = 500;

/** Query parameters carrying a filter; an empty filter sends nothing. */
export function filterParams(filter: LoopBackFilter | undefined): Record<string, string> {
  return filter && Object.keys(filter).length > 0 ? { filter: JSON.stringify(filter) } : {};
}

/** Query parameters of a LoopBack `/count` route. */
export function whereParams(where: Where | undefined): Record<string, string> {
  return where && Object.keys(where).length > 0 ? { where: JSON.stringify(where) } : {};
}

/** A `where` matching records that have both persons (a relationship pair, §12.3). */
export function pairWhere(personA: string, personB: string): Where {
  return { and: [{ 'persons.id': personA }, { 'persons.id': personB }] };
}

/** Counts come as `{count}` from LoopBack routes and as `{count, hasMore}` or a bare number from filtered-count. */
export function parseCount(value: unknown, url: string): number {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (isRecord(value) && typeof value.count === 'number') return value.count;
  throw new GoDataError({
    kind: 'not-godata',
    url,
    message: `Go.Data answered a count that is not a number (${url})`,
  });
}

/** The list a read route answered, or a clear error when it answered something else. */
export function asArray<T>(value: unknown, url: string): T[] {
  if (Array.isArray(value)) return value as T[];
  throw new GoDataError({
    kind: 'not-godata',
    url,
    message: `Go.Data answered a list read with a non-list (${url})`,
  });
}

/**
 * Pages through a list route with limit/skip. A stable order is forced (`id ASC` unless given), because
 * Go.Data's default orders (by name) are not unique and would let records slip between pages.
 */
export async function* paginate<T>(
  fetchPage: (filter: LoopBackFilter) => Promise<T[]>,
  filter: LoopBackFilter = {},
  pageSize = DEFAULT_PAGE_SIZE,
): AsyncGenerator<T[], void, undefined> {
  const order = filter.order ?? 'id ASC';
  const end = filter.limit === undefined ? Infinity : (filter.skip ?? 0) + filter.limit;
  for (let skip = filter.skip ?? 0; skip < end;) {
    const limit = Math.min(pageSize, end - skip);
    const page = await fetchPage({ ...filter, order, skip, limit });
    if (page.length > 0) yield page;
    if (page.length < limit) return;
    skip += page.length;
  }
}
