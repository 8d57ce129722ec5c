import { HASH_START, mix32 } from '../../common/rng.js';
import type { GeneratorSpec } from '../dataset/types.js';
import { UidCodec } from './uids.js';

/**
 * The skeleton of the generated COVID-19 records: how many there are, which facility each belongs to, which
 * stage events exist, and their timestamps — all pure functions of (seed, index), cheap enough to scan 200 000
 * records per request. Full records (names, data values) are built only for the rows a response returns
 * (see generatedRecords.ts).
 *
 * Timeline: each stream spreads its records evenly over the same window ending at `endMs`, at least 60 s
 * apart, and everything belonging to one record (enrollment, events, relationship) is stamped within 10 s of
 * it, so createdAt and updatedAt grow with the index in every stream — which makes `order=updatedAt` and
 * `updatedAfter` walks lazy.
 */
export const KIND = {
  caseTe: 0,
  contactTe: 1,
  caseEnrollment: 2,
  contactEnrollment: 3,
  /** + slot (0 clinical, 1 lab request, 2 lab result, 3 outcome). */
  caseEvent: 4,
  /** + slot (0, 1: follow-up visits). */
  contactEvent: 8,
  programEvent: 10,
  relationship: 11,
  placeholderEnrollment: 12,
} as const;

export const CASE_SLOTS = 4;
export const CONTACT_SLOTS = 2;

const DAY = 86_400_000;
const MIN_STEP = 60_000;
const YEAR = 365 * DAY;

/** Offsets (ms) from a record's base time. */
export const OFFSET = {
  enrollmentCreated: 1_000,
  enrollmentUpdated: 8_000,
  eventCreated: 2_000,
  eventPerSlot: 1_000,
  teUpdated: 9_000,
  relationship: 1_500,
} as const;

export type Stream = 'cases' | 'contacts' | 'events';

export type LabResult = 'positive' | 'negative' | 'inconclusive' | 'unknown';

export class GeneratorLayout {
  readonly cases: number;
  readonly contacts: number;
  readonly events: number;
  readonly start: number;
  readonly span: number;
  readonly codec: UidCodec;
  private readonly seedHash: number;

  constructor(
    readonly spec: GeneratorSpec,
    readonly facilityCount: number,
  ) {
    this.cases = spec.cases;
    this.contacts = spec.contacts;
    this.events = spec.events;
    if (facilityCount === 0 && spec.cases + spec.contacts + spec.events > 0) {
      throw new Error(
        'The dataset has no level-4 organisation units (facilities) to place generated records in',
      );
    }
    this.span = Math.max(YEAR, Math.max(spec.cases, spec.contacts, spec.events) * MIN_STEP);
    this.start = spec.endMs - this.span - DAY;
    this.codec = new UidCodec(spec.seed);
    this.seedHash = mix32(HASH_START, spec.seed);
  }

  /** hashInts(seed, key, i) without the argument array: this runs for every record a scan passes. */
  private h(key: number, i: number): number {
    return mix32(mix32(this.seedHash, key), i);
  }

  private h3(key: number, a: number, i: number): number {
    return mix32(mix32(mix32(this.seedHash, key), a), i);
  }

  count(stream: Stream): number {
    return stream === 'cases' ? this.cases : stream === 'contacts' ? this.contacts : this.events;
  }

  /** Base time of record `i` of a stream: evenly spread, ≥ 60 s apart, strictly increasing, with real-looking ms. */
  base(stream: Stream, i: number): number {
    return this.start + Math.floor((i * this.span) / Math.max(1, this.count(stream))) + (this.h(15, i) % 997);
  }

  /** Highest index whose base time is ≤ t (−1 if none): where a time-bounded scan can start or stop. */
  lastIndexAtOrBefore(stream: Stream, t: number): number {
    const n = this.count(stream);
    let lo = 0;
    let hi = n - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (this.base(stream, mid) <= t) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found;
  }

  /**
   * The result on case i's lab-result event (data element ovY6E8BSdto), or undefined when it has none. A layout
   * fact rather than an event value so contacts can be matched to cases without building events. Case 0 never
   * tests negative: every contact always has a case to belong to.
   */
  labResult(i: number): LabResult | undefined {
    if (!(this.caseSlots(i) & 4)) return undefined;
    const r = this.h(16, i) % 100;
    if (r < 55) return 'positive';
    if (r < 90) return i === 0 ? 'positive' : 'negative';
    return r < 95 ? 'inconclusive' : 'unknown';
  }

  /** A case that tested negative is discarded (WHO), and nobody traces the contacts of a discarded case. */
  testedNegative(i: number): boolean {
    return this.labResult(i) === 'negative';
  }

