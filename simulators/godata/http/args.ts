import { readObjectArg, type Filter } from '../filter/query.js';
import type { Where } from '../filter/where.js';
import { asRecord } from '../text.js';
import type { Call } from './router.js';

/** strong-remoting's getArgByName: a JSON body field wins (typed), else the query string (sloppy). */
export function objectArg(call: Call, name: string): Record<string, unknown> | undefined {
  const body = asRecord(call.body);
  if (body && body[name] !== undefined) return readObjectArg(body[name], false);
  return readObjectArg(call.query[name], true);
}

export function filterArg(call: Call): Filter {
  return objectArg(call, 'filter') ?? {};
}

export function whereArg(call: Call): Where | undefined {
  return objectArg(call, 'where');
}
