import { Dhis2Error } from './errors.js';
import { readGeometry } from './geometry.js';
import { compact, flag, isRecord, record, records, text, type Json } from './json.js';
import type {
  DataValue,
  Enrollment,
  Event,
  Relationship,
  RelationshipSide,
  TrackedEntity,
  TrackedEntityAttributeValue,
  Uid,
} from './model.js';
import { serverTimeToIso, type ServerZone } from './time.js';
import type { VersionRules } from './versions.js';

/**
 * New-tracker-API objects (`/api/tracker/...`) → engine types. The names are the same in every version
 * (createdAt, updatedAt, occurredAt, …); what differs — the event follow-up key, the relationship side shape —
 * comes from the version rules. Timestamps become ISO instants with the server's offset.
 */
export interface NormaliseContext {
  zone: ServerZone;
  rules: VersionRules;
}

export function toTrackedEntity(
  raw: Json,
  context: NormaliseContext,
  program: Uid,
): TrackedEntity | undefined {
  const trackedEntity = text(raw.trackedEntity);
  const orgUnit = text(raw.orgUnit);
  if (!trackedEntity) return undefined;
  const time = (key: string) => serverTimeToIso(text(raw[key]), context.zone);
  return compact({
    trackedEntity,
    trackedEntityType: text(raw.trackedEntityType) ?? '',
    orgUnit: orgUnit ?? '',
    createdAt: time('createdAt'),
    updatedAt: time('updatedAt'),
    inactive: flag(raw.inactive),
    deleted: flag(raw.deleted),
    geometry: readGeometry(raw.geometry),
    attributes: records(raw.attributes).flatMap(toAttributeValue),
    // 2.36/2.37 return every enrollment of the entity; the engine wants the program it asked for.
    enrollments: records(raw.enrollments)
      .filter((e) => text(e.program) === program)
      .map((e) => toEnrollment(e, context, trackedEntity))
      .filter((e): e is Enrollment => e !== undefined),
    relationships: records(raw.relationships)
      .map((r) => toRelationship(r, context))
      .filter((r): r is Relationship => r !== undefined),
  });
}

function toAttributeValue(raw: Json): TrackedEntityAttributeValue[] {
  const attribute = text(raw.attribute);
  const value = scalar(raw.value);
  if (!attribute || value === undefined) return [];
  return [compact({ attribute, value, valueType: text(raw.valueType) })];
}

export function toEnrollment(
  raw: Json,
  context: NormaliseContext,
  trackedEntity?: Uid,
): Enrollment | undefined {
  const enrollment = text(raw.enrollment);
  if (!enrollment) return undefined;
  const owner = text(raw.trackedEntity) ?? trackedEntity ?? '';
  const time = (key: string) => serverTimeToIso(text(raw[key]), context.zone);
  return compact({
    enrollment,
    program: text(raw.program) ?? '',
    trackedEntity: owner,
    orgUnit: text(raw.orgUnit) ?? '',
    status: text(raw.status) ?? 'ACTIVE',
    enrolledAt: time('enrolledAt'),
    occurredAt: time('occurredAt'),
    completedAt: time('completedAt'),
    createdAt: time('createdAt'),
    updatedAt: time('updatedAt'),
    deleted: flag(raw.deleted),
    followUp: flag(raw.followUp),
    geometry: readGeometry(raw.geometry),
    events: records(raw.events)
      .map((e) => toEvent(e, context, { enrollment, trackedEntity: owner || undefined }))
      .filter((e): e is Event => e !== undefined),
  });
}

export interface EventParent {
  enrollment?: Uid;
  trackedEntity?: Uid;
  /** Event-program events carry a placeholder enrollment (and no real owner): drop both. */
  withoutRegistration?: boolean;
}

export function toEvent(raw: Json, context: NormaliseContext, parent: EventParent = {}): Event | undefined {
  const event = text(raw.event);
  if (!event) return undefined;
  const time = (key: string) => serverTimeToIso(text(raw[key]), context.zone);
  // 2.37.0–2.38.2 leave `trackedEntity` out of events: the enclosing enrollment knows it.
  const linked = !parent.withoutRegistration;
  return compact({
    event,
    program: text(raw.program) ?? '',
    programStage: text(raw.programStage) ?? '',
    enrollment: linked ? (text(raw.enrollment) ?? parent.enrollment) : undefined,
    trackedEntity: linked ? (text(raw.trackedEntity) ?? parent.trackedEntity) : undefined,
    orgUnit: text(raw.orgUnit) ?? '',
    status: text(raw.status) ?? 'ACTIVE',
    occurredAt: time('occurredAt'),
    scheduledAt: time('scheduledAt'),
    completedAt: time('completedAt'),
    createdAt: time('createdAt'),
    updatedAt: time('updatedAt'),
    deleted: flag(raw.deleted),
    followUp: flag(raw[context.rules.eventFollowUpKey]),
    geometry: readGeometry(raw.geometry),
    dataValues: records(raw.dataValues).flatMap(toDataValue),
  });
}

function toDataValue(raw: Json): DataValue[] {
  const dataElement = text(raw.dataElement);
  const value = scalar(raw.value);
  return dataElement && value !== undefined ? [{ dataElement, value }] : [];
}

export function toRelationship(raw: Json, context: NormaliseContext): Relationship | undefined {
  const relationship = text(raw.relationship);
  if (!relationship) return undefined;
  const time = (key: string) => serverTimeToIso(text(raw[key]), context.zone);
  return compact({
    relationship,
    relationshipType: text(raw.relationshipType) ?? '',
    bidirectional: flag(raw.bidirectional),
    from: toSide(raw.from, context.rules, relationship),
    to: toSide(raw.to, context.rules, relationship),
    createdAt: time('createdAt'),
    updatedAt: time('updatedAt'),
  });
}

const SIDE_KEYS = ['trackedEntity', 'enrollment', 'event'] as const;

/** `{"trackedEntity":"uid"}` in 2.36/2.37, `{"trackedEntity":{"trackedEntity":"uid"}}` from 2.38. */
function toSide(raw: unknown, rules: VersionRules, relationship: Uid): RelationshipSide {
  const side = record(raw);
  for (const key of SIDE_KEYS) {
    const value = side[key];
    if (value === undefined) continue;
    const uid =
      rules.relationshipSide === 'flat' ? text(value) : isRecord(value) ? text(value[key]) : undefined;
    if (uid) return { [key]: uid } as RelationshipSide;
    throw new Dhis2Error({
      kind: 'not-dhis2',
      message: `DHIS2 ${rules.line} sent relationship ${relationship} with a ${key} side that is not ${
        rules.relationshipSide === 'flat' ? 'a plain uid' : 'an object holding the uid'
      }, which DHIS2 ${rules.line} does not do.`,
    });
  }
  throw new Dhis2Error({
    kind: 'not-dhis2',
    message: `DHIS2 sent relationship ${relationship} with a side that names no tracked entity, enrollment or event.`,
  });
}

/** Values are strings in DHIS2 JSON; tolerate numbers and booleans from odd importers. */
function scalar(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}
