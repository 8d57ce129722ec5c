import type { SimContext } from '../context.js';
import type { QueryParams } from '../http/query.js';
import { HttpProblem, badRequest } from '../http/webMessage.js';
import { serviceErrorStatus } from '../version.js';
import { javaHashSetOrder } from '../javaHashSet.js';
import type { OrderSpec } from './scan.js';
import { OU_MODES, type OrgUnitScope, type OuMode } from './scope.js';
import type { ValueFilter, Window } from './searchTypes.js';

/** A query-validation failure: 409 in the service layer up to 2.41, 400 from the 2.42 controllers. */
export function serviceError(ctx: SimContext, message: string): HttpProblem {
  return new HttpProblem(serviceErrorStatus(ctx.version), message);
}

export function date(
  ctx: SimContext,
  query: QueryParams,
  name: string,
  endOfDay = false,
): number | undefined {
  const text = query.get(name);
  if (text === undefined) return undefined;
  const ms = ctx.clock.parse(text, endOfDay);
  if (ms === undefined)
    throw badRequest(`Value '${text}' is not valid for parameter ${name}. It should be of type Date`);
  return ms;
}

/** `12h`, `2d`, `30m`, `45s` (not ISO-8601, whatever the docs say). */
export function duration(text: string): number | undefined {
  const m = /^(\d+)([dhms])$/.exec(text.trim());
  if (!m) return undefined;
  const unit = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1_000 }[m[2] as 'd' | 'h' | 'm' | 's'];
  return Number(m[1]) * unit;
}

/**
 * `updatedAfter`/`updatedBefore`/`updatedWithin` (or the old API's names). Upper bounds given as a plain date
 * mean the end of that day from 2.42.
 */
export function updatedWindow(
  ctx: SimContext,
  query: QueryParams,
  names: { after: string; before?: string; within: string },
  conflictMessage: string,
): Window {
  const after = date(ctx, query, names.after);
  const before = names.before ? date(ctx, query, names.before, ctx.version.minor >= 42) : undefined;
  const within = query.get(names.within);
  if (within !== undefined) {
    if (after !== undefined || before !== undefined) throw serviceError(ctx, conflictMessage);
    const ms = duration(within);
    if (ms === undefined)
      throw serviceError(
        ctx,
        ctx.version.minor >= 42
          ? `\`updatedWithin\` is not valid: ${within}`
          : `Duration is not valid: ${within}`,
      );
    return { after: Date.now() - ms };
  }
  return { ...(after !== undefined ? { after } : {}), ...(before !== undefined ? { before } : {}) };
}

export function dateWindow(ctx: SimContext, query: QueryParams, after: string, before: string): Window {
  const a = date(ctx, query, after);
  const b = date(ctx, query, before, ctx.version.minor >= 42);
  return { ...(a !== undefined ? { after: a } : {}), ...(b !== undefined ? { before: b } : {}) };
}

/** One `field:direction` of an `order` parameter, as given. */
export interface OrderPart {
  name: string;
  desc: boolean;
}

const UID = /^[A-Za-z][A-Za-z0-9]{10}$/;

/** CodeGenerator.isValidUid: what DHIS2 takes for a data element or attribute uid in `order`. */
export const looksLikeUid = (name: string): boolean => UID.test(name);

/** `order=field:asc,other:desc` split into parts; a direction other than asc/desc is a 400. */
export function orderParts(query: QueryParams): OrderPart[] {
  return query.list('order', ',').map((part) => {
    const [name = '', rawDir = 'asc'] = part.split(':');
    const direction = rawDir.toLowerCase();
    if (direction !== 'asc' && direction !== 'desc')
      throw badRequest(`order parameter is invalid. '${part}' has an invalid direction; use asc or desc`);
    return { name, desc: direction === 'desc' };
  });
}

export interface OrderRules {
  /** Accepted names → the record field each sorts by. */
  fields: Readonly<Record<string, string>>;
  /** Uids in `order` (undefined: not accepted). */
  uids?: {
    /** What they may name, as the 400 words it: `attribute`, `data element and attribute`. */
    meaning: string;
    /** Why a uid cannot be ordered by (the service's 400), undefined when it can. */
    problem?(uid: string): string | undefined;
  };
  /** Unknown names: dropped with a log line (up to 2.40) or a 400 naming the supported ones (2.41+). */
  unknown: 'drop' | 'reject';
}

