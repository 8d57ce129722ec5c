import { intBetween, rngFor } from '../../common/rng.js';
import { COVID } from '../dataset/covid.js';
import type { ServerClock } from '../time.js';
import { CASE_SLOTS, KIND, OFFSET, type GeneratorLayout, type Stream } from './generator.js';
import {
  caseEventDays,
  caseEventValues,
  dateText,
  followUpDays,
  followUpValues,
  programEventValues,
} from './generatedValues.js';
import { person } from './people.js';
import type { OptionCodes } from './optionCodes.js';
import type {
  AttributeValueRecord,
  DataValueRecord,
  EnrollmentRecord,
  EventRecord,
  RelationshipRecord,
  TrackedEntityRecord,
} from './records.js';

const DAY = 86_400_000;
const A = COVID.attributes;
const O = COVID.options;
const CASE_STAGES = [
  COVID.cases.clinicalStage,
  COVID.cases.labRequestStage,
  COVID.cases.labResultStage,
  COVID.cases.outcomeStage,
];

/** Builds full generated records from (seed, index); the same index always yields the same record. */
export class GeneratedRecords {
  constructor(
    readonly layout: GeneratorLayout,
    /** Facilities as they were when the dataset was built: later renames must not rewrite generated text. */
    private readonly facilities: ReadonlyArray<{ id: string; name: string }>,
    private readonly clock: ServerClock,
    private readonly codes: OptionCodes,
  ) {}

  private get seed(): number {
    return this.layout.spec.seed;
  }

  /** Local day number (days since 1970-01-01 on the server's wall clock). */
  private day(ms: number): number {
    return Math.floor((ms + this.clock.offsetAt(ms)) / DAY);
  }

  private midnight(day: number): number {
    return this.clock.fromLocal(day * DAY);
  }

  /** Registration day: two weeks before data entry, so every clinical date lies before createdAt. */
  private registrationDay(stream: Stream, i: number): number {
    return this.day(this.layout.base(stream, i)) - 15;
  }

  /** Enrollment date of case or contact i, cheap enough for scans. */
  enrolledAtOf(stream: Stream, i: number): number {
    return this.midnight(this.registrationDay(stream, i));
  }

  /** Enrollment status of case or contact i without building the record. */
  enrollmentStatusOf(stream: 'cases' | 'contacts', i: number): 'ACTIVE' | 'COMPLETED' {
    const completed =
      stream === 'cases' ? (this.layout.caseSlots(i) & 8) !== 0 : this.layout.contactCompleted(i);
    return completed ? 'COMPLETED' : 'ACTIVE';
  }

  facilityIndex(stream: Stream, i: number): number {
    return stream === 'cases'
      ? this.layout.caseFacility(i)
      : stream === 'contacts'
        ? this.layout.contactFacility(i)
        : this.layout.eventFacility(i);
  }

  /** Facility uids in generator order (for scope masks). */
  get facilityUids(): readonly string[] {
    return (this.uids ??= this.facilities.map((f) => f.id));
  }

  private uids?: readonly string[];

  facilityUid(stream: Stream, i: number): string {
    return this.facilities[this.facilityIndex(stream, i)]?.id ?? '';
  }

