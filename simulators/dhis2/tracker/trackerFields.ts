import type { SimContext } from '../context.js';
import { childrenOf, fieldsParam, parseFields, selects, type FieldNode } from '../fields.js';
import { FieldPlan } from './fieldPlan.js';
import type { QueryParams } from '../http/query.js';
import type { Includes } from './renderNew.js';

/**
 * `fields` on the new tracker API: 2.36 only reads it for which nested lists to load (and filters nothing);
 * 2.37 filters with everything as the default; 2.38+ filters with per-entity defaults (reference §6.3–6.5).
 */
export type TrackerEntity = 'trackedEntity' | 'enrollment' | 'event' | 'relationship';

const SIDE = 'trackedEntity[trackedEntity],enrollment[enrollment],event[event]';

function defaultFields(ctx: SimContext, entity: TrackerEntity): string {
  if (ctx.version.minor <= 37) return '*';
  switch (entity) {
    case 'trackedEntity':
      return '*,!relationships,!enrollments,!events,!programOwners';
    case 'enrollment':
      return '*,!relationships,!events,!attributes';
    case 'event':
      return '*,!relationships';
    case 'relationship':
      return `relationship,relationshipType,${ctx.version.minor >= 41 ? 'createdAtClient,' : ''}from[${SIDE}],to[${SIDE}]`;
  }
}

export interface FieldSelection {
  /** The selection compiled for rendering (everything on 2.36, which filters nothing). */
  plan: FieldPlan;
  includes: Includes;
}

/** 2.36's toggles: plain substring checks on the joined `fields` text (TrackedEntityInstanceSupportService). */
function toggles(text: string): Includes {
  const all = text.includes('*');
  return {
    enrollments: all || text.includes('enrollments'),
    events: all || text.includes('events'),
    relationships: all || text.includes('relationships'),
    programOwners: all || text.includes('programOwners'),
    attributes: true,
  };
}

function nested(nodes: FieldNode[], name: string, child: string): boolean {
  if (!selects(nodes, name)) return false;
  const children = childrenOf(nodes, name);
  return children ? selects(children, child) : true;
}

function compile(minor: number, entity: TrackerEntity, text: string): FieldSelection {
  if (minor === 36) return { plan: FieldPlan.ALL, includes: toggles(text) };
  const nodes = parseFields(text);
  const includes: Includes =
    entity === 'trackedEntity'
      ? {
          enrollments: selects(nodes, 'enrollments'),
          events: nested(nodes, 'enrollments', 'events'),
          relationships: selects(nodes, 'relationships'),
          programOwners: selects(nodes, 'programOwners'),
          attributes: selects(nodes, 'attributes') || nested(nodes, 'enrollments', 'attributes'),
        }
      : {
          enrollments: false,
          events: selects(nodes, 'events'),
          relationships: selects(nodes, 'relationships') || nested(nodes, 'events', 'relationships'),
          programOwners: false,
          attributes: selects(nodes, 'attributes'),
        };
  return { plan: new FieldPlan(nodes), includes };
}

/** Compiled selections by simulator, entity and text: a walk sends the same `fields` on every page. */
const compiled = new WeakMap<SimContext, Map<string, FieldSelection>>();
const CACHE_LIMIT = 200;

export function trackerFields(ctx: SimContext, query: QueryParams, entity: TrackerEntity): FieldSelection {
  const text = fieldsParam(query.all('fields')) ?? defaultFields(ctx, entity);
  let cache = compiled.get(ctx);
  if (!cache) compiled.set(ctx, (cache = new Map<string, FieldSelection>()));
  const key = `${entity} ${text}`;
  let selection = cache.get(key);
  if (!selection) {
    selection = compile(ctx.version.minor, entity, text);
    // Bounded: clients that vary `fields` per request must not grow the simulator's memory.
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, selection);
  }
  return selection;
}
