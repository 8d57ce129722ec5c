import {
  applyFields,
  fieldsParam,
  parseFields,
  type FieldContext,
  type FieldNode,
  type JsonObject,
} from '../fields.js';
import type { QueryParams } from '../http/query.js';
import { badRequest } from '../http/webMessage.js';
import { compareValues } from '../values.js';
import { matchesFilter, parseFilter } from './filter.js';
import type { MetadataStore } from './store.js';

/** Field context for one collection: `*`, presets and `{id}` resolution through the store. */
export function metadataFieldContext(store: MetadataStore, collection: string): FieldContext {
  return {
    allKeys: (obj) => Object.keys(obj),
    preset: (name, obj) => store.preset(name, obj, collection),
    resolve: (obj) => store.resolve(obj),
  };
}

export function selectFields(
  store: MetadataStore,
  collection: string,
  views: JsonObject[],
  fields: FieldNode[],
): unknown[] {
  const ctx = metadataFieldContext(store, collection);
  return views.map((v) => applyFields(fields, v, ctx));
}

export function parseFieldsOr(query: QueryParams, fallback: string): FieldNode[] {
  return parseFields(fieldsParam(query.all('fields')) ?? fallback);
}

/** `filter` (repeatable, AND-ed unless `rootJunction=OR`). */
export function applyFilters(store: MetadataStore, views: JsonObject[], query: QueryParams): JsonObject[] {
  const filters = query.all('filter').map(parseFilter);
  if (filters.length === 0) return views;
  const any = (query.get('rootJunction') ?? 'AND').toUpperCase() === 'OR';
  const resolve = (o: JsonObject): JsonObject => store.resolve(o);
  return views.filter((v) =>
    any
      ? filters.some((f) => matchesFilter(v, f, resolve))
      : filters.every((f) => matchesFilter(v, f, resolve)),
  );
}

type Direction = 'asc' | 'desc' | 'iasc' | 'idesc';

/** `order=prop:asc|desc|iasc|idesc,…`; without it DHIS2 orders by name (case-insensitive), then insertion. */
export function applyOrder(views: JsonObject[], query: QueryParams): JsonObject[] {
  const specs = query.list('order', ',').map((part) => {
    const [property = '', dir = 'asc'] = part.split(':');
    const direction = dir.toLowerCase() as Direction;
    if (!['asc', 'desc', 'iasc', 'idesc'].includes(direction))
      throw badRequest(`Invalid order direction "${dir}" in "${part}"`);
    return { property, direction };
  });
  if (specs.length === 0) specs.push({ property: 'name', direction: 'iasc' });
  const indexed = views.map((v, i) => ({ v, i }));
  indexed.sort((l, r) => {
    for (const { property, direction } of specs) {
      const c = compareValues(l.v[property], r.v[property], direction.startsWith('i'));
      if (c !== 0) return direction.endsWith('desc') ? -c : c;
    }
    return l.i - r.i;
  });
  return indexed.map((x) => x.v);
}

export interface MetadataPager {
  page: number;
  pageCount: number;
  total: number;
  pageSize: number;
  nextPage?: string;
  prevPage?: string;
}

const DEFAULT_PAGE_SIZE = 50;

/** Java's URLEncoder (form encoding): what DHIS2 uses to carry the other parameters into pager links. */
function formEncode(text: string): string {
  return encodeURIComponent(text)
    .replace(/%20/g, '+')
    .replace(/[!'()~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * One page and its pager. Links are absolute and carry every other parameter, with `pageSize` only when it is
 * not the default — as DefaultLinkService builds them.
 */
export function paginate<T>(
  items: T[],
  query: QueryParams,
  endpoint: string,
): { page: T[]; pager?: MetadataPager } {
  if (query.bool('paging') === false) return { page: items };
  const pageSize = Math.max(1, query.int('pageSize') ?? DEFAULT_PAGE_SIZE);
  const total = items.length;
  const pageCount = Math.ceil(total / pageSize);
  const page = Math.max(1, query.int('page') ?? 1);
  const pager: MetadataPager = { page, pageCount, total, pageSize };
  const others = query
    .entries()
    .filter(([k]) => k !== 'page' && k !== 'pageSize')
    .map(([k, v]) => `${formEncode(k)}=${formEncode(v)}`)
    .join('&');
  const sizePart = pageSize === DEFAULT_PAGE_SIZE ? '' : `pageSize=${pageSize}`;
  const link = (n: number): string => {
    const parts = [n === 1 ? '' : `page=${n}`, sizePart, others].filter(Boolean);
    return parts.length ? `${endpoint}?${parts.join('&')}` : endpoint;
  };
  if (page < pageCount) pager.nextPage = link(page + 1);
  if (page > 1) pager.prevPage = link(page - 1);
  return { page: items.slice((page - 1) * pageSize, page * pageSize), pager };
}
