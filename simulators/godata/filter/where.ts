import { HttpError } from '../errors.js';
import { asRecord } from '../text.js';

/**
 * LoopBack `where` matching with MongoDB semantics (what loopback-connector-mongodb and Go.Data's
 * convertLoopbackFilterToMongo produce): dotted paths reach into arrays ("persons.id" matches any element),
 * operators in LoopBack spelling (inq, neq, like…) or Mongo spelling ($in, $ne, $elemMatch…).
 */

export type Where = Record<string, unknown>;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** Collects the values at a dotted path; arrays along the way fan out (leaf arrays also yield their items). */
export function valuesAt(doc: unknown, path: string): unknown[] {
  let current: unknown[] = [doc];
  for (const part of path.split('.')) {
    const next: unknown[] = [];
    for (const value of current) {
      if (Array.isArray(value)) {
        if (/^\d+$/.test(part)) next.push(value[Number(part)]);
        for (const item of value) {
          const record = asRecord(item);
          if (record) next.push(record[part]);
        }
      } else {
        const record = asRecord(value);
        if (record) next.push(record[part]);
      }
    }
    current = next;
  }
  const out: unknown[] = [];
  for (const value of current) {
    if (Array.isArray(value)) out.push(...(value as unknown[]), value);
    else out.push(value);
  }
  return out;
}

function asTime(value: unknown): number | undefined {
  if (typeof value === 'string' && ISO_DATE.test(value)) {
    const time = Date.parse(value);
    return Number.isNaN(time) ? undefined : time;
  }
  return undefined;
}

function equals(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if ((a === null || a === undefined) && (b === null || b === undefined)) return true;
  const ta = asTime(a);
  const tb = asTime(b);
  if (ta !== undefined && tb !== undefined) return ta === tb;
  if (typeof a === 'object' && typeof b === 'object' && a !== null && b !== null)
    return JSON.stringify(a) === JSON.stringify(b);
  return false;
}

function compare(a: unknown, b: unknown): number | undefined {
  const ta = asTime(a);
  const tb = asTime(b);
  if (ta !== undefined && tb !== undefined) return ta - tb;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  return undefined;
}

/** LoopBack `regexp` values: a RegExp, "/pattern/flags" or a bare pattern. */
export function toRegExp(value: unknown, flags?: unknown): RegExp {
  if (value instanceof RegExp) return value;
  const text = String(value);
  const literal = /^\/(.*)\/([a-z]*)$/s.exec(text);
  try {
    if (literal) return new RegExp(literal[1] ?? '', literal[2]);
    return new RegExp(text, typeof flags === 'string' ? flags : undefined);
  } catch (error) {
    throw new HttpError(500, { message: `Invalid regular expression: ${(error as Error).message}` });
  }
}

function stringMatches(values: unknown[], re: RegExp): boolean {
  return values.some((v) => typeof v === 'string' && re.test(v));
}

const OPERATORS = new Set([
  'eq',
  'neq',
  'ne',
  'gt',
  'gte',
  'lt',
  'lte',
  'between',
  'inq',
  'in',
  'nin',
  'like',
  'nlike',
  'ilike',
  'nilike',
  'regexp',
  'regex',
  'exists',
  'elemMatch',
  'not',
  'size',
  'options',
  'all',
]);

function operatorName(key: string): string | undefined {
  const bare = key.startsWith('$') ? key.slice(1) : key;
  return OPERATORS.has(bare) ? bare : undefined;
}

function isOperatorObject(cond: unknown): cond is Record<string, unknown> {
  const record = asRecord(cond);
  if (!record) return false;
  const keys = Object.keys(record);
  return keys.length > 0 && keys.every((k) => operatorName(k) !== undefined);
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}

function inList(values: unknown[], items: unknown[]): boolean {
  return items.some((item) =>
    item instanceof RegExp ? stringMatches(values, item) : values.some((v) => equals(v, item)),
  );
}

