import type { SimContext } from '../context.js';
import type { JsonObject } from '../fields.js';
import { eventHasTrackedEntity, hasNestedRelationshipSides } from '../version.js';
import {
  ADMIN,
  sideUid,
  type AttributeValueRecord,
  type DataValueRecord,
  type EnrollmentRecord,
  type EventRecord,
  type NoteRecord,
  type RelationshipRecord,
  type SideRef,
  type TrackedEntityRecord,
} from './records.js';

/** Which nested lists a response carries (DHIS2 only loads what the `fields` selection names). */
export interface Includes {
  enrollments: boolean;
  events: boolean;
  relationships: boolean;
  programOwners: boolean;
  attributes: boolean;
}

export interface RenderOptions {
  /** The `program` of the request: TE attributes then include that program's attributes. */
  program?: string;
  includeDeleted: boolean;
  include: Includes;
}

const user = (): JsonObject => ({ uid: ADMIN.uid, username: ADMIN.username, firstName: ADMIN.firstName, surname: ADMIN.surname });

/**
 * Tracker objects in the new API's shape (`/api/tracker/...`, reference §6.6) for the simulated version:
 * `followup`/`followUp`, `orgUnitName`, `createdBy`, flat or nested relationship sides.
 */
export class NewApiRenderer {
  constructor(private readonly ctx: SimContext) {}

  private get minor(): number {
    return this.ctx.version.minor;
  }

  private ts(ms: number | undefined): string | undefined {
    return ms === undefined ? undefined : this.ctx.clock.format(ms);
  }

  private stamps(r: { createdAt: number; updatedAt: number; createdAtClient?: number; updatedAtClient?: number }): JsonObject {
    return {
      createdAt: this.ts(r.createdAt),
      createdAtClient: this.ts(r.createdAtClient),
      updatedAt: this.ts(r.updatedAt),
      updatedAtClient: this.ts(r.updatedAtClient),
    };
  }

  private by(): JsonObject {
    return this.minor >= 38 ? { createdBy: user(), updatedBy: user() } : {};
  }

  /** TET attributes, plus the program's when the request named one (reference §6.6). */
  visibleAttributes(te: TrackedEntityRecord, program: string | undefined): AttributeValueRecord[] {
    const meta = this.ctx.trackerMetadata;
    const allowed = new Set(meta.tetAttributes(te.trackedEntityType));
    if (program) meta.programAttributes(program).forEach((a) => allowed.add(a));
    return te.attributes.filter((a) => allowed.has(a.attribute));
  }

  attribute(a: AttributeValueRecord): JsonObject {
    const info = this.ctx.trackerMetadata.attribute(a.attribute);
    return {
      attribute: a.attribute,
      code: info.code,
      displayName: info.displayName,
      createdAt: this.ts(a.createdAt),
      updatedAt: this.ts(a.updatedAt),
      storedBy: a.storedBy,
      valueType: info.valueType,
      value: a.value,
    };
  }

  trackedEntity(te: TrackedEntityRecord, opts: RenderOptions): JsonObject {
    const store = this.ctx.tracker;
    const enrollments = opts.include.enrollments
      ? store
          .enrollmentsOf(te.trackedEntity)
          .filter((e) => (opts.includeDeleted || !e.deleted) && (this.minor < 42 || !opts.program || e.program === opts.program))
      : [];
    return {
      trackedEntity: te.trackedEntity,
      trackedEntityType: te.trackedEntityType,
      ...this.stamps(te),
      orgUnit: te.orgUnit,
      inactive: te.inactive,
      deleted: te.deleted,
      potentialDuplicate: te.potentialDuplicate,
      geometry: te.geometry,
      storedBy: te.storedBy,
      ...this.by(),
      attributes: opts.include.attributes ? this.visibleAttributes(te, opts.program).map((a) => this.attribute(a)) : [],
      enrollments: enrollments.map((e) => this.enrollment(e, { ...opts, include: { ...opts.include, attributes: true } }, te)),
      relationships: opts.include.relationships ? this.relationshipsOf(te.trackedEntity, opts.includeDeleted) : [],
      programOwners: opts.include.programOwners
        ? te.programOwners.map((o) => ({ orgUnit: o.orgUnit, trackedEntity: te.trackedEntity, program: o.program }))
        : [],
    };
  }

  enrollment(e: EnrollmentRecord, opts: RenderOptions, owner?: TrackedEntityRecord): JsonObject {
    const store = this.ctx.tracker;
    const te = opts.include.attributes ? (owner ?? store.getTe(e.trackedEntity)) : undefined;
    const programAttributes = new Set(this.ctx.trackerMetadata.programAttributes(e.program));
    const events = opts.include.events ? store.eventsOf(e.enrollment).filter((ev) => opts.includeDeleted || !ev.deleted) : [];
    return {
      enrollment: e.enrollment,
      createdAt: this.ts(e.createdAt),
      createdAtClient: this.ts(e.createdAtClient),
      updatedAt: this.ts(e.updatedAt),
      updatedAtClient: this.ts(e.updatedAtClient),
      ...(this.minor === 36 ? { trackedEntityType: e.trackedEntityType } : {}),
      trackedEntity: e.trackedEntity,
      program: e.program,
      status: e.status,
      orgUnit: e.orgUnit,
      ...(this.minor <= 40 ? { orgUnitName: this.ctx.trackerMetadata.orgUnitName(e.orgUnit) } : {}),
      enrolledAt: this.ts(e.enrolledAt),
      occurredAt: this.ts(e.occurredAt),
      followUp: e.followUp,
      completedBy: e.completedBy,
      completedAt: this.ts(e.completedAt),
      deleted: e.deleted,
      storedBy: e.storedBy,
      ...this.by(),
      geometry: e.geometry,
      events: events.map((ev) => this.event(ev, opts)),
      relationships: opts.include.relationships ? this.relationshipsOf(e.enrollment, opts.includeDeleted) : [],
      attributes: te ? te.attributes.filter((a) => programAttributes.has(a.attribute)).map((a) => this.attribute(a)) : [],
      notes: e.notes.map((n) => this.note(n)),
    };
  }

