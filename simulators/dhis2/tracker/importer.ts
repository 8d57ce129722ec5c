import type {
  EventInput,
  RelationshipInput,
  TrackedEntityInput,
  TrackerInput,
  EnrollmentInput,
} from '../dataset/types.js';
import type { MetadataStore } from '../metadata/store.js';
import type { RecordFactory } from './fromInput.js';
import { KIND } from './generator.js';
import type { EnrollmentRecord, EventRecord, RelationshipRecord, TrackedEntityRecord } from './records.js';
import type { TrackerStore } from './store.js';

/**
 * Stores records given in the `/api/tracker` shape — a dataset's tracker.json at start-up, or a test's
 * `sim.data.add…` later — resolving what the payload leaves implicit (an event's program from its stage, its
 * enrollment from the tracked entity, the placeholder enrollment of an event program).
 */
export class TrackerImporter {
  private readonly placeholders = new Map<string, string>();

  constructor(
    private readonly store: TrackerStore,
    private readonly metadata: MetadataStore,
    private readonly factory: RecordFactory,
  ) {}

  importAll(input: TrackerInput, now: number): void {
    for (const te of input.trackedEntities) this.trackedEntity(te, now);
    for (const e of input.enrollments) this.enrollment(e, now);
    for (const ev of input.events) this.event(ev, now);
    for (const r of input.relationships) this.relationship(r, now);
  }

  trackedEntity(input: TrackedEntityInput, now: number): TrackedEntityRecord {
    const te = this.factory.trackedEntity(input, now);
    this.store.putTe(te);
    for (const e of input.enrollments ?? [])
      this.enrollment({ ...e, trackedEntity: te.trackedEntity }, now, te);
    for (const r of input.relationships ?? []) this.relationship(r, now);
    return te;
  }

  enrollment(input: EnrollmentInput, now: number, owner?: TrackedEntityRecord): EnrollmentRecord {
    const teUid = input.trackedEntity ?? owner?.trackedEntity;
    const te = owner ?? (teUid ? this.store.getTe(teUid) : undefined);
    if (!te)
      throw new Error(
        `Enrollment ${input.enrollment ?? '(new)'}: tracked entity ${teUid ?? '(none)'} does not exist`,
      );
    const enrollment = this.factory.enrollment(input, te.trackedEntity, te.trackedEntityType, now);
    this.store.putEnrollment(enrollment);
    if (!owner && input.attributes?.length) {
      const values = new Map(te.attributes.map((a) => [a.attribute, a]));
      for (const a of input.attributes) values.set(a.attribute, this.factory.attribute(a, now));
      this.store.putTe({ ...te, attributes: [...values.values()] });
    }
    for (const ev of input.events ?? [])
      this.event({ ...ev, enrollment: enrollment.enrollment, program: enrollment.program }, now);
    return enrollment;
  }

  /** The program a stage belongs to. */
  programOfStage(stage: string): string | undefined {
    const program = this.metadata.get('programStages', stage)?.program as { id?: string } | undefined;
    return program?.id;
  }

  /** Event programs keep their events under one internal enrollment. */
  placeholderEnrollment(program: string): string {
    let uid = this.placeholders.get(program);
    if (!uid) {
      const layout = this.store.generated?.layout;
      uid =
        layout && program === 'PNClHaZARtz' ? layout.uid(KIND.placeholderEnrollment, 0) : this.factory.uid();
      this.placeholders.set(program, uid);
    }
    return uid;
  }

  event(input: EventInput, now: number): EventRecord {
    const program = input.program ?? this.programOfStage(input.programStage);
    if (!program)
      throw new Error(
        `Event ${input.event ?? '(new)'}: program stage ${input.programStage} belongs to no known program`,
      );
    const withoutRegistration =
      this.metadata.get('programs', program)?.programType === 'WITHOUT_REGISTRATION';
    let enrollment: string;
    let trackedEntity: string | undefined;
    if (withoutRegistration) {
      enrollment = this.placeholderEnrollment(program);
    } else {
      const candidate =
        input.enrollment ??
        (input.trackedEntity
          ? this.store.enrollmentsOf(input.trackedEntity).find((e) => e.program === program)?.enrollment
          : undefined);
      const owner = candidate ? this.store.getEnrollment(candidate) : undefined;
      if (!owner)
        throw new Error(
          `Event ${input.event ?? '(new)'}: no enrollment in program ${program} to attach it to`,
        );
      enrollment = owner.enrollment;
      trackedEntity = owner.trackedEntity;
    }
    const event = this.factory.event(
      input,
      { program, enrollment, ...(trackedEntity ? { trackedEntity } : {}) },
      now,
    );
    this.store.putEvent(event);
    return event;
  }

  relationship(input: RelationshipInput, now: number): RelationshipRecord {
    const relationship = this.factory.relationship(input, now);
    for (const end of [relationship.from, relationship.to]) {
      const found =
        'trackedEntity' in end
          ? this.store.getTe(end.trackedEntity)
          : 'enrollment' in end
            ? this.store.getEnrollment(end.enrollment)
            : this.store.getEvent(end.event);
      if (!found)
        throw new Error(`Relationship ${relationship.relationship}: ${JSON.stringify(end)} does not exist`);
    }
    this.store.putRelationship(relationship);
    return relationship;
  }
}