function applyOperator(
  op: string,
  arg: unknown,
  values: unknown[],
  siblings: Record<string, unknown>,
  raw: unknown[],
): boolean {
  const present = values.filter((v) => v !== undefined);
  switch (op) {
    case 'eq':
      return values.some((v) => equals(v, arg));
    case 'neq':
    case 'ne':
      return !values.some((v) => equals(v, arg));
    case 'gt':
      return present.some((v) => (compare(v, arg) ?? Number.NaN) > 0);
    case 'gte':
      return present.some((v) => (compare(v, arg) ?? Number.NaN) >= 0);
    case 'lt':
      return present.some((v) => (compare(v, arg) ?? Number.NaN) < 0);
    case 'lte':
      return present.some((v) => (compare(v, arg) ?? Number.NaN) <= 0);
    case 'between': {
      const [low, high] = list(arg);
      return present.some(
        (v) => (compare(v, low) ?? Number.NaN) >= 0 && (compare(v, high) ?? Number.NaN) <= 0,
      );
    }
    case 'inq':
    case 'in':
      return inList(values, list(arg));
    case 'nin':
      return !inList(values, list(arg));
    case 'all':
      return list(arg).every((item) => values.some((v) => equals(v, item)));
    case 'like':
    case 'regexp':
    case 'regex':
      return stringMatches(values, toRegExp(arg, siblings.options ?? siblings.$options));
    case 'ilike':
      return stringMatches(values, toRegExp(arg, 'i'));
    case 'nlike':
      return !stringMatches(values, toRegExp(arg, siblings.options ?? siblings.$options));
    case 'nilike':
      return !stringMatches(values, toRegExp(arg, 'i'));
    case 'exists':
      return present.length > 0 === Boolean(arg);
    case 'size':
      return raw.some((v) => Array.isArray(v) && v.length === Number(arg));
    case 'elemMatch':
      return raw.some((v) => Array.isArray(v) && v.some((item) => elementMatches(item, arg)));
    case 'not':
      return !conditionMatches(values, arg, raw);
    case 'options':
      return true;
    default:
      return false;
  }
}

function elementMatches(item: unknown, cond: unknown): boolean {
  if (isOperatorObject(cond)) return conditionMatches([item], cond, [item]);
  const where = asRecord(cond);
  return where ? matches(item, where) : equals(item, cond);
}

function conditionMatches(values: unknown[], cond: unknown, raw: unknown[]): boolean {
  if (cond instanceof RegExp) return stringMatches(values, cond);
  if (isOperatorObject(cond)) {
    return Object.entries(cond).every(([key, arg]) =>
      applyOperator(operatorName(key) ?? key, arg, values, cond, raw),
    );
  }
  return values.some((v) => equals(v, cond));
}

/** The raw (non fanned-out) value at the path, used by $size/$elemMatch. */
function rawAt(doc: unknown, path: string): unknown[] {
  return valuesAt(doc, path).filter((v) => Array.isArray(v));
}

export function matches(doc: unknown, where: Where | undefined): boolean {
  if (!where) return true;
  for (const [key, cond] of Object.entries(where)) {
    switch (key) {
      case 'and':
      case '$and':
        if (!list(cond).every((w) => matches(doc, asRecord(w)))) return false;
        break;
      case 'or':
      case '$or':
        if (!list(cond).some((w) => matches(doc, asRecord(w)))) return false;
        break;
      case 'nor':
      case '$nor':
        if (list(cond).some((w) => matches(doc, asRecord(w)))) return false;
        break;
      default: {
        const path = key === '_id' ? 'id' : key;
        if (!conditionMatches(valuesAt(doc, path), cond, rawAt(doc, path))) return false;
      }
    }
  }
  return true;
}

/**
 * Values a where clause pins `field` to at the top level (equality, eq, inq/in, inside `and`; for a dotted
 * `a.b` also `{a: {elemMatch: {b: …}}}`), so a query can start from an index instead of a scan.
 */
export function pinnedIds(where: Where | undefined, field = 'id'): string[] | undefined {
  if (!where) return undefined;
  const [head, leaf] = field.split('.');
  const elemMatch =
    leaf && head
      ? asRecord(asRecord(where[head])?.elemMatch ?? asRecord(where[head])?.$elemMatch)
      : undefined;
  const direct =
    where[field] ??
    (field === 'id' ? where._id : undefined) ??
    (elemMatch && leaf ? elemMatch[leaf] : undefined);
  if (typeof direct === 'string') return [direct];
  const ops = asRecord(direct);
  if (ops) {
    const eq = ops.eq ?? ops.$eq;
    if (typeof eq === 'string') return [eq];
    const inq = ops.inq ?? ops.in ?? ops.$in;
    if (Array.isArray(inq) && inq.every((v): v is string => typeof v === 'string')) return inq;
  }
  const and = where.and ?? where.$and;
  if (Array.isArray(and)) {
    for (const part of and) {
      const ids = pinnedIds(asRecord(part), field);
      if (ids) return ids;
    }
  }
  return undefined;
}
