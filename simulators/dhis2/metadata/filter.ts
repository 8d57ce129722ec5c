import type { JsonObject } from '../fields.js';
import { badRequest } from '../http/webMessage.js';
import { padTimestamp } from '../time.js';
import { asText } from '../values.js';

/**
 * Metadata `filter=<path>:<operator>[:<value>]` (reference §4.3). Paths walk into objects and collections
 * (`parent.id`, `programs.id`); a collection matches when any element does. Comparing a collection itself with
 * eq/ne/gt/ge/lt/le compares its size.
 */
export interface MetadataFilter {
  path: string[];
  operator: string;
  value: string;
}

const OPERATORS = new Set([
  'eq',
  '!eq',
  'ne',
  'neq',
  'ieq',
  'gt',
  'ge',
  'lt',
  'le',
  'like',
  '!like',
  '$like',
  '!$like',
  'like$',
  '!like$',
  'ilike',
  '!ilike',
  '$ilike',
  '!$ilike',
  'ilike$',
  '!ilike$',
  'in',
  '!in',
  'null',
  '!null',
  'empty',
  'token',
  '!token',
]);
const NO_VALUE = new Set(['null', '!null', 'empty']);

export function parseFilter(text: string): MetadataFilter {
  const first = text.indexOf(':');
  const second = first < 0 ? -1 : text.indexOf(':', first + 1);
  const path = first < 0 ? text : text.slice(0, first);
  const operator = first < 0 ? '' : second < 0 ? text.slice(first + 1) : text.slice(first + 1, second);
  const value = second < 0 ? '' : text.slice(second + 1);
  if (!path || !OPERATORS.has(operator)) {
    throw badRequest(
      `Invalid filter "${text}": expected <property>:<operator>[:<value>] with a known operator`,
    );
  }
  if (!NO_VALUE.has(operator) && second < 0)
    throw badRequest(`Invalid filter "${text}": operator ${operator} needs a value`);
  return { path: path.split('.'), operator, value };
}

/** Values reached by a path; `resolve` turns `{id}` references into the objects they name. */
function reach(
  obj: unknown,
  path: string[],
  resolve: (o: JsonObject) => JsonObject,
): { values: unknown[]; collection?: unknown[] } {
  let current: unknown[] = [obj];
  let collection: unknown[] | undefined;
  path.forEach((segment, i) => {
    const next: unknown[] = [];
    for (const item of current) {
      if (item === null || typeof item !== 'object') continue;
      let o = item as JsonObject;
      if (!(segment in o) && segment !== 'id') o = resolve(o);
      const v = o[segment];
      if (Array.isArray(v)) {
        if (i === path.length - 1) collection = v;
        next.push(...(v as unknown[]));
      } else if (v !== undefined && v !== null) {
        next.push(v);
      }
    }
    current = next;
  });
  return { values: current, ...(collection ? { collection } : {}) };
}

function compare(a: unknown, b: string): number {
  if (typeof a === 'number') return a - Number(b);
  if (typeof a === 'boolean') return a === (b === 'true') ? 0 : a ? 1 : -1;
  const text = asText(a);
  if (/^\d{4}-\d{2}-\d{2}/.test(text) && /^\d{4}-\d{2}-\d{2}/.test(b)) {
    const x = padTimestamp(text);
    const y = padTimestamp(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  return text < b ? -1 : text > b ? 1 : 0;
}

function matchOne(value: unknown, operator: string, target: string): boolean {
  const text = asText(value);
  const lower = text.toLowerCase();
  const t = target.toLowerCase();
  switch (operator) {
    case 'eq':
      return compare(value, target) === 0;
    case 'ieq':
      return lower === t;
    case 'gt':
      return compare(value, target) > 0;
    case 'ge':
      return compare(value, target) >= 0;
    case 'lt':
      return compare(value, target) < 0;
    case 'le':
      return compare(value, target) <= 0;
    case 'like':
      return text.includes(target);
    case '$like':
      return text.startsWith(target);
    case 'like$':
      return text.endsWith(target);
    case 'ilike':
      return lower.includes(t);
    case '$ilike':
      return lower.startsWith(t);
    case 'ilike$':
      return lower.endsWith(t);
    case 'in':
      return parseList(target).some((v) => compare(value, v) === 0);
    case 'token':
      return t
        .split(/\s+/)
        .filter(Boolean)
        .every((word) => lower.includes(word));
    default:
      return false;
  }
}

function parseList(text: string): string[] {
  const inner = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  return inner.split(',').map((s) => s.trim());
}

const NEGATED: Record<string, string> = {
  '!eq': 'eq',
  ne: 'eq',
  neq: 'eq',
  '!like': 'like',
  '!$like': '$like',
  '!like$': 'like$',
  '!ilike': 'ilike',
  '!$ilike': '$ilike',
  '!ilike$': 'ilike$',
  '!in': 'in',
  '!token': 'token',
};

export function matchesFilter(
  obj: JsonObject,
  filter: MetadataFilter,
  resolve: (o: JsonObject) => JsonObject,
): boolean {
  const { operator, value } = filter;
  if (
    filter.path.length === 1 &&
    filter.path[0] === 'identifiable' &&
    (operator === 'token' || operator === '!token')
  ) {
    const text = ['id', 'code', 'name', 'shortName'].map((k) => asText(obj[k])).join(' ');
    return matchOne(text, 'token', value) === (operator === 'token');
  }
  const { values, collection } = reach(obj, filter.path, resolve);
  if (operator === 'null') return values.length === 0 && !collection?.length;
  if (operator === '!null') return values.length > 0;
  if (operator === 'empty') return collection ? collection.length === 0 : values.length === 0;
  if (collection && ['eq', 'gt', 'ge', 'lt', 'le'].includes(operator) && /^\d+$/.test(value)) {
    const sizeMatch = matchOne(collection.length, operator, value);
    if (collection.every((v) => typeof v === 'object')) return sizeMatch;
  }
  const positive = NEGATED[operator];
  if (positive) return !values.some((v) => matchOne(v, positive, value));
  return values.some((v) => matchOne(v, operator, value));
}
