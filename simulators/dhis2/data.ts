import type { SimContext } from './context.js';
import type {
  EnrollmentInput,
  EventInput,
  Geometry,
  MetadataObject,
  RelationshipInput,
  TrackedEntityInput,
} from './dataset/types.js';
import type { RecordFactory } from './tracker/fromInput.js';
import { KIND } from './tracker/generator.js';
import type { TrackerImporter } from './tracker/importer.js';
import type {
  EnrollmentRecord,
  EnrollmentStatus,
  EventRecord,
  EventStatus,
  RelationshipRecord,
  TrackedEntityRecord,
} from './tracker/records.js';
import { creationBumpsTrackedEntity } from './version.js';

export interface GeneratedIndex {
  cases: number;
  contacts: number;
  events: number;
  caseUid(index: number): string;
  contactUid(index: number): string;
  /** Event of the event program PNClHaZARtz. */
  eventUid(index: number): string;
  caseEnrollmentUid(index: number): string;
  contactEnrollmentUid(index: number): string;
  /** Relationship of contact `index` with its case. */
  relationshipUid(index: number): string;
  /** Case event by stage slot: 0 clinical, 1 lab request, 2 lab result, 3 outcome (undefined if absent). */
  caseEventUid(index: number, slot: number): string | undefined;
}

/** Changes a test can make; every change stamps `updatedAt`/`lastUpdated` with the current time. */
export interface Dhis2SimData {
  readonly generated: GeneratedIndex | undefined;
  trackedEntity(uid: string): TrackedEntityRecord | undefined;
  enrollment(uid: string): EnrollmentRecord | undefined;
  event(uid: string): EventRecord | undefined;
  relationship(uid: string): RelationshipRecord | undefined;
  enrollmentsOf(trackedEntity: string): EnrollmentRecord[];
  eventsOf(enrollment: string): EventRecord[];
  relationshipsOf(uid: string): RelationshipRecord[];

  /** Nested `enrollments` (with `events`) and `relationships` are stored too. */
  addTrackedEntity(input: TrackedEntityInput): TrackedEntityRecord;
  updateTrackedEntity(
    uid: string,
    patch: {
      orgUnit?: string;
      inactive?: boolean;
      geometry?: Geometry;
      attributes?: Record<string, string | null>;
    },
  ): TrackedEntityRecord;
  /** Soft delete, cascading to enrollments, events and relationships. */
  deleteTrackedEntity(uid: string): void;
  transferOwnership(trackedEntity: string, program: string, orgUnit: string): TrackedEntityRecord;

  addEnrollment(input: EnrollmentInput & { trackedEntity: string }): EnrollmentRecord;
  updateEnrollment(
    uid: string,
    patch: {
      status?: EnrollmentStatus;
      followUp?: boolean;
      orgUnit?: string;
      enrolledAt?: string;
      occurredAt?: string;
      completedAt?: string;
    },
  ): EnrollmentRecord;
  deleteEnrollment(uid: string): void;

  addEvent(input: EventInput): EventRecord;
  updateEvent(
    uid: string,
    patch: {
      status?: EventStatus;
      occurredAt?: string;
      scheduledAt?: string;
      orgUnit?: string;
      followUp?: boolean;
      dataValues?: Record<string, string | null>;
    },
  ): EventRecord;
  deleteEvent(uid: string): void;

  addRelationship(input: RelationshipInput): RelationshipRecord;
  /** Hard delete up to 2.40 (it vanishes), soft from 2.41 (visible with includeDeleted). */
  deleteRelationship(uid: string): void;

  addOrgUnit(input: {
    id?: string;
    name: string;
    parent: string;
    shortName?: string;
    code?: string;
    openingDate?: string;
    geometry?: Geometry;
  }): MetadataObject;
  renameOrgUnit(uid: string, name: string, shortName?: string): MetadataObject;
  /** The unit's path/level/parent and those of its subtree change; only the moved unit's lastUpdated does. */
  moveOrgUnit(uid: string, newParent: string): MetadataObject;
  closeOrgUnit(uid: string, closedDate?: string): MetadataObject;
}

