import { ServerClock } from '../time.js';
import { asText } from '../values.js';
import { DatasetError, geometryProblem, recordLabel } from './validateMetadata.js';
import { UID_PATTERN, type MetadataCollections, type TrackerInput } from './types.js';

type Json = Record<string, unknown>;

const ENROLLMENT_STATUSES = ['ACTIVE', 'COMPLETED', 'CANCELLED'];
const EVENT_STATUSES = ['ACTIVE', 'COMPLETED', 'VISITED', 'SCHEDULE', 'OVERDUE', 'SKIPPED'];
const TIMESTAMPS = [
  'createdAt',
  'updatedAt',
  'createdAtClient',
  'updatedAtClient',
  'enrolledAt',
  'occurredAt',
  'scheduledAt',
  'completedAt',
];
const clock = new ServerClock('Etc/UTC');
const LABELS: Record<string, string> = {
  orgUnit: 'an organisation unit',
  program: 'a program',
  programStage: 'a program stage',
  trackedEntityType: 'a tracked entity type',
  relationshipType: 'a relationship type',
  attribute: 'a tracked entity attribute',
  dataElement: 'a data element',
};

/**
 * Checks a tracker.json in the `/api/tracker` export shape against itself and the metadata next to it.
 * References to metadata are checked only for collections the metadata holds (a file with only org units
 * cannot vouch for programs).
 */
class TrackerChecker {
  private readonly uids = new Map<string, string>();
  private readonly known: Record<string, Set<string> | undefined>;

  constructor(
    private readonly file: string,
    metadata: MetadataCollections,
  ) {
    const ids = (name: string): Set<string> | undefined =>
      metadata[name] ? new Set(metadata[name].map((o) => o.id)) : undefined;
    this.known = {
      orgUnit: ids('organisationUnits'),
      program: ids('programs'),
      programStage: ids('programStages'),
      trackedEntityType: ids('trackedEntityTypes'),
      relationshipType: ids('relationshipTypes'),
      attribute: ids('trackedEntityAttributes'),
      dataElement: ids('dataElements'),
    };
  }

  private fail(path: string, uid: unknown, problem: string): never {
    throw new DatasetError(`${recordLabel(this.file, path, uid)}: ${problem}`);
  }

  private object(value: unknown, path: string): Json {
    if (value === null || typeof value !== 'object' || Array.isArray(value))
      this.fail(path, undefined, 'expected an object');
    return value as Json;
  }

  private list(record: Json, key: string, path: string, uid: unknown): unknown[] {
    const value = record[key];
    if (value === undefined) return [];
    if (!Array.isArray(value)) this.fail(path, uid, `"${key}" must be an array`);
    return value;
  }

  private uid(record: Json, key: string, path: string, required: boolean): string | undefined {
    const value = record[key];
    if (value === undefined && !required) return undefined;
    if (typeof value !== 'string' || !UID_PATTERN.test(value))
      this.fail(path, record[key], `"${key}" is missing or not a valid DHIS2 uid`);
    return value;
  }

  /** Own uid: valid and unique across the file. */
  private own(record: Json, key: string, path: string): string {
    const uid = this.uid(record, key, path, true) ?? '';
    const previous = this.uids.get(uid);
    if (previous) this.fail(path, uid, `uid already used by ${previous}`);
    this.uids.set(uid, path);
    return uid;
  }

  private ref(record: Json, key: string, kind: string, path: string, uid: string, required = true): void {
    const value = this.uid(record, key, path, required);
    const known = this.known[kind];
    if (value && known && !known.has(value))
      this.fail(path, uid, `${key} "${value}" is not ${LABELS[kind] ?? kind} in metadata.json`);
  }

  private common(record: Json, path: string, uid: string): void {
    for (const key of TIMESTAMPS) {
      const v = record[key];
      if (v !== undefined && (typeof v !== 'string' || clock.parse(v) === undefined))
        this.fail(path, uid, `${key} "${asText(v)}" is not a DHIS2 timestamp`);
    }
    if (record.geometry !== undefined) {
      const problem = geometryProblem(record.geometry);
      if (problem) this.fail(path, uid, problem);
    }
    for (const key of ['deleted', 'inactive', 'followUp', 'potentialDuplicate']) {
      if (record[key] !== undefined && typeof record[key] !== 'boolean')
        this.fail(path, uid, `${key} must be true or false`);
    }
  }

  private values(record: Json, key: 'attributes' | 'dataValues', path: string, uid: string): void {
    const idKey = key === 'attributes' ? 'attribute' : 'dataElement';
    this.list(record, key, path, uid).forEach((v, i) => {
      const value = this.object(v, `${path}.${key}[${i}]`);
      this.ref(value, idKey, idKey, `${path}.${key}[${i}]`, uid);
      if (typeof value.value !== 'string')
        this.fail(
          `${path}.${key}[${i}]`,
          uid,
          `value of ${asText(value[idKey])} must be text (DHIS2 sends every value as a string)`,
        );
    });
  }

