import type { SimContext } from '../context.js';
import type { QueryParams } from '../http/query.js';
import { HttpProblem, badRequest } from '../http/webMessage.js';
import { serviceErrorStatus } from '../version.js';
import type { OrderSpec } from './scan.js';
import { OU_MODES, type OrgUnitScope, type OuMode } from './scope.js';
import type { ValueFilter, Window } from './searchTypes.js';

/** A query-validation failure: 409 in the service layer up to 2.41, 400 from the 2.42 controllers. */
export function serviceError(ctx: SimContext, message: string): HttpProblem {
  return new HttpProblem(serviceErrorStatus(ctx.version), message);
}

export function date(ctx: SimContext, query: QueryParams, name: string, endOfDay = false): number | undefined {
  const text = query.get(name);
  if (text === undefined) return undefined;
  const ms = ctx.clock.parse(text, endOfDay);
  if (ms === undefined) throw badRequest(`Value '${text}' is not valid for parameter ${name}. It should be of type Date`);
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
    if (ms === undefined) throw serviceError(ctx, ctx.version.minor >= 42 ? `\`updatedWithin\` is not valid: ${within}` : `Duration is not valid: ${within}`);
    return { after: Date.now() - ms };
  }
  return { ...(after !== undefined ? { after } : {}), ...(before !== undefined ? { before } : {}) };
}

export function dateWindow(ctx: SimContext, query: QueryParams, after: string, before: string): Window {
  const a = date(ctx, query, after);
  const b = date(ctx, query, before, ctx.version.minor >= 42);
  return { ...(a !== undefined ? { after: a } : {}), ...(b !== undefined ? { before: b } : {}) };
}

/**
 * `order=field:asc,other:desc`. Up to 2.40 an unknown field is dropped with a log line; from 2.41 it is a 400.
 * `aliases` maps old names (`lastUpdated`, `created`, `eventDate` …) onto the stored ones.
 */
export function order(ctx: SimContext, query: QueryParams, allowed: readonly string[], aliases: Record<string, string> = {}, uidsAllowed = true): OrderSpec[] {
  const specs: OrderSpec[] = [];
  for (const part of query.list('order', ',')) {
    const [rawField = '', rawDir = 'asc'] = part.split(':');
    const direction = rawDir.toLowerCase();
    if (direction !== 'asc' && direction !== 'desc') throw badRequest(`order parameter is invalid. '${part}' has an invalid direction; use asc or desc`);
    const field = aliases[rawField] ?? rawField;
    const known = allowed.includes(field) || (uidsAllowed && /^[A-Za-z][A-Za-z0-9]{10}$/.test(field));
    if (!known) {
      if (ctx.version.minor >= 41) {
        throw badRequest(`order parameter is invalid. Cannot order by '${rawField}'. Supported fields are '${[...allowed].sort().join(', ')}'.`);
      }
      continue;
    }
    specs.push({ field, desc: direction === 'desc' });
  }
  return specs;
}

const OPERATORS = ['EQ', 'IEQ', 'NE', 'NEQ', 'NIEQ', 'GT', 'GE', 'LT', 'LE', 'LIKE', 'ILIKE', 'NLIKE', 'NILIKE', 'SW', 'EW', 'IN', 'NULL', 'NNULL', '!NULL'];

/** `filter=uid:op:value[:op:value]`, repeatable; operators case-insensitive. */
export function valueFilters(query: QueryParams): ValueFilter[] {
  const out: ValueFilter[] = [];
  for (const text of query.all('filter')) {
    const [uid = '', ...rest] = text.split(':');
    if (!/^[A-Za-z][A-Za-z0-9]{10}$/.test(uid)) throw badRequest(`Query item or filter is invalid: ${text}`);
    for (let i = 0; i < rest.length; ) {
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
      throw ctx.version.minor >= 41 ? badRequest(`Organisation unit does not exist: ${uid}`) : serviceError(ctx, `Organisation unit does not exist: ${uid}`);
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