/** `order` checked against the supported names, worded as RequestParamsValidator.validateOrderParams (2.41+). */
export function order(query: QueryParams, rules: OrderRules): OrderSpec[] {
  const parts = orderParts(query);
  const isUid = (name: string): boolean =>
    !Object.hasOwn(rules.fields, name) && rules.uids !== undefined && looksLikeUid(name);
  const supported = (name: string): boolean => Object.hasOwn(rules.fields, name) || isUid(name);
  if (rules.unknown === 'reject') {
    const names = Object.keys(rules.fields).sort();
    const suffix = rules.uids
      ? `Supported are ${rules.uids.meaning} UIDs and fields '${names.join(', ')}'. All of which can at most be specified once.`
      : `Supported fields are '${names.join(', ')}'. All of which can at most be specified once.`;
    const invalid = parts.filter((p) => !supported(p.name)).map((p) => p.name);
    if (invalid.length)
      throw badRequest(
        `order parameter is invalid. Cannot order by '${javaHashSetOrder(invalid).join(', ')}'. ${suffix}`,
      );
    const repeated = parts.map((p) => p.name).filter((name, i, all) => all.indexOf(name) !== i);
    if (repeated.length)
      throw badRequest(
        `order parameter is invalid. '${javaHashSetOrder(repeated).join(', ')}' are repeated. ${suffix}`,
      );
    for (const part of parts) {
      const problem = isUid(part.name) ? rules.uids?.problem?.(part.name) : undefined;
      if (problem) throw badRequest(problem);
    }
  }
  return parts
    .filter((p) => supported(p.name))
    .map((p) => ({ field: rules.fields[p.name] ?? p.name, desc: p.desc }));
}

const OPERATORS = [
  'EQ',
  'IEQ',
  'NE',
  'NEQ',
  'NIEQ',
  'GT',
  'GE',
  'LT',
  'LE',
  'LIKE',
  'ILIKE',
  'NLIKE',
  'NILIKE',
  'SW',
  'EW',
  'IN',
  'NULL',
  'NNULL',
  '!NULL',
];

/** `filter=uid:op:value[:op:value]`, repeatable; operators case-insensitive. */
export function valueFilters(query: QueryParams): ValueFilter[] {
  const out: ValueFilter[] = [];
  for (const text of query.all('filter')) {
    const [uid = '', ...rest] = text.split(':');
    if (!looksLikeUid(uid)) throw badRequest(`Query item or filter is invalid: ${text}`);
    for (let i = 0; i < rest.length;) {
      const operator = (rest[i] ?? '').toUpperCase();
      if (!OPERATORS.includes(operator)) throw badRequest(`Query item or filter is invalid: ${text}`);
      if (operator === 'NULL' || operator === 'NNULL' || operator === '!NULL') {
        out.push({ uid, operator, value: '' });
        i += 1;
      } else {
        out.push({ uid, operator, value: rest[i + 1] ?? '' });
        i += 2;
      }
    }
    if (rest.length === 0) out.push({ uid, operator: 'NNULL', value: '' });
  }
  return out;
}

export function ouMode(query: QueryParams, name: string): OuMode | undefined {
  return query.oneOf(name, OU_MODES);
}

/** Rejects org units the server does not know, as each version words it. */
export function checkOrgUnits(ctx: SimContext, scope: OrgUnitScope): void {
  for (const uid of scope.orgUnits) {
    if (!ctx.metadata.orgUnits.get(uid)) {
      throw ctx.version.minor >= 41
        ? badRequest(`Organisation unit does not exist: ${uid}`)
        : serviceError(ctx, `Organisation unit does not exist: ${uid}`);
    }
  }
}

/** `a` and its deprecated twin `b` both given → 400 (2.41's wording). */
export function onlyOne(query: QueryParams, deprecated: string, preferred: string, semicolons = true): void {
  if (query.has(deprecated) && query.has(preferred)) {
    const message = semicolons
      ? `Only one parameter of '${deprecated}' (deprecated; semicolon separated UIDs) and '${preferred}' (comma separated UIDs) must be specified. Prefer '${preferred}' as '${deprecated}' will be removed.`
      : `Only one parameter of '${deprecated}' and '${preferred}' must be specified. Prefer '${preferred}' as '${deprecated}' will be removed.`;
    throw badRequest(message);
  }
}
