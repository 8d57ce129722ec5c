import type { SimContext } from '../context.js';
import type { JsonObject } from '../fields.js';
import { eventHasTrackedEntity, hasNestedRelationshipSides } from '../version.js';
import { FieldPlan, type Property, type Shape } from './fieldPlan.js';
import {
  sideUid,
  type AttributeValueRecord,
  type DataValueRecord,
  type EnrollmentRecord,
  type EventRecord,
  type RelationshipRecord,
  type SideRef,
  type TrackedEntityRecord,
} from './records.js';
import { attributeShape, by, dataValueShape, noteJson, prop, stamps, type Format } from './shapeParts.js';

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

interface EnrollmentContext {
  opts: RenderOptions;
  /** The tracked entity being rendered around the enrollment, so its attributes need no lookup. */
  owner?: TrackedEntityRecord;
}

/** Relationship sides carry bare objects: attributes, no nested lists. */
const SIDE_OPTIONS: RenderOptions = {
  includeDeleted: false,
  include: {
    enrollments: false,
    events: false,
    relationships: false,
    programOwners: false,
    attributes: true,
  },
};
const SIDE_ENROLLMENT: EnrollmentContext = {
  opts: { ...SIDE_OPTIONS, include: { ...SIDE_OPTIONS.include, attributes: false } },
};

/**
 * Tracker objects in the new API's shape (`/api/tracker/...`, reference §6.6) for the simulated version:
 * `followup`/`followUp`, `orgUnitName`, `createdBy`, flat or nested relationship sides. Each object type is a
 * shape — its properties in the order DHIS2 writes them — rendered through a FieldPlan, so only selected
 * properties are computed (see fieldPlan.ts).
 */
export class NewApiRenderer {
  private readonly minor: number;
  private readonly teShape: Shape<TrackedEntityRecord, RenderOptions>;
  private readonly enrollmentShape: Shape<EnrollmentRecord, EnrollmentContext>;
  private readonly eventShape: Shape<EventRecord, RenderOptions>;
  private readonly relationshipShape: Shape<RelationshipRecord, undefined>;
  private readonly sideShape: Shape<SideRef, undefined>;
  private readonly attributeShape: Shape<AttributeValueRecord, undefined>;
  private readonly dataValueShape: Shape<DataValueRecord, undefined>;

  constructor(private readonly ctx: SimContext) {
    this.minor = ctx.version.minor;
    this.attributeShape = attributeShape(ctx, this.ts);
    this.dataValueShape = dataValueShape(this.minor, this.ts);
    this.eventShape = this.eventProperties();
    this.enrollmentShape = this.enrollmentProperties();
    this.teShape = this.teProperties();
    this.relationshipShape = this.relationshipProperties();
    this.sideShape = this.sideProperties();
  }

  trackedEntity(te: TrackedEntityRecord, opts: RenderOptions, plan = FieldPlan.ALL): JsonObject {
    return plan.render(this.teShape, te, opts);
  }

  enrollment(e: EnrollmentRecord, opts: RenderOptions, plan = FieldPlan.ALL): JsonObject {
    return plan.render(this.enrollmentShape, e, { opts });
  }

  event(e: EventRecord, opts: RenderOptions, plan = FieldPlan.ALL): JsonObject {
    return plan.render(this.eventShape, e, opts);
  }

  relationship(r: RelationshipRecord, plan = FieldPlan.ALL): JsonObject {
    return plan.render(this.relationshipShape, r, undefined);
  }

  private readonly ts: Format = (ms) => (ms === undefined ? undefined : this.ctx.clock.format(ms));

  private orgUnitName<R extends { orgUnit: string }, C>(): Array<Property<R, C>> {
    return this.minor <= 40
      ? [prop('orgUnitName', (r) => this.ctx.trackerMetadata.orgUnitName(r.orgUnit))]
      : [];
  }

  /** TET attributes, plus the program's when the request named one (reference §6.6). */
  private visibleAttributes(te: TrackedEntityRecord, program: string | undefined): AttributeValueRecord[] {
    const meta = this.ctx.trackerMetadata;
    const allowed = meta.tetAttributeSet(te.trackedEntityType);
    const extra = program ? meta.programAttributeSet(program) : undefined;
    return te.attributes.filter((a) => allowed.has(a.attribute) || extra?.has(a.attribute) === true);
  }

