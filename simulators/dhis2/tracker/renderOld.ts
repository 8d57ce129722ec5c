import type { SimContext } from '../context.js';
import type { JsonObject } from '../fields.js';
import type { Includes } from './renderNew.js';
import {
  ADMIN,
  type AttributeValueRecord,
  type DataValueRecord,
  type EnrollmentRecord,
  type EventRecord,
  type NoteRecord,
  type RelationshipRecord,
  type SideRef,
  type TrackedEntityRecord,
} from './records.js';

const userInfo = (): JsonObject => ({
  uid: ADMIN.uid,
  username: ADMIN.username,
  firstName: ADMIN.firstName,
  surname: ADMIN.surname,
});

/**
 * Tracker objects in the deprecated API's vocabulary (`/api/trackedEntityInstances`, `/api/events`,
 * `/api/enrollments`, `/api/relationships`, reference §5 and §7): `created`/`lastUpdated`, `eventDate`,
 * `trackedEntityInstance`, `followup`, `orgUnitName`, sides as `{"trackedEntityInstance":{…}}`.
 */
export class OldApiRenderer {
  constructor(private readonly ctx: SimContext) {}

  private ts(ms: number | undefined): string | undefined {
    return ms === undefined ? undefined : this.ctx.clock.format(ms);
  }

  private attribute(a: AttributeValueRecord): JsonObject {
    const info = this.ctx.trackerMetadata.attribute(a.attribute);
    return {
      lastUpdated: this.ts(a.updatedAt),
      storedBy: a.storedBy,
      code: info.code,
      displayName: info.displayName,
      created: this.ts(a.createdAt),
      valueType: info.valueType,
      attribute: a.attribute,
      value: a.value,
    };
  }

  trackedEntityInstance(
    te: TrackedEntityRecord,
    include: Includes,
    program: string | undefined,
    includeDeleted: boolean,
  ): JsonObject {
    const meta = this.ctx.trackerMetadata;
    const allowed = new Set(meta.tetAttributes(te.trackedEntityType));
    if (program) meta.programAttributes(program).forEach((a) => allowed.add(a));
    const enrollments = include.enrollments
      ? this.ctx.tracker.enrollmentsOf(te.trackedEntity).filter((e) => includeDeleted || !e.deleted)
      : [];
    return {
      created: this.ts(te.createdAt),
      orgUnit: te.orgUnit,
      createdAtClient: this.ts(te.createdAtClient),
      trackedEntityInstance: te.trackedEntity,
      lastUpdated: this.ts(te.updatedAt),
      trackedEntityType: te.trackedEntityType,
      lastUpdatedAtClient: this.ts(te.updatedAtClient),
      potentialDuplicate: te.potentialDuplicate,
      inactive: te.inactive,
      deleted: te.deleted,
      featureType: te.geometry ? te.geometry.type.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase() : 'NONE',
      geometry: te.geometry,
      storedBy: te.storedBy,
      createdByUserInfo: userInfo(),
      lastUpdatedByUserInfo: userInfo(),
      programOwners: include.programOwners
        ? te.programOwners.map((o) => ({
            ownerOrgUnit: o.orgUnit,
            program: o.program,
            trackedEntityInstance: te.trackedEntity,
          }))
        : [],
      enrollments: enrollments.map((e) =>
        this.enrollment(e, { ...include, attributes: true }, includeDeleted, te),
      ),
      relationships: include.relationships ? this.relationshipsOf(te.trackedEntity) : [],
      attributes: te.attributes.filter((a) => allowed.has(a.attribute)).map((a) => this.attribute(a)),
    };
  }

  enrollment(
    e: EnrollmentRecord,
    include: Includes,
    includeDeleted: boolean,
    owner?: TrackedEntityRecord,
  ): JsonObject {
    const store = this.ctx.tracker;
    const programAttributes = new Set(this.ctx.trackerMetadata.programAttributes(e.program));
    const te = include.attributes ? (owner ?? store.getTe(e.trackedEntity)) : undefined;
    const events = include.events
      ? store.eventsOf(e.enrollment).filter((ev) => includeDeleted || !ev.deleted)
      : [];
    return {
      storedBy: e.storedBy,
      createdAtClient: this.ts(e.createdAtClient),
      program: e.program,
      lastUpdated: this.ts(e.updatedAt),
      created: this.ts(e.createdAt),
      orgUnit: e.orgUnit,
      enrollment: e.enrollment,
      trackedEntityInstance: e.trackedEntity,
      trackedEntityType: e.trackedEntityType,
      orgUnitName: this.ctx.trackerMetadata.orgUnitName(e.orgUnit),
      lastUpdatedAtClient: this.ts(e.updatedAtClient),
      enrollmentDate: this.ts(e.enrolledAt),
      incidentDate: this.ts(e.occurredAt),
      completedDate: this.ts(e.completedAt),
      completedBy: e.completedBy,
      followup: e.followUp,
      deleted: e.deleted,
      status: e.status,
      geometry: e.geometry,
      createdByUserInfo: userInfo(),
      lastUpdatedByUserInfo: userInfo(),
      notes: e.notes.map((n) => this.note(n)),
      relationships: include.relationships ? this.relationshipsOf(e.enrollment) : [],
      events: events.map((ev) => this.event(ev, include)),
      attributes: te
        ? te.attributes.filter((a) => programAttributes.has(a.attribute)).map((a) => this.attribute(a))
        : [],
    };
  }

