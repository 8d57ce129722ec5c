import { createRng, type Rng } from '../../common/rng.js';
import type {
  AttributeInput,
  DataValueInput,
  EnrollmentInput,
  EventInput,
  NoteInput,
  RelationshipInput,
  SideInput,
  TrackedEntityInput,
} from '../dataset/types.js';
import type { ServerClock } from '../time.js';
import type {
  AttributeValueRecord,
  DataValueRecord,
  EnrollmentRecord,
  EventRecord,
  NoteRecord,
  RelationshipRecord,
  SideRef,
  TrackedEntityRecord,
} from './records.js';
import type { TrackerMetadata } from './trackerMetadata.js';
import { COVID } from '../dataset/covid.js';

const UID_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/**
 * Turns records in the `/api/tracker` import/export shape (tracker.json, or `sim.data.add…`) into stored
 * records: text timestamps read in server time, missing ones set to "now", missing uids generated.
 */
export class RecordFactory {
  private readonly rng: Rng;

  constructor(
    private readonly clock: ServerClock,
    private readonly meta: TrackerMetadata,
    seed: number,
  ) {
    this.rng = createRng(seed ^ 0x7a3c91);
  }

  uid(): string {
    let uid = UID_CHARS[Math.floor(this.rng() * 52)] ?? 'a';
    for (let i = 0; i < 10; i++) uid += UID_CHARS[Math.floor(this.rng() * 62)] ?? 'a';
    return uid;
  }

  time(text: string | undefined, fallback: number): number {
    return text === undefined ? fallback : (this.clock.parse(text) ?? fallback);
  }

  private optionalTime(text: string | undefined): number | undefined {
    return text === undefined ? undefined : this.clock.parse(text);
  }

  attribute(a: AttributeInput, now: number): AttributeValueRecord {
    const createdAt = this.time(a.createdAt, now);
    return {
      attribute: a.attribute,
      value: a.value,
      createdAt,
      updatedAt: this.time(a.updatedAt, createdAt),
      storedBy: a.storedBy ?? 'admin',
    };
  }

  dataValue(d: DataValueInput, now: number): DataValueRecord {
    const createdAt = this.time(d.createdAt, now);
    return {
      dataElement: d.dataElement,
      value: d.value,
      providedElsewhere: d.providedElsewhere ?? false,
      createdAt,
      updatedAt: this.time(d.updatedAt, createdAt),
      storedBy: d.storedBy ?? 'admin',
    };
  }

  note(n: NoteInput, now: number): NoteRecord {
    return {
      note: n.note ?? this.uid(),
      value: n.value,
      storedAt: this.time(n.storedAt, now),
      storedBy: n.storedBy ?? 'admin',
    };
  }

  /** The tracked entity alone; program attributes of nested enrollments are stored on it, as DHIS2 does. */
  trackedEntity(input: TrackedEntityInput, now: number): TrackedEntityRecord {
    const uid = input.trackedEntity ?? this.uid();
    const createdAt = this.time(input.createdAt, now);
    const attributes = new Map<string, AttributeValueRecord>();
    for (const a of input.attributes ?? []) attributes.set(a.attribute, this.attribute(a, createdAt));
    for (const e of input.enrollments ?? [])
      for (const a of e.attributes ?? []) attributes.set(a.attribute, this.attribute(a, createdAt));
    const owners = (input.enrollments ?? []).map((e) => ({ program: e.program, orgUnit: e.orgUnit }));
    return {
      trackedEntity: uid,
      trackedEntityType: input.trackedEntityType,
      orgUnit: input.orgUnit,
      createdAt,
      updatedAt: this.time(input.updatedAt, createdAt),
      inactive: input.inactive ?? false,
      deleted: input.deleted ?? false,
      potentialDuplicate: input.potentialDuplicate ?? false,
      storedBy: input.storedBy ?? 'admin',
      ...(input.geometry ? { geometry: input.geometry } : {}),
      attributes: [...attributes.values()],
      programOwners: owners.filter((o, i) => owners.findIndex((x) => x.program === o.program) === i),
    };
  }