  trackedEntity(stream: 'cases' | 'contacts', i: number): TrackedEntityRecord {
    const rng = rngFor(this.seed, stream === 'cases' ? KIND.caseTe : KIND.contactTe, i);
    const who = person(rng);
    const createdAt = this.layout.base(stream, i);
    const updatedAt = this.layout.teUpdatedAt(stream, i);
    const regDay = this.registrationDay(stream, i);
    const value = (attribute: string, v: string): AttributeValueRecord => ({
      attribute,
      value: v,
      createdAt,
      updatedAt: createdAt,
      storedBy: 'admin',
    });
    const attributes = [
      value(A.firstName, who.firstName),
      value(A.surname, who.surname),
      value(A.sex, this.codes.code(who.male ? O.male : O.female)),
      value(A.localCaseId, `${stream === 'cases' ? 'C' : 'K'}-${String(i + 1).padStart(6, '0')}`),
      value(A.phone, who.phone),
      value(A.address, `${who.street}, ${this.facilityName(stream, i)}`),
      value(A.country, this.codes.code(O.sierraLeone)),
    ];
    const ageStyle = rng();
    if (ageStyle < 0.8) attributes.push(value(A.age, String(who.age)));
    if (ageStyle > 0.3) {
      const birthDay = regDay - who.age * 365 - intBetween(rng, 0, 364);
      attributes.push(value(A.dateOfBirth, dateText(birthDay)));
    }
    attributes.push(
      stream === 'cases'
        ? value(A.caseId, `COVID19_${String(i + 1).padStart(7, '0')}`)
        : value(A.contactId, `COVID19_CONTACT${String(i + 1).padStart(7, '0')}`),
    );
    const orgUnit = this.facilityUid(stream, i);
    const program = stream === 'cases' ? COVID.cases.program : COVID.contacts.program;
    return {
      trackedEntity: this.layout.uid(stream === 'cases' ? KIND.caseTe : KIND.contactTe, i),
      trackedEntityType: COVID.personType,
      orgUnit,
      createdAt,
      updatedAt,
      createdAtClient: createdAt,
      updatedAtClient: updatedAt,
      inactive: false,
      deleted: false,
      potentialDuplicate: false,
      storedBy: 'admin',
      attributes,
      programOwners: [{ program, orgUnit }],
    };
  }

  private facilityName(stream: Stream, i: number): string {
    const index = stream === 'cases' ? this.layout.caseFacility(i) : this.layout.contactFacility(i);
    return this.facilities[index]?.name ?? '';
  }

  enrollment(stream: 'cases' | 'contacts', i: number): EnrollmentRecord {
    const cases = stream === 'cases';
    const base = this.layout.base(stream, i);
    const enrolledAt = this.enrolledAtOf(stream, i);
    const completed = this.enrollmentStatusOf(stream, i) === 'COMPLETED';
    const createdAt = base + OFFSET.enrollmentCreated;
    const updatedAt = this.layout.enrollmentUpdatedAt(stream, i);
    return {
      enrollment: this.layout.uid(cases ? KIND.caseEnrollment : KIND.contactEnrollment, i),
      program: cases ? COVID.cases.program : COVID.contacts.program,
      trackedEntity: this.layout.uid(cases ? KIND.caseTe : KIND.contactTe, i),
      trackedEntityType: COVID.personType,
      orgUnit: this.facilityUid(stream, i),
      status: completed ? 'COMPLETED' : 'ACTIVE',
      enrolledAt,
      occurredAt: enrolledAt,
      ...(completed ? { completedAt: updatedAt, completedBy: 'admin' } : {}),
      followUp: this.layout.followUp(stream, i),
      deleted: false,
      createdAt,
      updatedAt,
      createdAtClient: createdAt,
      updatedAtClient: updatedAt,
      storedBy: 'admin',
      notes: [],
    };
  }

  /** occurredAt of stage event `slot` of case or contact `i`, without building the event (for searches). */
  stageEventOccurredAt(stream: 'cases' | 'contacts', i: number, slot: number): number {
    const rng = rngFor(this.seed, (stream === 'cases' ? KIND.caseEvent : KIND.contactEvent) + slot, i);
    const regDay = this.registrationDay(stream, i);
    return this.midnight(
      stream === 'cases' ? caseEventDays(rng, slot, regDay).day : followUpDays(rng, slot, regDay).day,
    );
  }