  private teProperties(): Shape<TrackedEntityRecord, RenderOptions> {
    return [
      prop('trackedEntity', (t) => t.trackedEntity),
      prop('trackedEntityType', (t) => t.trackedEntityType),
      ...stamps<TrackedEntityRecord, RenderOptions>(this.ts),
      prop('orgUnit', (t) => t.orgUnit),
      prop('inactive', (t) => t.inactive),
      prop('deleted', (t) => t.deleted),
      prop('potentialDuplicate', (t) => t.potentialDuplicate),
      prop('geometry', (t) => t.geometry),
      prop('storedBy', (t) => t.storedBy),
      ...by<TrackedEntityRecord, RenderOptions>(this.minor),
      prop(
        'attributes',
        (t, o, plan) =>
          o.include.attributes
            ? this.visibleAttributes(t, o.program).map((a) => plan.render(this.attributeShape, a, undefined))
            : [],
        true,
      ),
      prop('enrollments', (t, o, plan) => this.enrollmentsOf(t, o, plan), true),
      prop(
        'relationships',
        (t, o, plan) =>
          o.include.relationships ? this.relationshipsOf(t.trackedEntity, o.includeDeleted, plan) : [],
        true,
      ),
      prop('programOwners', (t, o) =>
        o.include.programOwners
          ? t.programOwners.map((p) => ({
              orgUnit: p.orgUnit,
              trackedEntity: t.trackedEntity,
              program: p.program,
            }))
          : [],
      ),
    ];
  }

  private enrollmentsOf(te: TrackedEntityRecord, opts: RenderOptions, plan: FieldPlan): JsonObject[] {
    if (!opts.include.enrollments) return [];
    // Enrollments inside a tracked entity always carry their program attributes.
    const context: EnrollmentContext = {
      opts: { ...opts, include: { ...opts.include, attributes: true } },
      owner: te,
    };
    const out: JsonObject[] = [];
    for (const e of this.ctx.tracker.enrollmentsOf(te.trackedEntity)) {
      if (
        (opts.includeDeleted || !e.deleted) &&
        (this.minor < 42 || !opts.program || e.program === opts.program)
      )
        out.push(plan.render(this.enrollmentShape, e, context));
    }
    return out;
  }

  private enrollmentProperties(): Shape<EnrollmentRecord, EnrollmentContext> {
    const ts = (ms: number | undefined): string | undefined => this.ts(ms);
    return [
      prop('enrollment', (e) => e.enrollment),
      ...stamps<EnrollmentRecord, EnrollmentContext>(this.ts),
      ...(this.minor === 36
        ? [prop<EnrollmentRecord, EnrollmentContext>('trackedEntityType', (e) => e.trackedEntityType)]
        : []),
      prop('trackedEntity', (e) => e.trackedEntity),
      prop('program', (e) => e.program),
      prop('status', (e) => e.status),
      prop('orgUnit', (e) => e.orgUnit),
      ...this.orgUnitName<EnrollmentRecord, EnrollmentContext>(),
      prop('enrolledAt', (e) => ts(e.enrolledAt)),
      prop('occurredAt', (e) => ts(e.occurredAt)),
      prop('followUp', (e) => e.followUp),
      prop('completedBy', (e) => e.completedBy),
      prop('completedAt', (e) => ts(e.completedAt)),
      prop('deleted', (e) => e.deleted),
      prop('storedBy', (e) => e.storedBy),
      ...by<EnrollmentRecord, EnrollmentContext>(this.minor),
      prop('geometry', (e) => e.geometry),
      prop('events', (e, c, plan) => this.eventsOf(e, c.opts, plan), true),
      prop(
        'relationships',
        (e, c, plan) =>
          c.opts.include.relationships ? this.relationshipsOf(e.enrollment, c.opts.includeDeleted, plan) : [],
        true,
      ),
      prop('attributes', (e, c, plan) => this.enrollmentAttributes(e, c, plan), true),
      prop('notes', (e) => e.notes.map((n) => noteJson(n, this.minor, this.ts))),
    ];
  }

  private eventsOf(e: EnrollmentRecord, opts: RenderOptions, plan: FieldPlan): JsonObject[] {
    if (!opts.include.events) return [];
    const out: JsonObject[] = [];
    for (const ev of this.ctx.tracker.eventsOf(e.enrollment)) {
      if (opts.includeDeleted || !ev.deleted) out.push(plan.render(this.eventShape, ev, opts));
    }
    return out;
  }

  private enrollmentAttributes(e: EnrollmentRecord, c: EnrollmentContext, plan: FieldPlan): JsonObject[] {
    const te = c.opts.include.attributes ? (c.owner ?? this.ctx.tracker.getTe(e.trackedEntity)) : undefined;
    if (!te) return [];
    const programAttributes = this.ctx.trackerMetadata.programAttributeSet(e.program);
    return te.attributes
      .filter((a) => programAttributes.has(a.attribute))
      .map((a) => plan.render(this.attributeShape, a, undefined));
  }