  trackedEntity(raw: unknown, path: string): void {
    const te = this.object(raw, path);
    const uid = this.own(te, 'trackedEntity', path);
    this.ref(te, 'trackedEntityType', 'trackedEntityType', path, uid);
    this.ref(te, 'orgUnit', 'orgUnit', path, uid);
    this.common(te, path, uid);
    this.values(te, 'attributes', path, uid);
    this.list(te, 'enrollments', path, uid).forEach((e, i) =>
      this.enrollment(e, `${path}.enrollments[${i}]`, true),
    );
    this.list(te, 'relationships', path, uid).forEach((r, i) =>
      this.relationship(r, `${path}.relationships[${i}]`),
    );
  }

  enrollment(raw: unknown, path: string, nested = false): void {
    const e = this.object(raw, path);
    const uid = this.own(e, 'enrollment', path);
    this.ref(e, 'program', 'program', path, uid);
    this.ref(e, 'orgUnit', 'orgUnit', path, uid);
    if (!nested) this.uid(e, 'trackedEntity', path, true);
    if (e.status !== undefined && !ENROLLMENT_STATUSES.includes(asText(e.status)))
      this.fail(path, uid, `status "${asText(e.status)}" is not one of ${ENROLLMENT_STATUSES.join(', ')}`);
    this.common(e, path, uid);
    this.values(e, 'attributes', path, uid);
    this.list(e, 'events', path, uid).forEach((ev, i) => this.event(ev, `${path}.events[${i}]`));
  }

  event(raw: unknown, path: string): void {
    const ev = this.object(raw, path);
    const uid = this.own(ev, 'event', path);
    this.ref(ev, 'programStage', 'programStage', path, uid);
    this.ref(ev, 'program', 'program', path, uid, false);
    this.ref(ev, 'orgUnit', 'orgUnit', path, uid);
    if (ev.status !== undefined && !EVENT_STATUSES.includes(asText(ev.status)))
      this.fail(path, uid, `status "${asText(ev.status)}" is not one of ${EVENT_STATUSES.join(', ')}`);
    this.common(ev, path, uid);
    this.values(ev, 'dataValues', path, uid);
  }

  relationship(raw: unknown, path: string): void {
    const r = this.object(raw, path);
    const uid = this.own(r, 'relationship', path);
    this.ref(r, 'relationshipType', 'relationshipType', path, uid);
    for (const end of ['from', 'to']) {
      const side = r[end];
      if (side === null || typeof side !== 'object')
        this.fail(path, uid, `"${end}" must be {"trackedEntity": …}, {"enrollment": …} or {"event": …}`);
      const entry = Object.entries(side as Json).find(
        ([k]) => k === 'trackedEntity' || k === 'enrollment' || k === 'event',
      );
      const target =
        entry && (typeof entry[1] === 'string' ? entry[1] : (entry[1] as Json | null)?.[entry[0]]);
      if (typeof target !== 'string' || !UID_PATTERN.test(target))
        this.fail(path, uid, `"${end}" does not name a tracked entity, enrollment or event by uid`);
    }
    this.common(r, path, uid);
  }
}

/** Validates a parsed tracker.json and returns it in the shape the simulator imports. */
export function validateTracker(file: string, raw: unknown, metadata: MetadataCollections): TrackerInput {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new DatasetError(
      `${file}: expected a JSON object such as {"trackedEntities": […]} (the /api/tracker export shape)`,
    );
  }
  const data = raw as Json;
  const keys = ['trackedEntities', 'enrollments', 'events', 'relationships'] as const;
  if (!keys.some((k) => Array.isArray(data[k])))
    throw new DatasetError(`${file}: holds none of ${keys.join(', ')} as an array`);
  const checker = new TrackerChecker(file, metadata);
  const lists = Object.fromEntries(
    keys.map((k) => {
      const value = data[k];
      if (value !== undefined && !Array.isArray(value))
        throw new DatasetError(`${file}: "${k}" must be an array`);
      return [k, (value ?? []) as unknown[]];
    }),
  ) as Record<(typeof keys)[number], unknown[]>;
  lists.trackedEntities.forEach((te, i) => checker.trackedEntity(te, `trackedEntities[${i}]`));
  lists.enrollments.forEach((e, i) => checker.enrollment(e, `enrollments[${i}]`));
  lists.events.forEach((ev, i) => checker.event(ev, `events[${i}]`));
  lists.relationships.forEach((r, i) => checker.relationship(r, `relationships[${i}]`));
  return lists as unknown as TrackerInput;
}