  /** First contact whose nominal case (contacts spread evenly over the cases) is case i or later. */
  private firstContactFrom(i: number): number {
    return Math.ceil((i * this.contacts) / this.cases);
  }

  /**
   * The case of contact j: its nominal case, or the nearest earlier case not tested negative. Walking back keeps
   * every case's contacts one contiguous index range (see contactsOfCase) and a case created before its
   * contacts; runs of negatives are short (about a quarter of the cases test negative), so this is O(1).
   */
  caseOfContact(j: number): number {
    let i = Math.floor((j * this.cases) / this.contacts);
    while (i > 0 && this.testedNegative(i)) i--;
    return i;
  }

  /** Contacts of case i: the half-open index range [first, end); empty for a case tested negative. */
  contactsOfCase(i: number): [number, number] {
    if (this.contacts === 0 || this.testedNegative(i)) return [0, 0];
    let next = i + 1;
    while (next < this.cases && this.testedNegative(next)) next++;
    return [this.firstContactFrom(i), this.firstContactFrom(next)];
  }

  caseFacility(i: number): number {
    return this.h(1, i) % this.facilityCount;
  }

  contactFacility(j: number): number {
    return this.h(2, j) % 100 < 70
      ? this.caseFacility(this.caseOfContact(j))
      : this.h(3, j) % this.facilityCount;
  }

  eventFacility(k: number): number {
    return this.h(4, k) % this.facilityCount;
  }

  /** Which stage events a case has: clinical always, lab request 90 %, result 85 % of those, outcome 45 % of results. */
  caseSlots(i: number): number {
    const h = this.h(5, i);
    let mask = 1;
    if (h % 100 < 90) mask |= 2;
    if (mask & 2 && (h >>> 8) % 100 < 85) mask |= 4;
    if (mask & 4 && (h >>> 16) % 100 < 45) mask |= 8;
    return mask;
  }

  contactSlots(j: number): number {
    return this.h(6, j) % 2 === 0 ? 3 : 1;
  }

  /** A relationship is written case → contact for 70 % of contacts, contact → case otherwise. */
  caseIsFrom(j: number): boolean {
    return this.h(7, j) % 100 < 70;
  }

  followUp(stream: Stream, i: number): boolean {
    return this.h3(8, stream === 'cases' ? 0 : 1, i) % 100 < 5;
  }

  contactCompleted(j: number): boolean {
    return this.h(9, j) % 100 < 30;
  }

  eventCompleted(kind: number, i: number): boolean {
    return this.h3(10, kind, i) % 100 < 85;
  }

  teUpdatedAt(stream: Stream, i: number): number {
    return this.base(stream, i) + OFFSET.teUpdated + (this.h(11, i) % 1_000);
  }

  enrollmentUpdatedAt(stream: Stream, i: number): number {
    return this.base(stream, i) + OFFSET.enrollmentUpdated + (this.h(12, i) % 500);
  }

  eventCreatedAt(stream: 'cases' | 'contacts', i: number, slot: number): number {
    return this.base(stream, i) + OFFSET.eventCreated + slot * OFFSET.eventPerSlot;
  }

  eventUpdatedAt(stream: 'cases' | 'contacts', i: number, slot: number): number {
    return this.eventCreatedAt(stream, i, slot) + (this.h3(13, slot, i) % 999);
  }

  programEventUpdatedAt(k: number): number {
    return this.base('events', k) + (this.h(14, k) % 5_000);
  }

  uid(kind: number, index: number): string {
    return this.codec.encode(kind, index);
  }

  /** (kind, index) of a generated record that exists in this dataset; undefined for any other uid. */
  decode(uid: string): { kind: number; index: number } | undefined {
    const hit = this.codec.decode(uid);
    if (!hit) return undefined;
    const { kind, index } = hit;
    if (kind === KIND.caseTe || kind === KIND.caseEnrollment) return index < this.cases ? hit : undefined;
    if (kind === KIND.contactTe || kind === KIND.contactEnrollment || kind === KIND.relationship)
      return index < this.contacts ? hit : undefined;
    if (kind >= KIND.caseEvent && kind < KIND.caseEvent + CASE_SLOTS) {
      return index < this.cases && this.caseSlots(index) & (1 << (kind - KIND.caseEvent)) ? hit : undefined;
    }
    if (kind >= KIND.contactEvent && kind < KIND.contactEvent + CONTACT_SLOTS) {
      return index < this.contacts && this.contactSlots(index) & (1 << (kind - KIND.contactEvent))
        ? hit
        : undefined;
    }
    if (kind === KIND.programEvent) return index < this.events ? hit : undefined;
    if (kind === KIND.placeholderEnrollment) return index === 0 ? hit : undefined;
    return undefined;
  }
}