  event(e: EventRecord, opts: Pick<RenderOptions, 'includeDeleted' | 'include'>): JsonObject {
    const followUp = this.minor <= 40 ? { followup: e.followUp } : this.minor === 41 ? { followUp: e.followUp, followup: e.followUp } : { followUp: e.followUp };
    const meta = this.ctx.trackerMetadata;
    return {
      event: e.event,
      status: e.status,
      program: e.program,
      programStage: e.programStage,
      enrollment: e.enrollment,
      ...(this.minor === 36 ? { enrollmentStatus: this.ctx.tracker.getEnrollment(e.enrollment)?.status ?? 'ACTIVE' } : {}),
      ...(eventHasTrackedEntity(this.ctx.version) && e.trackedEntity ? { trackedEntity: e.trackedEntity } : {}),
      orgUnit: e.orgUnit,
      ...(this.minor <= 40 ? { orgUnitName: meta.orgUnitName(e.orgUnit) } : {}),
      relationships: opts.include.relationships ? this.relationshipsOf(e.event, opts.includeDeleted) : [],
      occurredAt: this.ts(e.occurredAt),
      scheduledAt: this.ts(e.scheduledAt),
      storedBy: e.storedBy,
      ...followUp,
      deleted: e.deleted,
      ...this.stamps(e),
      completedBy: e.completedBy,
      completedAt: this.ts(e.completedAt),
      attributeOptionCombo: e.attributeOptionCombo,
      attributeCategoryOptions: e.attributeCategoryOptions,
      ...this.by(),
      geometry: e.geometry,
      dataValues: e.dataValues.map((d) => this.dataValue(d)),
      notes: e.notes.map((n) => this.note(n)),
    };
  }

  private dataValue(d: DataValueRecord): JsonObject {
    return {
      createdAt: this.ts(d.createdAt),
      updatedAt: this.ts(d.updatedAt),
      storedBy: d.storedBy,
      providedElsewhere: d.providedElsewhere,
      dataElement: d.dataElement,
      value: d.value,
      ...this.by(),
    };
  }

  private note(n: NoteRecord): JsonObject {
    return { note: n.note, value: n.value, storedAt: this.ts(n.storedAt), storedBy: n.storedBy, ...(this.minor >= 38 ? { createdBy: user() } : {}) };
  }

  /** Relationships of an entity as visible in this version (soft-deleted ones only with includeDeleted). */
  relationshipsOf(uid: string, includeDeleted: boolean): JsonObject[] {
    return this.ctx.tracker
      .relationshipsOf(uid)
      .filter((r) => !r.deleted || includeDeleted)
      .map((r) => this.relationship(r));
  }

  relationship(r: RelationshipRecord): JsonObject {
    const type = this.ctx.trackerMetadata.relationshipType(r.relationshipType);
    return {
      relationship: r.relationship,
      relationshipType: r.relationshipType,
      relationshipName: type.name,
      ...(this.minor >= 41 ? { createdAtClient: this.ts(r.createdAtClient ?? r.createdAt) } : {}),
      bidirectional: type.bidirectional,
      from: this.side(r.from),
      to: this.side(r.to),
      createdAt: this.ts(r.createdAt),
      updatedAt: this.ts(r.updatedAt),
    };
  }

  private side(side: SideRef): JsonObject {
    if (!hasNestedRelationshipSides(this.ctx.version)) {
      return 'trackedEntity' in side ? { trackedEntity: side.trackedEntity } : 'enrollment' in side ? { enrollment: side.enrollment } : { event: side.event };
    }
    const store = this.ctx.tracker;
    const none: RenderOptions = {
      includeDeleted: false,
      include: { enrollments: false, events: false, relationships: false, programOwners: false, attributes: true },
    };
    if ('trackedEntity' in side) {
      const te = store.getTe(side.trackedEntity);
      return { trackedEntity: te ? this.trackedEntity(te, none) : { trackedEntity: side.trackedEntity } };
    }
    if ('enrollment' in side) {
      const e = store.getEnrollment(side.enrollment);
      return { enrollment: e ? this.enrollment(e, { ...none, include: { ...none.include, attributes: false } }) : { enrollment: side.enrollment } };
    }
    const ev = store.getEvent(sideUid(side));
    return { event: ev ? this.event(ev, none) : { event: sideUid(side) } };
  }
}