  /** Stage event `slot` of case or contact `i`. */
  stageEvent(stream: 'cases' | 'contacts', i: number, slot: number): EventRecord {
    const cases = stream === 'cases';
    const kind = (cases ? KIND.caseEvent : KIND.contactEvent) + slot;
    const rng = rngFor(this.seed, kind, i);
    const regDay = this.registrationDay(stream, i);
    const createdAt = this.layout.eventCreatedAt(stream, i, slot);
    const updatedAt = this.layout.eventUpdatedAt(stream, i, slot);
    let occurredDay = regDay;
    let values: Array<[string, string]>;
    if (cases)
      [occurredDay, values] = caseEventValues(rng, slot, regDay, this.codes, this.layout.labResult(i));
    else [occurredDay, values] = followUpValues(rng, slot, regDay, this.codes);
    const occurredAt = this.midnight(occurredDay);
    const completed = this.layout.eventCompleted(kind, i);
    return {
      event: this.layout.uid(kind, i),
      program: cases ? COVID.cases.program : COVID.contacts.program,
      programStage: this.stageOf(stream, slot),
      enrollment: this.layout.uid(cases ? KIND.caseEnrollment : KIND.contactEnrollment, i),
      trackedEntity: this.layout.uid(cases ? KIND.caseTe : KIND.contactTe, i),
      orgUnit: this.facilityUid(stream, i),
      status: completed ? 'COMPLETED' : 'ACTIVE',
      occurredAt,
      scheduledAt: occurredAt,
      ...(completed ? { completedAt: updatedAt, completedBy: 'admin' } : {}),
      followUp: false,
      deleted: false,
      createdAt,
      updatedAt,
      createdAtClient: createdAt,
      updatedAtClient: updatedAt,
      storedBy: 'admin',
      attributeOptionCombo: COVID.defaultAttributeOptionCombo,
      attributeCategoryOptions: COVID.defaultCategoryOption,
      dataValues: this.dataValues(values, createdAt, updatedAt),
      notes: [],
    };
  }

  private dataValues(
    values: Array<[string, string]>,
    createdAt: number,
    updatedAt: number,
  ): DataValueRecord[] {
    return values
      .filter(([de]) => this.codes.hasDataElement(de))
      .map(([dataElement, value]) => ({
        dataElement,
        value,
        providedElsewhere: false,
        createdAt,
        updatedAt,
        storedBy: 'admin',
      }));
  }

  programEvent(k: number): EventRecord {
    const rng = rngFor(this.seed, KIND.programEvent, k);
    const who = person(rng);
    const createdAt = this.layout.base('events', k);
    const updatedAt = this.layout.programEventUpdatedAt(k);
    const [day, values] = programEventValues(rng, k, who, this.day(createdAt), this.codes);
    const completed = this.layout.eventCompleted(KIND.programEvent, k);
    const occurredAt = this.midnight(day);
    return {
      event: this.layout.uid(KIND.programEvent, k),
      program: COVID.eventProgram.program,
      programStage: COVID.eventProgram.stage,
      enrollment: this.layout.uid(KIND.placeholderEnrollment, 0),
      orgUnit: this.facilityUid('events', k),
      status: completed ? 'COMPLETED' : 'ACTIVE',
      occurredAt,
      ...(completed ? { completedAt: updatedAt, completedBy: 'admin' } : {}),
      followUp: false,
      deleted: false,
      createdAt,
      updatedAt,
      createdAtClient: createdAt,
      updatedAtClient: updatedAt,
      storedBy: 'admin',
      attributeOptionCombo: COVID.defaultAttributeOptionCombo,
      attributeCategoryOptions: COVID.defaultCategoryOption,
      dataValues: this.dataValues(values, createdAt, updatedAt),
      notes: [],
    };
  }

  /** The relationship of contact j with its case, written in either direction. */
  relationship(j: number): RelationshipRecord {
    const caseSide = { trackedEntity: this.layout.uid(KIND.caseTe, this.layout.caseOfContact(j)) };
    const contactSide = { trackedEntity: this.layout.uid(KIND.contactTe, j) };
    const createdAt = this.layout.base('contacts', j) + OFFSET.relationship;
    const caseFirst = this.layout.caseIsFrom(j);
    return {
      relationship: this.layout.uid(KIND.relationship, j),
      relationshipType: COVID.contactRelationshipType,
      from: caseFirst ? caseSide : contactSide,
      to: caseFirst ? contactSide : caseSide,
      createdAt,
      updatedAt: createdAt,
      createdAtClient: createdAt,
      deleted: false,
    };
  }

  /** The program stage of a slot. */
  stageOf(stream: 'cases' | 'contacts', slot: number): string {
    return stream === 'cases' ? (CASE_STAGES[slot] ?? '') : COVID.contacts.followUpStage;
  }

  /** Slots (stage indexes) present for record i of a stream. */
  slots(stream: 'cases' | 'contacts', i: number): number[] {
    const mask = stream === 'cases' ? this.layout.caseSlots(i) : this.layout.contactSlots(i);
    return Array.from({ length: CASE_SLOTS }, (_, s) => s).filter((s) => mask & (1 << s));
  }
}
