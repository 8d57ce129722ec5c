import type { FieldSource } from '../../shared/mapping.js';
import type { Enrollment, Event, OptionSet, Relationship, TrackedEntity, Uid } from '../dhis2/model.js';
import type { MappingContext } from './context.js';
import { pointOf } from './geometry.js';
import type { MappedValue } from './transforms.js';

/** The DHIS2 records one mapping reads: a TE with one enrollment, an event-program event, or an exposure. */
export interface MappingRecord {
  trackedEntity?: TrackedEntity;
  enrollment?: Enrollment;
  /** Set for event mappings: the event being mapped. */
  event?: Event;
  /** Set for relationship mappings: the DHIS2 relationship being mapped. */
  relationship?: Relationship;
}

export interface SourceValue {
  value: MappedValue;
  /** Names the DHIS2 source in issues, e.g. `dataElement ovY6E8BSdto (event Zx3…)`. */
  label: string;
  /** The option set of an attribute / data element, for value maps. */
  optionSet?: OptionSet;
}

export interface SourceProblem {
  code: 'unknown_location' | 'source_unavailable';
  label: string;
  message: string;
  value?: string;
}

export type SourceRead = { value?: SourceValue; problem?: SourceProblem };

type EventPick = 'earliest' | 'latest' | undefined;

function isPresent(v: unknown): v is string | number | boolean {
  return (typeof v === 'string' && v !== '') || typeof v === 'number' || typeof v === 'boolean';
}

function eventTime(e: Event): number {
  const t = Date.parse(e.occurredAt ?? e.createdAt ?? '');
  return Number.isNaN(t) ? Number.NEGATIVE_INFINITY : t;
}

/** Candidate events: the mapped event itself, or the enrollment's live events of the stage. */
function eventsOf(record: MappingRecord, programStage: Uid | undefined): Event[] {
  const all = record.event ? [record.event] : (record.enrollment?.events ?? []);
  return all.filter(
    (e) => e.deleted !== true && (programStage === undefined || e.programStage === programStage),
  );
}

/** The earliest / latest (by occurredAt, then uid for a stable choice) event holding a value. */
function pickEvent<T>(events: Event[], pick: EventPick, read: (e: Event) => T | undefined) {
  const holding = events
    .map((event) => ({ event, value: read(event) }))
    .filter((c): c is { event: Event; value: T } => c.value !== undefined);
  holding.sort(
    (a, b) => eventTime(a.event) - eventTime(b.event) || a.event.event.localeCompare(b.event.event),
  );
  return pick === 'earliest' ? holding[0] : holding[holding.length - 1];
}

function levelObject(record: MappingRecord, of: 'trackedEntity' | 'enrollment' | 'relationship') {
  return record[of] as object | undefined;
}

function fieldOf(obj: object, field: string): string | number | boolean | undefined {
  const v = (obj as Record<string, unknown>)[field];
  return isPresent(v) ? v : undefined;
}

/** The org unit a record "happens" in: the event's, else the enrollment's, else where the TE was registered. */
function primaryOrgUnit(record: MappingRecord): Uid | undefined {
  return record.event?.orgUnit ?? record.enrollment?.orgUnit ?? record.trackedEntity?.orgUnit;
}

type SimpleSource = Exclude<FieldSource, { kind: 'concat' | 'geometry' | 'orgUnit' }>;

function readSimple(source: SimpleSource, record: MappingRecord, ctx: MappingContext): SourceRead {
  switch (source.kind) {
    case 'constant':
      return { value: { value: source.value, label: 'constant' } };
    case 'attribute': {
      const label = `attribute ${source.attribute}`;
      const found = record.trackedEntity?.attributes.find((a) => a.attribute === source.attribute);
      if (!found || found.value === '') return {};
      return {
        value: { value: found.value, label, optionSet: ctx.optionSetOf('attribute', source.attribute) },
      };
    }
    case 'dataElement': {
      const read = (e: Event) =>
        e.dataValues.find((d) => d.dataElement === source.dataElement && d.value !== '')?.value;
      const picked = pickEvent(eventsOf(record, source.programStage), source.pick, read);
      if (!picked) return {};
      const label = `dataElement ${source.dataElement} (event ${picked.event.event})`;
      return {
        value: { value: picked.value, label, optionSet: ctx.optionSetOf('dataElement', source.dataElement) },
      };
    }
    case 'field': {
      if (source.of === 'event') {
        const read = (e: Event) => fieldOf(e, source.field);
        const picked = pickEvent(eventsOf(record, source.programStage), source.pick, read);
        if (!picked) return {};
        // Name the event only when it was picked among several.
        const label = record.event
          ? `event.${source.field}`
          : `event.${source.field} (event ${picked.event.event})`;
        return { value: { value: picked.value, label } };
      }
      const obj = levelObject(record, source.of);
      const label = `${source.of}.${source.field}`;
      if (!obj)
        return { problem: { code: 'source_unavailable', label, message: `no ${source.of} in this record` } };
      const value = fieldOf(obj, source.field);
      return value === undefined ? {} : { value: { value, label } };
    }
  }
}

/** The configured source in words, for issues about a value that was not found. */
export function describeSource(source: FieldSource): string {
  switch (source.kind) {
    case 'attribute':
      return `attribute ${source.attribute}`;
    case 'dataElement':
      return `dataElement ${source.dataElement}${source.programStage ? ` (stage ${source.programStage})` : ''}`;
    case 'field':
      return `${source.of}.${source.field}`;
    case 'constant':
      return 'constant';
    case 'geometry':
      return `geometry of ${source.of}`;
    case 'orgUnit':
      return `orgUnit of ${source.of}`;
    case 'concat':
      return source.parts.map(describeSource).join(' + ');
  }
}

export function readSource(source: FieldSource, record: MappingRecord, ctx: MappingContext): SourceRead {
  switch (source.kind) {
    case 'geometry': {
      const orgUnit = source.of === 'orgUnit' ? primaryOrgUnit(record) : undefined;
      const geometry =
        source.of === 'orgUnit' ? orgUnit && ctx.orgUnitGeometry(orgUnit) : record[source.of]?.geometry;
      const point = geometry ? pointOf(geometry) : undefined;
      const label = orgUnit ? `geometry of orgUnit ${orgUnit}` : `geometry of ${source.of}`;
      return point ? { value: { value: point, label } } : {};
    }
    case 'orgUnit': {
      const orgUnit = record[source.of]?.orgUnit;
      const label = `orgUnit of ${source.of}`;
      if (!orgUnit)
        return { problem: { code: 'source_unavailable', label, message: `no ${source.of} in this record` } };
      const location = ctx.resolveLocation(orgUnit);
      if (location !== undefined) return { value: { value: location, label: `${label} (${orgUnit})` } };
      const message = `org unit ${orgUnit} has no Go.Data location yet (run the locations stage, or check its scope)`;
      return { problem: { code: 'unknown_location', label, message, value: orgUnit } };
    }
    case 'concat': {
      const reads = source.parts.map((p) => readSimple(p, record, ctx));
      const problem = reads.find((r) => r.problem)?.problem;
      const hasData = reads.some((r, i) => r.value && source.parts[i]?.kind !== 'constant');
      if (!hasData) return problem ? { problem } : {};
      const texts = reads.flatMap((r) =>
        r.value ? [typeof r.value.value === 'object' ? '' : String(r.value.value)] : [],
      );
      const labels = reads.flatMap((r) => (r.value && r.value.label !== 'constant' ? [r.value.label] : []));
      return { value: { value: texts.join(source.separator), label: labels.join(' + ') } };
    }
    default:
      return readSimple(source, record, ctx);
  }
}