export function createSimData(
  ctx: SimContext,
  importer: TrackerImporter,
  factory: RecordFactory,
): Dhis2SimData {
  const store = ctx.tracker;
  const layout = store.generated?.layout;
  const require = <T>(value: T | undefined, what: string, uid: string): T => {
    if (value === undefined) throw new Error(`${what} ${uid} does not exist`);
    return value;
  };
  const touchTe = (teUid: string | undefined, now: number): void => {
    const te = teUid ? store.getTe(teUid) : undefined;
    if (te) store.putTe({ ...te, updatedAt: now, updatedAtClient: now });
  };
  const dropRelationships = (uid: string, now: number): void => {
    for (const r of store.relationshipsOf(uid)) {
      if (r.deleted) continue;
      if (ctx.version.minor >= 41) store.putRelationship({ ...r, deleted: true, updatedAt: now });
      else store.removeRelationship(r.relationship);
    }
  };
  const deleteEvent = (event: EventRecord, now: number): void => {
    store.putEvent({ ...event, deleted: true, updatedAt: now, updatedAtClient: now });
    dropRelationships(event.event, now);
  };
  const deleteEnrollment = (enrollment: EnrollmentRecord, now: number): void => {
    store.putEnrollment({ ...enrollment, deleted: true, updatedAt: now, updatedAtClient: now });
    for (const ev of store.eventsOf(enrollment.enrollment)) if (!ev.deleted) deleteEvent(ev, now);
    dropRelationships(enrollment.enrollment, now);
  };

  return {
    generated: layout && {
      cases: layout.cases,
      contacts: layout.contacts,
      events: layout.events,
      caseUid: (i) => layout.uid(KIND.caseTe, i),
      contactUid: (i) => layout.uid(KIND.contactTe, i),
      eventUid: (k) => layout.uid(KIND.programEvent, k),
      caseEnrollmentUid: (i) => layout.uid(KIND.caseEnrollment, i),
      contactEnrollmentUid: (i) => layout.uid(KIND.contactEnrollment, i),
      relationshipUid: (j) => layout.uid(KIND.relationship, j),
      caseEventUid: (i, slot) =>
        layout.caseSlots(i) & (1 << slot) ? layout.uid(KIND.caseEvent + slot, i) : undefined,
    },
    trackedEntity: (uid) => store.getTe(uid),
    enrollment: (uid) => store.getEnrollment(uid),
    event: (uid) => store.getEvent(uid),
    relationship: (uid) => store.getRelationship(uid),
    enrollmentsOf: (uid) => store.enrollmentsOf(uid),
    eventsOf: (uid) => store.eventsOf(uid),
    relationshipsOf: (uid) => store.relationshipsOf(uid),

    addTrackedEntity: (input) => importer.trackedEntity(input, Date.now()),
    updateTrackedEntity(uid, patch) {
      const now = Date.now();
      const te = require(store.getTe(uid), 'Tracked entity', uid);
      const values = new Map(te.attributes.map((a) => [a.attribute, a]));
      for (const [attribute, value] of Object.entries(patch.attributes ?? {})) {
        const old = values.get(attribute);
        if (value === null) values.delete(attribute);
        else
          values.set(attribute, {
            attribute,
            value,
            createdAt: old?.createdAt ?? now,
            updatedAt: now,
            storedBy: 'admin',
          });
      }
      const updated: TrackedEntityRecord = {
        ...te,
        ...(patch.orgUnit ? { orgUnit: patch.orgUnit } : {}),
        ...(patch.inactive !== undefined ? { inactive: patch.inactive } : {}),
        ...(patch.geometry ? { geometry: patch.geometry } : {}),
        attributes: [...values.values()],
        updatedAt: now,
        updatedAtClient: now,
      };
      store.putTe(updated);
      return updated;
    },
    deleteTrackedEntity(uid) {
      const now = Date.now();
      const te = require(store.getTe(uid), 'Tracked entity', uid);
      store.putTe({ ...te, deleted: true, updatedAt: now, updatedAtClient: now });
      for (const e of store.enrollmentsOf(uid)) if (!e.deleted) deleteEnrollment(e, now);
      dropRelationships(uid, now);
    },
    transferOwnership(teUid, program, orgUnit) {
      const now = Date.now();
      const te = require(store.getTe(teUid), 'Tracked entity', teUid);
      const owners = te.programOwners.filter((o) => o.program !== program);
      const updated = { ...te, programOwners: [...owners, { program, orgUnit }], updatedAt: now };
      store.putTe(updated);
      return updated;
    },

    addEnrollment(input) {
      const now = Date.now();
      const enrollment = importer.enrollment(input, now);
      if (creationBumpsTrackedEntity(ctx.version)) touchTe(enrollment.trackedEntity, now);
      return enrollment;
    },
    updateEnrollment(uid, patch) {
      const now = Date.now();
      const e = require(store.getEnrollment(uid), 'Enrollment', uid);
      const updated: EnrollmentRecord = {
        ...e,
        ...(patch.status ? { status: patch.status } : {}),
        ...(patch.followUp !== undefined ? { followUp: patch.followUp } : {}),
        ...(patch.orgUnit ? { orgUnit: patch.orgUnit } : {}),
        ...(patch.enrolledAt ? { enrolledAt: factory.time(patch.enrolledAt, e.enrolledAt) } : {}),
        ...(patch.occurredAt ? { occurredAt: factory.time(patch.occurredAt, e.occurredAt) } : {}),
        ...(patch.completedAt ? { completedAt: factory.time(patch.completedAt, now) } : {}),
        ...(patch.status === 'COMPLETED' && !patch.completedAt
          ? { completedAt: now, completedBy: 'admin' }
          : {}),
        updatedAt: now,
        updatedAtClient: now,
      };
      store.putEnrollment(updated);
      touchTe(updated.trackedEntity, now);
      return updated;
    },
    deleteEnrollment(uid) {
      const now = Date.now();
      const e = require(store.getEnrollment(uid), 'Enrollment', uid);
      deleteEnrollment(e, now);
      touchTe(e.trackedEntity, now);
    },

    addEvent(input) {
      const now = Date.now();
      const event = importer.event(input, now);
      if (creationBumpsTrackedEntity(ctx.version)) touchTe(event.trackedEntity, now);
      return event;
    },
    updateEvent(uid, patch) {
      const now = Date.now();
      const ev = require(store.getEvent(uid), 'Event', uid);
      const values = new Map(ev.dataValues.map((d) => [d.dataElement, d]));
      for (const [dataElement, value] of Object.entries(patch.dataValues ?? {})) {
        const old = values.get(dataElement);
        if (value === null) values.delete(dataElement);
        else
          values.set(dataElement, {
            dataElement,
            value,
            providedElsewhere: false,
            createdAt: old?.createdAt ?? now,
            updatedAt: now,
            storedBy: 'admin',
          });
      }
      const updated: EventRecord = {
        ...ev,
        ...(patch.status ? { status: patch.status } : {}),
        ...(patch.orgUnit ? { orgUnit: patch.orgUnit } : {}),
        ...(patch.followUp !== undefined ? { followUp: patch.followUp } : {}),
        ...(patch.occurredAt ? { occurredAt: factory.time(patch.occurredAt, now) } : {}),
        ...(patch.scheduledAt ? { scheduledAt: factory.time(patch.scheduledAt, now) } : {}),
        dataValues: [...values.values()],
        updatedAt: now,
        updatedAtClient: now,
      };
      store.putEvent(updated);
      touchTe(updated.trackedEntity, now);
      return updated;
    },
    deleteEvent(uid) {
      const now = Date.now();
      const ev = require(store.getEvent(uid), 'Event', uid);
      deleteEvent(ev, now);
      touchTe(ev.trackedEntity, now);
    },

    addRelationship: (input) => importer.relationship(input, Date.now()),
    deleteRelationship(uid) {
      const now = Date.now();
      const r = require(store.getRelationship(uid), 'Relationship', uid);
      if (ctx.version.minor >= 41) store.putRelationship({ ...r, deleted: true, updatedAt: now });
      else store.removeRelationship(uid);
    },

    addOrgUnit: (input) => ctx.metadata.orgUnits.add({ ...input, id: input.id ?? factory.uid() }),
    renameOrgUnit: (uid, name, shortName) => ctx.metadata.orgUnits.rename(uid, name, shortName),
    moveOrgUnit: (uid, parent) => ctx.metadata.orgUnits.move(uid, parent),
    closeOrgUnit: (uid, closedDate) =>
      ctx.metadata.orgUnits.close(uid, closedDate ?? `${ctx.clock.formatDate(Date.now())}T00:00:00.000`),
  };
}
