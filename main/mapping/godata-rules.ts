import type { IssueCode, MappingIssue } from '../../shared/mapping.js';
import {
  ADDRESS_RULES,
  FIELD_RULES,
  RECOMMENDED,
  REQUIRED,
  addressLocationRequired,
  type FieldRule,
  type GoDataKind,
  type GoDataRules,
} from './godata-fields.js';
import { issueValue } from './issues.js';

export interface ValidateOptions {
  version: GoDataRules;
  /** Reference-data tokens that exist on the target server; when given, any other token is an error. */
  knownTokens?: ReadonlySet<string>;
  /** `MappingResult.sources`, so issues name the DHIS2 source of a bad value. */
  sources?: Record<string, string>;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?(Z|[+-]\d{2}:\d{2})$/;
/** Outbreak-specific items carry an `LNG_OUTBREAK_<ID>_` prefix (godata-api.md §5.1). */
const TOKEN = /^(LNG_OUTBREAK_[A-Z0-9_-]+_)?LNG_REFERENCE_DATA_CATEGORY_[A-Z0-9_]+$/;
const MASK = /^(?:9*[^9()]*|[^9()]*9*[^9()]*|[^9()]*9*)$/;
const USUAL = 'LNG_REFERENCE_DATA_CATEGORY_ADDRESS_TYPE_USUAL_PLACE_OF_RESIDENCE';
const PREVIOUS = 'LNG_REFERENCE_DATA_CATEGORY_ADDRESS_TYPE_PREVIOUS_USUAL_PLACE_OF_RESIDENCE';

type Report = (
  severity: MappingIssue['severity'],
  code: IssueCode,
  field: string,
  message: string,
  value?: unknown,
) => void;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isEmpty = (v: unknown) => v === undefined || v === null || v === '';
const describe = (v: unknown) => (Array.isArray(v) ? 'an array' : v === null ? 'null' : `a ${typeof v}`);

export function isIsoInstant(value: unknown): boolean {
  return typeof value === 'string' && ISO_INSTANT.test(value) && !Number.isNaN(Date.parse(value));
}

/** The mapped sources behind a field: its own, or those of its parent or children (`addresses` ← `addresses[0].…`). */
function sourceFor(sources: Record<string, string> | undefined, field: string): string | undefined {
  if (!sources) return undefined;
  if (sources[field]) return sources[field];
  const related = (a: string, b: string) => a.startsWith(`${b}.`) || a.startsWith(`${b}[`);
  const labels = Object.keys(sources)
    .filter((k) => related(k, field) || related(field, k))
    .map((k) => sources[k]);
  return labels.length > 0 ? [...new Set(labels)].join('; ') : undefined;
}

function checkToken(
  path: string,
  value: unknown,
  category: string,
  report: Report,
  known?: ReadonlySet<string>,
) {
  const prefix = `LNG_REFERENCE_DATA_CATEGORY_${category}_`;
  if (typeof value !== 'string' || !TOKEN.test(value)) {
    report('error', 'invalid_token', path, `expected a ${prefix}… reference-data token`, value);
  } else if (!value.replace(/^LNG_OUTBREAK_[A-Z0-9_-]+_(?=LNG_)/, '').startsWith(prefix)) {
    report(
      'error',
      'wrong_token_category',
      path,
      `token is not of category ${category} (expected ${prefix}…)`,
      value,
    );
  } else if (known && !known.has(value)) {
    report(
      'error',
      'unknown_token',
      path,
      `token does not exist on the Go.Data server (create it or fix the value map)`,
      value,
    );
  }
}

function checkGeo(path: string, value: unknown, report: Report) {
  if (!isObject(value) || typeof value.lat !== 'number' || typeof value.lng !== 'number') {
    report('error', 'wrong_type', path, 'expected {lat, lng} numbers', value);
  } else if (!(Math.abs(value.lat) <= 90 && Math.abs(value.lng) <= 180)) {
    report('error', 'geo_out_of_range', path, 'latitude must be within ±90 and longitude within ±180', value);
  }
}

function checkAge(path: string, value: unknown, report: Report) {
  if (!isObject(value)) return report('error', 'invalid_age', path, 'expected {years, months}', value);
  const { years, months } = value;
  const whole = (n: unknown, max: number) =>
    typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= max;
  if (!whole(years, 150))
    report('error', 'invalid_age', `${path}.years`, 'expected whole years from 0 to 150', years);
  if (!whole(months, 11))
    report('error', 'invalid_age', `${path}.months`, 'expected whole months from 0 to 11', months);
}

function checkObjectFields(
  path: string,
  value: Record<string, unknown>,
  rules: Record<string, FieldRule>,
  v: Visit,
) {
  for (const [key, child] of Object.entries(value)) {
    const rule = rules[key];
    const childPath = path ? `${path}.${key}` : key;
    if (!rule)
      v.report('warning', 'unexpected_field', childPath, `Go.Data does not use "${key}" here`, child);
    // null clears a field; '' is checked (an empty string is not a date or a token)
    else if (child !== undefined && child !== null) checkValue(rule, childPath, child, v);
  }
}

function checkAddress(path: string, value: unknown, v: Visit) {
  if (!isObject(value))
    return v.report('error', 'wrong_type', path, `expected an address object, got ${describe(value)}`, value);
  checkObjectFields(path, value, ADDRESS_RULES, v);
  if (addressLocationRequired(v.options.version) && isEmpty(value.locationId)) {
    v.report(
      'error',
      'godata_required',
      `${path}.locationId`,
      'Go.Data 2.48 requires a location on every address',
    );
  }
  if (value.typeId === PREVIOUS && isEmpty(value.date)) {
    v.report(
      'error',
      'address_previous_needs_date',
      `${path}.date`,
      'a previous place of residence needs a date',
    );
  }
}

function checkAddresses(path: string, value: unknown, v: Visit) {
  if (!Array.isArray(value))
    return v.report('error', 'wrong_type', path, `expected a list, got ${describe(value)}`, value);
  value.forEach((a, i) => checkAddress(`${path}[${i}]`, a, v));
  if (value.length === 0) return;
  // An address without typeId is stored as the usual place of residence (§8.4).
  const usual = value.filter((a) => isObject(a) && (a.typeId === undefined || a.typeId === USUAL)).length;
  if (usual === 0)
    v.report(
      'error',
      'address_usual_place_missing',
      path,
      'exactly one address must be the usual place of residence',
    );
  if (usual > 1)
    v.report(
      'error',
      'address_usual_place_multiple',
      path,
      `${usual} addresses are the usual place of residence; one may be`,
    );
}

interface Visit {
  report: Report;
  options: ValidateOptions;
}

function checkValue(rule: FieldRule, path: string, value: unknown, v: Visit): void {
  const wrong = (expected: string) =>
    v.report('error', 'wrong_type', path, `expected ${expected}, got ${describe(value)}`, value);
  const list = (each: (item: unknown, itemPath: string) => void) =>
    Array.isArray(value) ? value.forEach((item, i) => each(item, `${path}[${i}]`)) : wrong('a list');
  switch (rule.type) {
    case 'string':
    case 'boolean':
      return typeof value === rule.type ? undefined : wrong(`a ${rule.type}`);
    case 'nullableString':
      return value === null || typeof value === 'string' ? undefined : wrong('a string');
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : wrong('a number');
    case 'count':
      if (typeof value === 'number' && Number.isInteger(value) && value >= rule.min) return;
      return v.report('error', 'invalid_number', path, `expected a whole number ≥ ${rule.min}`, value);
    case 'date':
      if (isIsoInstant(value)) return;
      return v.report(
        'error',
        'invalid_date',
        path,
        'expected an ISO date such as 1990-05-21T00:00:00.000Z',
        value,
      );
    case 'token':
      return checkToken(path, value, rule.category, v.report, v.options.knownTokens);
    case 'tokenIds':
      return list((item, p) =>
        checkToken(
          `${p}.id`,
          isObject(item) ? item.id : item,
          rule.category,
          v.report,
          v.options.knownTokens,
        ),
      );
    case 'stringList':
      return list((item, p) =>
        typeof item === 'string' ? undefined : v.report('error', 'wrong_type', p, 'expected a string', item),
      );
    case 'object':
      return isObject(value) ? undefined : wrong('an object');
    case 'array':
      return Array.isArray(value) ? undefined : wrong('a list');
    case 'age':
      return checkAge(path, value, v.report);
    case 'geo':
      return checkGeo(path, value, v.report);
    case 'mask':
      if (typeof value === 'string' && MASK.test(value)) return;
      return v.report(
        'error',
        'invalid_mask',
        path,
        'an id mask has at most one run of 9s and no parentheses',
        value,
      );
    case 'address':
      return checkAddress(path, value, v);
    case 'addresses':
      return checkAddresses(path, value, v);
    case 'documents':
      return list((doc, p) => {
        if (!isObject(doc)) return v.report('error', 'wrong_type', p, 'expected {type, number}', doc);
        checkToken(`${p}.type`, doc.type, 'DOCUMENT_TYPE', v.report, v.options.knownTokens);
        if (typeof doc.number !== 'string' || doc.number.trim() === '') {
          v.report('error', 'godata_required', `${p}.number`, 'a document needs a number', doc.number);
        }
      });
    case 'persons':
      if (!Array.isArray(value) || value.length !== 2) return wrong('exactly two persons');
      return list((p, itemPath) =>
        isObject(p) && typeof p.id === 'string' && p.id !== ''
          ? undefined
          : v.report('error', 'godata_required', `${itemPath}.id`, 'a person needs an id', p),
      );
  }
}

/**
 * Checks a document against Go.Data's rules before it is sent: required fields per server version, types, ISO
 * dates, reference tokens of the right category (and, optionally, known to the server), addresses, age, geo
 * ranges, id masks. Errors mean "do not send"; warnings are reported with the record.
 */
export function validateForGoData(
  kind: GoDataKind,
  document: object,
  options: ValidateOptions,
): MappingIssue[] {
  const issues: MappingIssue[] = [];
  const report: Report = (severity, code, field, message, value) =>
    issues.push({
      severity,
      code,
      field,
      source: sourceFor(options.sources, field),
      value: issueValue(value),
      message,
    });
  const doc = document as Record<string, unknown>;
  const required = REQUIRED[options.version][kind];
  for (const field of required) {
    if (isEmpty(doc[field]))
      report('error', 'godata_required', field, `Go.Data ${options.version} requires ${field}`);
  }
  for (const field of RECOMMENDED[kind]) {
    if (!required.includes(field) && isEmpty(doc[field])) {
      report(
        'warning',
        'godata_recommended',
        field,
        `${field} is empty; Go.Data lists and reports rely on it`,
      );
    }
  }
  checkObjectFields('', doc, FIELD_RULES[kind], { report, options });
  return issues;
}