  event(e: EventRecord, include: Pick<Includes, 'relationships'>): JsonObject {
    const meta = this.ctx.trackerMetadata;
    return {
      storedBy: e.storedBy,
      dueDate: this.ts(e.scheduledAt),
      createdAtClient: this.ts(e.createdAtClient),
      program: e.program,
      event: e.event,
      programStage: e.programStage,
      orgUnit: e.orgUnit,
      trackedEntityInstance: e.trackedEntity,
      enrollment: e.enrollment,
      enrollmentStatus: this.ctx.tracker.getEnrollment(e.enrollment)?.status ?? 'ACTIVE',
      programType: meta.programType(e.program),
      status: e.status,
      orgUnitName: meta.orgUnitName(e.orgUnit),
      eventDate: this.ts(e.occurredAt),
      completedDate: this.ts(e.completedAt),
      completedBy: e.completedBy,
      attributeCategoryOptions: e.attributeCategoryOptions,
      lastUpdated: this.ts(e.updatedAt),
      created: this.ts(e.createdAt),
      lastUpdatedAtClient: this.ts(e.updatedAtClient),
      followup: e.followUp,
      deleted: e.deleted,
      attributeOptionCombo: e.attributeOptionCombo,
      geometry: e.geometry,
      createdByUserInfo: userInfo(),
      lastUpdatedByUserInfo: userInfo(),
      dataValues: e.dataValues.map((d) => this.dataValue(d)),
      notes: e.notes.map((n) => this.note(n)),
      relationships: include.relationships ? this.relationshipsOf(e.event) : [],
    };
  }

  private dataValue(d: DataValueRecord): JsonObject {
    return {
      lastUpdated: this.ts(d.updatedAt),
      storedBy: d.storedBy,
      createdByUserInfo: userInfo(),
      created: this.ts(d.createdAt),
      dataElement: d.dataElement,
      value: d.value,
      lastUpdatedByUserInfo: userInfo(),
      providedElsewhere: d.providedElsewhere,
    };
  }

  private note(n: NoteRecord): JsonObject {
    return { note: n.note, value: n.value, storedDate: this.ts(n.storedAt), storedBy: n.storedBy };
  }

  /** Old API: deleted relationships never show (hard-deleted ≤ 2.40, filtered in 2.41). */
  relationshipsOf(uid: string): JsonObject[] {
    return this.ctx.tracker
      .relationshipsOf(uid)
      .filter((r) => !r.deleted)
      .map((r) => this.relationship(r));
  }

  relationship(r: RelationshipRecord): JsonObject {
    const type = this.ctx.trackerMetadata.relationshipType(r.relationshipType);
    return {
      relationshipType: r.relationshipType,
      relationshipName: type.name,
      relationship: r.relationship,
      bidirectional: type.bidirectional,
      from: this.side(r.from),
      to: this.side(r.to),
      created: this.ts(r.createdAt),
      lastUpdated: this.ts(r.updatedAt),
    };
  }

  /** Sides carry only a shell of the object, as the deprecated API serialises them. */
  private side(side: SideRef): JsonObject {
    if ('trackedEntity' in side) {
      return {
        trackedEntityInstance: {
          trackedEntityInstance: side.trackedEntity,
          inactive: false,
          deleted: false,
          potentialDuplicate: false,
          featureType: 'NONE',
          programOwners: [],
          enrollments: [],
          relationships: [],
          attributes: [],
        },
      };
    }
    if ('enrollment' in side)
      return {
        enrollment: { enrollment: side.enrollment, notes: [], relationships: [], events: [], attributes: [] },
      };
    return { event: { event: side.event, dataValues: [], notes: [], relationships: [] } };
  }
}
