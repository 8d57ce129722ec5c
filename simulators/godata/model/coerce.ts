import { asRecord } from '../text.js';
import { modelPlan, modelSpec } from './plan.js';
import { SUB_MODELS, type FieldSpec, type ModelSpec } from './schema.js';

/**
 * LoopBack-style input handling: read-only properties dropped, defaults applied on create, values coerced to the
 * declared property types (juggler's DateType/BooleanType/Number/String). Dates are kept as ISO strings.
 */

export const INVALID_DATE = Symbol('invalid date');

const copyDefault = (value: unknown): unknown =>
  typeof value === 'object' && value !== null ? structuredClone(value) : value;

/** juggler's DateType: `new Date(value)`; null stays null. */
export function coerceDate(value: unknown): string | null | typeof INVALID_DATE {
  if (value === null) return null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? INVALID_DATE : value.toISOString();
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    const date = new Date(value as string | number);
    return Number.isNaN(date.getTime()) ? INVALID_DATE : date.toISOString();
  }
  return INVALID_DATE;
}

function coerceBoolean(value: unknown): unknown {
  if (typeof value === 'string') {
    if (value === 'true' || value === '1') return true;
    if (value === 'false' || value === '0') return false;
  }
  if (value === null || value === undefined) return value;
  return Boolean(value);
}

function coerceNumber(value: unknown): unknown {
  if (value === null || typeof value === 'number') return value;
  if (typeof value === 'string' || typeof value === 'boolean') return Number(value);
  return value;
}

function coerceString(value: unknown): unknown {
  if (value === null || typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return value;
}

const subEntries = new Map<ModelSpec, Array<[string, FieldSpec]>>();

function coerceSubModel(spec: ModelSpec, value: unknown, applyDefaults: boolean): unknown {
  const record = asRecord(value);
  if (!record) return value;
  const out: Record<string, unknown> = { ...record };
  let entries = subEntries.get(spec);
  if (!entries) subEntries.set(spec, (entries = Object.entries(spec)));
  for (const [name, field] of entries) {
    if (out[name] === undefined) {
      if (applyDefaults && field.default !== undefined) out[name] = copyDefault(field.default);
      continue;
    }
    // Nested models are never validated by LoopBack: an unparseable nested date is stored as null.
    const coerced = coerceValue(field.type, out[name], applyDefaults);
    out[name] = coerced === INVALID_DATE ? null : coerced;
  }
  return out;
}

function coerceValue(type: FieldSpec['type'], value: unknown, applyDefaults: boolean): unknown {
  if (Array.isArray(type)) {
    if (!Array.isArray(value)) return value;
    const item = type[0];
    return value.map((v) => {
      const coerced = coerceValue(item, v, true);
      return coerced === INVALID_DATE ? null : coerced;
    });
  }
  switch (type) {
    case 'string':
      return coerceString(value);
    case 'number':
      return coerceNumber(value);
    case 'boolean':
      return coerceBoolean(value);
    case 'date':
      return coerceDate(value);
    case 'object':
    case 'any':
      return value;
    default: {
      const sub = SUB_MODELS[type];
      return sub ? coerceSubModel(sub, value, applyDefaults) : value;
    }
  }
}

/** Removes read-only properties (Go.Data's removeReadOnlyProperties), except the ones in `keep`. */
export function stripReadOnly(
  model: string,
  body: Record<string, unknown>,
  keep: readonly string[] = [],
): Record<string, unknown> {
  const spec = modelSpec(model);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    const field = spec[key];
    if (field?.readOnly && !(keep.includes(key) && value !== null && value !== '')) continue;
    out[key] = value;
  }
  return out;
}

export interface Coerced {
  data: Record<string, unknown>;
  /** Top-level date properties whose value did not parse (LoopBack reports them as ValidationError "date"). */
  invalidDates: string[];
}

/** Coerces declared properties; unknown properties pass through untouched (models are not strict). */
export function coerce(model: string, body: Record<string, unknown>, applyDefaults: boolean): Coerced {
  const spec = modelSpec(model);
  const data: Record<string, unknown> = {};
  const invalidDates: string[] = [];
  if (applyDefaults) {
    for (const [name, value] of modelPlan(model).defaults)
      if (body[name] === undefined) data[name] = copyDefault(value);
  }
  for (const [key, value] of Object.entries(body)) {
    if (value === undefined) continue;
    const field = spec[key];
    if (!field) {
      data[key] = value;
      continue;
    }
    const coerced = coerceValue(field.type, value, true);
    if (coerced === INVALID_DATE) {
      invalidDates.push(key);
      data[key] = value;
    } else {
      data[key] = coerced;
    }
  }
  return { data, invalidDates };
}
