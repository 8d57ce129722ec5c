import type { FieldMapping, MappingIssue, OutbreakGroup } from '../../shared/mapping.js';
import type { Enrollment, Event, Relationship, TrackedEntity } from '../dhis2/model.js';
import type { GoDataPerson, GoDataRelationship } from '../godata/model.js';
import type { MappingContext } from './context.js';
import { issueValue, quote } from './issues.js';
import { compactArrays, setPath } from './paths.js';
import { describeSource, readSource, type MappingRecord, type SourceValue } from './sources.js';
import { applyTransform, type MappedValue } from './transforms.js';
import { matchValueMap } from './value-map.js';

export interface MappingResult<D> {
  /** The Go.Data document without its id (the caller derives ids from DHIS2 uids). */
  document: D;
  issues: MappingIssue[];
  /** Go.Data field path → the DHIS2 source its value came from; pass to `validateForGoData`. */
  sources: Record<string, string>;
}

export type PersonDraft = Partial<GoDataPerson>;
export type RelationshipDraft = Partial<GoDataRelationship>;

interface Written {
  value: MappedValue;
  label: string;
}

/** Source, then fallbacks, then transforms, value map, default, required — see `FieldMappingSchema`. */
function mapField(m: FieldMapping, record: MappingRecord, ctx: MappingContext, issues: MappingIssue[]) {
  const warn = (code: MappingIssue['code'], message: string, source?: string, value?: unknown) =>
    issues.push({ severity: 'warning', code, field: m.target, source, value: issueValue(value), message });

  let found: SourceValue | undefined;
  for (const source of [m.source, ...(m.fallbacks ?? [])]) {
    const read = readSource(source, record, ctx);
    if (read.problem) warn(read.problem.code, read.problem.message, read.problem.label, read.problem.value);
    if (read.value) {
      found = read.value;
      break;
    }
  }

  let value: MappedValue | undefined = found?.value;
  let label = found?.label ?? 'default';
  for (const transform of m.transforms ?? []) {
    if (value === undefined) break;
    const result = applyTransform(transform, value, ctx.referenceDate);
    if (!result.ok) warn('invalid_value', `${result.reason} (transform "${transform}")`, label, found?.value);
    value = result.ok ? result.value : undefined;
  }

  if (value !== undefined && m.valueMap) {
    const optionSet = found?.optionSet;
    const match =
      typeof value === 'object' ? { matched: false as const } : matchValueMap(value, m.valueMap, optionSet);
    if (match.matched) {
      value = match.to ?? undefined;
    } else {
      const inSet = optionSet ? ` (option set ${optionSet.id})` : '';
      const fallback = m.default !== undefined ? `; the default "${String(m.default)}" is used` : '';
      warn(
        'unmapped_value',
        `${quote(found?.value)}${inSet} matches no value-map entry${fallback}`,
        label,
        found?.value,
      );
      value = undefined;
    }
  }

  if (value === undefined && m.default !== undefined) {
    value = m.default;
    label = found ? `${label} → default` : 'default';
  }
  if (value === undefined) {
    if (m.required) {
      const message = `no value for a required field (from ${describeSource(m.source)})`;
      issues.push({
        severity: 'error',
        code: 'required',
        field: m.target,
        source: describeSource(m.source),
        message,
      });
    }
    return undefined;
  }
  return { value, label } satisfies Written;
}

/** Applies one list of field mappings to one record. Pure: no I/O, same input → same output. */
export function applyMapping(
  record: MappingRecord,
  mappings: readonly FieldMapping[],
  ctx: MappingContext,
): MappingResult<Record<string, unknown>> {
  const document: Record<string, unknown> = {};
  const issues: MappingIssue[] = [];
  const sources: Record<string, string> = {};
  for (const m of mappings) {
    const written = mapField(m, record, ctx, issues);
    if (!written) continue;
    setPath(document, m.target, written.value);
    sources[m.target] = written.label;
  }
  compactArrays(document);
  return { document, issues, sources };
}

/** Go.Data's age sub-model wants both numbers; a mapping usually fills only `age.years`. */
function completeAge(document: Record<string, unknown>): void {
  const age = document.age;
  if (typeof age !== 'object' || age === null || Array.isArray(age)) return;
  const parts = age as Record<string, unknown>;
  parts.years ??= 0;
  parts.months ??= 0;
}

function person(result: MappingResult<Record<string, unknown>>): MappingResult<PersonDraft> {
  completeAge(result.document);
  return result;
}

export function mapCase(
  te: TrackedEntity,
  enrollment: Enrollment,
  group: OutbreakGroup,
  ctx: MappingContext,
) {
  return person(applyMapping({ trackedEntity: te, enrollment }, group.caseMapping, ctx));
}

export function mapContact(
  te: TrackedEntity,
  enrollment: Enrollment,
  group: OutbreakGroup,
  ctx: MappingContext,
) {
  return person(applyMapping({ trackedEntity: te, enrollment }, group.contactMapping, ctx));
}

/** An event of an event program (WITHOUT_REGISTRATION) → a Go.Data event. */
export function mapEvent(
  event: Event,
  group: OutbreakGroup,
  ctx: MappingContext,
): MappingResult<PersonDraft> {
  return applyMapping({ event }, group.eventMapping, ctx);
}

/**
 * The exposure fields of a contact's relationship to a case (contactDate, certaintyLevelId…), read from the
 * contact's own data. `persons` is left to the caller, who knows the Go.Data ids.
 */
export function mapContactRelationship(
  contact: TrackedEntity,
  enrollment: Enrollment,
  relationship: Relationship,
  group: OutbreakGroup,
  ctx: MappingContext,
): MappingResult<RelationshipDraft> {
  const record = { trackedEntity: contact, enrollment, relationship };
  return applyMapping(record, group.relationshipMapping, ctx);
}
