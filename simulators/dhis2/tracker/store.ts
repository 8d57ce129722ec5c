import { KIND, CASE_SLOTS, CONTACT_SLOTS, type Stream } from './generator.js';
import type { GeneratedRecords } from './generatedRecords.js';
import {
  sideUid,
  type EnrollmentRecord,
  type EventRecord,
  type RelationshipRecord,
  type TrackedEntityRecord,
} from './records.js';

type Entity = 'te' | 'enrollment' | 'event' | 'relationship';

/**
 * All tracker records: explicit ones (loaded from tracker.json or written through `sim.data`) held in maps,
 * generated ones built on demand. Changing a generated record copies it into the explicit maps and marks its
 * generated position "shadowed", so scans skip the stale generated version; deleting a generated relationship
 * leaves only the shadow (a tombstone). Memory grows with the number of changed records, never with reads.
 */
export class TrackerStore {
  readonly tes = new Map<string, TrackedEntityRecord>();
  readonly enrollments = new Map<string, EnrollmentRecord>();
  readonly events = new Map<string, EventRecord>();
  readonly relationships = new Map<string, RelationshipRecord>();
  /** Insertion order of explicit records: their "internal id", the tie-breaker of every ordering. */
  readonly seq = new Map<string, number>();
  private nextSeq = 1;
  private readonly enrollmentsByTe = new Map<string, Set<string>>();
  private readonly eventsByEnrollment = new Map<string, Set<string>>();
  private readonly relationshipsBySide = new Map<string, Set<string>>();
  /** Generated positions with an explicit version (or a tombstone), by kind. */
  private readonly shadowed = new Map<number, Set<number>>();
  /** Generated tracked entities whose enrollments changed: searches evaluate them from full records. */
  private readonly dirty = new Map<Stream, Set<number>>([
    ['cases', new Set()],
    ['contacts', new Set()],
  ]);

  constructor(readonly generated?: GeneratedRecords) {}

  /** A generated record's (kind, index), if the uid names one. */
  decode(uid: string): { kind: number; index: number } | undefined {
    return this.generated?.layout.decode(uid);
  }

  isShadowed(kind: number, index: number): boolean {
    return this.shadowed.get(kind)?.has(index) ?? false;
  }

  dirtyTes(stream: 'cases' | 'contacts'): ReadonlySet<number> {
    return this.dirty.get(stream) ?? new Set();
  }

  private shadow(uid: string): void {
    const hit = this.decode(uid);
    if (!hit) return;
    let set = this.shadowed.get(hit.kind);
    if (!set) this.shadowed.set(hit.kind, (set = new Set()));
    set.add(hit.index);
  }

  /** Marks the generated tracked entity behind `teUid` as needing full evaluation in searches. */
  private dirtyTe(teUid: string | undefined): void {
    const hit = teUid ? this.decode(teUid) : undefined;
    if (hit?.kind === KIND.caseTe) this.dirty.get('cases')?.add(hit.index);
    if (hit?.kind === KIND.contactTe) this.dirty.get('contacts')?.add(hit.index);
  }

  private index(map: Map<string, Set<string>>, key: string, uid: string): void {
    let set = map.get(key);
    if (!set) map.set(key, (set = new Set()));
    set.add(uid);
  }

  private stamp(uid: string): void {
    if (!this.seq.has(uid)) this.seq.set(uid, this.nextSeq++);
  }

  putTe(te: TrackedEntityRecord): void {
    this.tes.set(te.trackedEntity, te);
    this.stamp(te.trackedEntity);
    this.shadow(te.trackedEntity);
    this.dirtyTe(te.trackedEntity);
  }

  putEnrollment(enrollment: EnrollmentRecord): void {
    this.enrollments.set(enrollment.enrollment, enrollment);
    this.stamp(enrollment.enrollment);
    this.shadow(enrollment.enrollment);
    this.index(this.enrollmentsByTe, enrollment.trackedEntity, enrollment.enrollment);
    this.dirtyTe(enrollment.trackedEntity);
  }

  putEvent(event: EventRecord): void {
    this.events.set(event.event, event);
    this.stamp(event.event);
    this.shadow(event.event);
    this.index(this.eventsByEnrollment, event.enrollment, event.event);
    // TE searches filter by events (eventStatus …): a generated owner is then evaluated from full records.
    const enrollment = this.decode(event.enrollment);
    if (enrollment?.kind === KIND.caseEnrollment) this.dirty.get('cases')?.add(enrollment.index);
    if (enrollment?.kind === KIND.contactEnrollment) this.dirty.get('contacts')?.add(enrollment.index);
  }

  putRelationship(relationship: RelationshipRecord): void {
    this.relationships.set(relationship.relationship, relationship);
    this.stamp(relationship.relationship);
    this.shadow(relationship.relationship);
    for (const side of [relationship.from, relationship.to])
      this.index(this.relationshipsBySide, sideUid(side), relationship.relationship);
  }

  /** Hard delete (≤ 2.40): the relationship is gone, a generated one stays shadowed as a tombstone. */
  removeRelationship(uid: string): void {
    this.relationships.delete(uid);
    this.shadow(uid);
  }

  getTe(uid: string): TrackedEntityRecord | undefined {
    const explicit = this.tes.get(uid);
    if (explicit) return explicit;
    const hit = this.decode(uid);
    if (!hit || !this.generated || this.isShadowed(hit.kind, hit.index)) return undefined;
    if (hit.kind === KIND.caseTe) return this.generated.trackedEntity('cases', hit.index);
    if (hit.kind === KIND.contactTe) return this.generated.trackedEntity('contacts', hit.index);
    return undefined;
  }