  enrollment(
    input: EnrollmentInput,
    trackedEntity: string,
    trackedEntityType: string,
    now: number,
  ): EnrollmentRecord {
    const createdAt = this.time(input.createdAt, now);
    const enrolledAt = this.time(input.enrolledAt, createdAt);
    const completedAt = this.optionalTime(input.completedAt);
    return {
      enrollment: input.enrollment ?? this.uid(),
      program: input.program,
      trackedEntity,
      trackedEntityType,
      orgUnit: input.orgUnit,
      status: input.status ?? 'ACTIVE',
      enrolledAt,
      occurredAt: this.time(input.occurredAt, enrolledAt),
      ...(completedAt !== undefined ? { completedAt } : {}),
      ...(input.completedBy ? { completedBy: input.completedBy } : {}),
      followUp: input.followUp ?? false,
      deleted: input.deleted ?? false,
      createdAt,
      updatedAt: this.time(input.updatedAt, createdAt),
      storedBy: input.storedBy ?? 'admin',
      ...(input.geometry ? { geometry: input.geometry } : {}),
      notes: (input.notes ?? []).map((n) => this.note(n, createdAt)),
    };
  }

  /** `enrollment` is the owning enrollment; for event programs, the program's placeholder. */
  event(
    input: EventInput,
    context: { program: string; enrollment: string; trackedEntity?: string },
    now: number,
  ): EventRecord {
    const createdAt = this.time(input.createdAt, now);
    const completedAt = this.optionalTime(input.completedAt);
    const occurredAt = this.optionalTime(input.occurredAt);
    const scheduledAt = this.optionalTime(input.scheduledAt);
    return {
      event: input.event ?? this.uid(),
      program: context.program,
      programStage: input.programStage,
      enrollment: context.enrollment,
      ...(context.trackedEntity ? { trackedEntity: context.trackedEntity } : {}),
      orgUnit: input.orgUnit,
      status: input.status ?? 'ACTIVE',
      ...(occurredAt !== undefined ? { occurredAt } : {}),
      ...(scheduledAt !== undefined ? { scheduledAt } : {}),
      ...(completedAt !== undefined ? { completedAt } : {}),
      ...(input.completedBy ? { completedBy: input.completedBy } : {}),
      followUp: input.followUp ?? false,
      deleted: input.deleted ?? false,
      createdAt,
      updatedAt: this.time(input.updatedAt, createdAt),
      storedBy: input.storedBy ?? 'admin',
      ...(input.geometry ? { geometry: input.geometry } : {}),
      attributeOptionCombo: COVID.defaultAttributeOptionCombo,
      attributeCategoryOptions: COVID.defaultCategoryOption,
      dataValues: (input.dataValues ?? []).map((d) => this.dataValue(d, createdAt)),
      notes: (input.notes ?? []).map((n) => this.note(n, createdAt)),
    };
  }

  relationship(input: RelationshipInput, now: number): RelationshipRecord {
    const createdAt = this.time(input.createdAt, now);
    return {
      relationship: input.relationship ?? this.uid(),
      relationshipType: input.relationshipType,
      from: side(input.from),
      to: side(input.to),
      createdAt,
      updatedAt: this.time(input.updatedAt, createdAt),
      createdAtClient: createdAt,
      deleted: input.deleted ?? false,
    };
  }

  programTet(program: string): string | undefined {
    return this.meta.programTet(program);
  }
}

/** Accepts both the flat write shape and the nested read shape of a relationship side. */
export function side(input: SideInput): SideRef {
  const pick = (v: string | Record<string, string>, key: string): string =>
    typeof v === 'string' ? v : (v[key] ?? '');
  if ('trackedEntity' in input) return { trackedEntity: pick(input.trackedEntity, 'trackedEntity') };
  if ('enrollment' in input) return { enrollment: pick(input.enrollment, 'enrollment') };
  return { event: pick(input.event, 'event') };
}