  private eventProperties(): Shape<EventRecord, RenderOptions> {
    const ts = (ms: number | undefined): string | undefined => this.ts(ms);
    const followUp = (keys: string[]): Array<Property<EventRecord, RenderOptions>> =>
      keys.map((key) => prop(key, (e) => e.followUp));
    return [
      prop('event', (e) => e.event),
      prop('status', (e) => e.status),
      prop('program', (e) => e.program),
      prop('programStage', (e) => e.programStage),
      prop('enrollment', (e) => e.enrollment),
      ...(this.minor === 36
        ? [
            prop<EventRecord, RenderOptions>(
              'enrollmentStatus',
              (e) => this.ctx.tracker.getEnrollment(e.enrollment)?.status ?? 'ACTIVE',
            ),
          ]
        : []),
      ...(eventHasTrackedEntity(this.ctx.version)
        ? [prop<EventRecord, RenderOptions>('trackedEntity', (e) => e.trackedEntity)]
        : []),
      prop('orgUnit', (e) => e.orgUnit),
      ...this.orgUnitName<EventRecord, RenderOptions>(),
      prop(
        'relationships',
        (e, o, plan) =>
          o.include.relationships ? this.relationshipsOf(e.event, o.includeDeleted, plan) : [],
        true,
      ),
      prop('occurredAt', (e) => ts(e.occurredAt)),
      prop('scheduledAt', (e) => ts(e.scheduledAt)),
      prop('storedBy', (e) => e.storedBy),
      ...followUp(
        this.minor <= 40 ? ['followup'] : this.minor === 41 ? ['followUp', 'followup'] : ['followUp'],
      ),
      prop('deleted', (e) => e.deleted),
      ...stamps<EventRecord, RenderOptions>(this.ts),
      prop('completedBy', (e) => e.completedBy),
      prop('completedAt', (e) => ts(e.completedAt)),
      prop('attributeOptionCombo', (e) => e.attributeOptionCombo),
      prop('attributeCategoryOptions', (e) => e.attributeCategoryOptions),
      ...by<EventRecord, RenderOptions>(this.minor),
      prop('geometry', (e) => e.geometry),
      prop(
        'dataValues',
        (e, _o, plan) => e.dataValues.map((d) => plan.render(this.dataValueShape, d, undefined)),
        true,
      ),
      prop('notes', (e) => e.notes.map((n) => noteJson(n, this.minor, this.ts))),
    ];
  }

  /** Relationships of an entity as visible in this version (soft-deleted ones only with includeDeleted). */
  private relationshipsOf(uid: string, includeDeleted: boolean, plan: FieldPlan): JsonObject[] {
    const out: JsonObject[] = [];
    for (const r of this.ctx.tracker.relationshipsOf(uid)) {
      if (!r.deleted || includeDeleted) out.push(plan.render(this.relationshipShape, r, undefined));
    }
    return out;
  }

  private relationshipProperties(): Shape<RelationshipRecord, undefined> {
    const type = (r: RelationshipRecord): { name: string; bidirectional: boolean } =>
      this.ctx.trackerMetadata.relationshipType(r.relationshipType);
    return [
      prop('relationship', (r) => r.relationship),
      prop('relationshipType', (r) => r.relationshipType),
      prop('relationshipName', (r) => type(r).name),
      ...(this.minor >= 41
        ? [
            prop<RelationshipRecord, undefined>('createdAtClient', (r) =>
              this.ts(r.createdAtClient ?? r.createdAt),
            ),
          ]
        : []),
      prop('bidirectional', (r) => type(r).bidirectional),
      prop('from', (r, _c, plan) => plan.render(this.sideShape, r.from, undefined), true),
      prop('to', (r, _c, plan) => plan.render(this.sideShape, r.to, undefined), true),
      prop('createdAt', (r) => this.ts(r.createdAt)),
      prop('updatedAt', (r) => this.ts(r.updatedAt)),
    ];
  }

  /** Flat uids in 2.36/2.37; from 2.38 the object itself (or just its uid when it is gone). */
  private sideProperties(): Shape<SideRef, undefined> {
    if (!hasNestedRelationshipSides(this.ctx.version)) {
      return [
        prop('trackedEntity', (s) => ('trackedEntity' in s ? s.trackedEntity : undefined)),
        prop('enrollment', (s) => ('enrollment' in s ? s.enrollment : undefined)),
        prop('event', (s) => ('event' in s ? s.event : undefined)),
      ];
    }
    const store = this.ctx.tracker;
    return [
      prop(
        'trackedEntity',
        (s, _c, plan) => {
          if (!('trackedEntity' in s)) return undefined;
          const te = store.getTe(s.trackedEntity);
          return te
            ? plan.render(this.teShape, te, SIDE_OPTIONS)
            : plan.apply({ trackedEntity: s.trackedEntity });
        },
        true,
      ),
      prop(
        'enrollment',
        (s, _c, plan) => {
          if (!('enrollment' in s)) return undefined;
          const e = store.getEnrollment(s.enrollment);
          return e
            ? plan.render(this.enrollmentShape, e, SIDE_ENROLLMENT)
            : plan.apply({ enrollment: s.enrollment });
        },
        true,
      ),
      prop(
        'event',
        (s, _c, plan) => {
          if (!('event' in s)) return undefined;
          const ev = store.getEvent(sideUid(s));
          return ev ? plan.render(this.eventShape, ev, SIDE_OPTIONS) : plan.apply({ event: sideUid(s) });
        },
        true,
      ),
    ];
  }
}