  getEnrollment(uid: string): EnrollmentRecord | undefined {
    const explicit = this.enrollments.get(uid);
    if (explicit) return explicit;
    const hit = this.decode(uid);
    if (!hit || !this.generated || this.isShadowed(hit.kind, hit.index)) return undefined;
    if (hit.kind === KIND.caseEnrollment) return this.generated.enrollment('cases', hit.index);
    if (hit.kind === KIND.contactEnrollment) return this.generated.enrollment('contacts', hit.index);
    return undefined;
  }

  getEvent(uid: string): EventRecord | undefined {
    const explicit = this.events.get(uid);
    if (explicit) return explicit;
    const hit = this.decode(uid);
    if (!hit || !this.generated || this.isShadowed(hit.kind, hit.index)) return undefined;
    return this.generatedEvent(hit.kind, hit.index);
  }

  generatedEvent(kind: number, index: number): EventRecord | undefined {
    const g = this.generated;
    if (!g) return undefined;
    if (kind >= KIND.caseEvent && kind < KIND.caseEvent + CASE_SLOTS)
      return g.stageEvent('cases', index, kind - KIND.caseEvent);
    if (kind >= KIND.contactEvent && kind < KIND.contactEvent + CONTACT_SLOTS)
      return g.stageEvent('contacts', index, kind - KIND.contactEvent);
    if (kind === KIND.programEvent) return g.programEvent(index);
    return undefined;
  }

  getRelationship(uid: string): RelationshipRecord | undefined {
    const explicit = this.relationships.get(uid);
    if (explicit) return explicit;
    const hit = this.decode(uid);
    if (!hit || hit.kind !== KIND.relationship || !this.generated || this.isShadowed(hit.kind, hit.index))
      return undefined;
    return this.generated.relationship(hit.index);
  }

  get(
    entity: Entity,
    uid: string,
  ): TrackedEntityRecord | EnrollmentRecord | EventRecord | RelationshipRecord | undefined {
    if (entity === 'te') return this.getTe(uid);
    if (entity === 'enrollment') return this.getEnrollment(uid);
    if (entity === 'event') return this.getEvent(uid);
    return this.getRelationship(uid);
  }

  enrollmentsOf(teUid: string): EnrollmentRecord[] {
    const hit = this.decode(teUid);
    const explicit = this.enrollmentsByTe.get(teUid);
    // The common case of a page of generated records: no uid round trips, no sets.
    if (!explicit && this.generated && (hit?.kind === KIND.caseTe || hit?.kind === KIND.contactTe)) {
      const cases = hit.kind === KIND.caseTe;
      if (!this.isShadowed(cases ? KIND.caseEnrollment : KIND.contactEnrollment, hit.index))
        return [this.generated.enrollment(cases ? 'cases' : 'contacts', hit.index)];
    }
    const uids = new Set(explicit ?? []);
    if (hit?.kind === KIND.caseTe) uids.add(this.generated?.layout.uid(KIND.caseEnrollment, hit.index) ?? '');
    if (hit?.kind === KIND.contactTe)
      uids.add(this.generated?.layout.uid(KIND.contactEnrollment, hit.index) ?? '');
    return [...uids].flatMap((u) => {
      const e = this.getEnrollment(u);
      return e && e.trackedEntity === teUid ? [e] : [];
    });
  }

  eventsOf(enrollmentUid: string): EventRecord[] {
    const hit = this.decode(enrollmentUid);
    const g = this.generated;
    const explicit = this.eventsByEnrollment.get(enrollmentUid);
    if (!explicit && g && (hit?.kind === KIND.caseEnrollment || hit?.kind === KIND.contactEnrollment)) {
      const stream = hit.kind === KIND.caseEnrollment ? 'cases' : 'contacts';
      const base = stream === 'cases' ? KIND.caseEvent : KIND.contactEvent;
      return g
        .slots(stream, hit.index)
        .flatMap((slot) =>
          this.isShadowed(base + slot, hit.index) ? [] : [g.stageEvent(stream, hit.index, slot)],
        );
    }
    const uids = new Set(explicit ?? []);
    if (g && (hit?.kind === KIND.caseEnrollment || hit?.kind === KIND.contactEnrollment)) {
      const stream = hit.kind === KIND.caseEnrollment ? 'cases' : 'contacts';
      const base = stream === 'cases' ? KIND.caseEvent : KIND.contactEvent;
      for (const slot of g.slots(stream, hit.index)) uids.add(g.layout.uid(base + slot, hit.index));
    }
    return [...uids].flatMap((u) => {
      const e = this.getEvent(u);
      return e && e.enrollment === enrollmentUid ? [e] : [];
    });
  }

  /** Relationships touching a tracked entity, enrollment or event (deleted ones included; callers filter). */
  relationshipsOf(uid: string): RelationshipRecord[] {
    const uids = new Set(this.relationshipsBySide.get(uid) ?? []);
    const hit = this.decode(uid);
    const layout = this.generated?.layout;
    if (layout && hit?.kind === KIND.caseTe) {
      const [first, end] = layout.contactsOfCase(hit.index);
      for (let j = first; j < end; j++) uids.add(layout.uid(KIND.relationship, j));
    }
    if (layout && hit?.kind === KIND.contactTe) uids.add(layout.uid(KIND.relationship, hit.index));
    return [...uids].flatMap((u) => {
      const r = this.getRelationship(u);
      return r && (sideUid(r.from) === uid || sideUid(r.to) === uid) ? [r] : [];
    });
  }

  /** Internal-id tie-breaker: generated records first in creation order, then explicit ones as inserted. */
  tieOf(uid: string): number {
    const s = this.seq.get(uid);
    if (s !== undefined) return 2 ** 50 + s;
    return this.decode(uid)?.index ?? 0;
  }
}
