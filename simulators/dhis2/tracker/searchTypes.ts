import type { EnrollmentStatus, EventStatus } from './records.js';
import type { OrderSpec } from './scan.js';
import type { OrgUnitScope } from './scope.js';
import type { TeEventFilter } from './teEventFilter.js';

/** Normalised searches: what each version's parameters mean once parsed (see params*.ts). */
export interface ValueFilter {
  /** Attribute or data element uid. */
  uid: string;
  /** Upper-case operator: EQ, NE, LIKE, SW, EW, GT, GE, LT, LE, IN, NULL, NNULL, IEQ, NLIKE, … */
  operator: string;
  value: string;
}

export interface Window {
  after?: number;
  before?: number;
}

export interface Paging {
  /** undefined = paging off. */
  page?: number;
  pageSize?: number;
  totalPages: boolean;
}

export interface TeSearch {
  program?: string;
  trackedEntityType?: string;
  trackedEntities?: string[];
  scope: OrgUnitScope;
  updated: Window;
  enrollmentStatus?: EnrollmentStatus;
  followUp?: boolean;
  enrolled: Window;
  enrollmentOccurred: Window;
  /** Only when it applies: with `program` and `eventStatus` (see teEventFilter.ts). */
  eventFilter?: TeEventFilter;
  filters: ValueFilter[];
  includeDeleted: boolean;
  order: OrderSpec[];
}

export interface EnrollmentSearch {
  program?: string;
  trackedEntityType?: string;
  trackedEntity?: string;
  enrollments?: string[];
  scope: OrgUnitScope;
  status?: EnrollmentStatus;
  followUp?: boolean;
  updated: Window;
  enrolled: Window;
  includeDeleted: boolean;
  order: OrderSpec[];
}

export interface EventSearch {
  program?: string;
  programStage?: string;
  trackedEntity?: string;
  enrollments?: string[];
  events?: string[];
  scope: OrgUnitScope;
  status?: EventStatus;
  enrollmentStatus?: EnrollmentStatus;
  followUp?: boolean;
  occurred: Window;
  scheduled: Window;
  updated: Window;
  filters: ValueFilter[];
  includeDeleted: boolean;
  order: OrderSpec[];
}

export function inWindow(value: number | undefined, window: Window): boolean {
  if (window.after === undefined && window.before === undefined) return true;
  if (value === undefined) return false;
  return (
    (window.after === undefined || value >= window.after) &&
    (window.before === undefined || value <= window.before)
  );
}

function compareText(actual: string, expected: string): number {
  const a = Number(actual);
  const b = Number(expected);
  if (actual.trim() !== '' && expected.trim() !== '' && !Number.isNaN(a) && !Number.isNaN(b)) return a - b;
  return actual < expected ? -1 : actual > expected ? 1 : 0;
}

/** Attribute / data-value filters, case-insensitive for text as the tracker search is. */
export function matchesValueFilter(actual: string | undefined, filter: ValueFilter): boolean {
  const op = filter.operator;
  if (op === 'NULL') return actual === undefined || actual === '';
  if (op === 'NNULL' || op === '!NULL') return actual !== undefined && actual !== '';
  if (actual === undefined)
    return op === 'NE' || op === 'NEQ' || op === 'NIEQ' || op === 'NLIKE' || op === 'NILIKE';
  const a = actual.toLowerCase();
  const v = filter.value.toLowerCase();
  switch (op) {
    case 'EQ':
    case 'IEQ':
      return a === v;
    case 'NE':
    case 'NEQ':
    case 'NIEQ':
      return a !== v;
    case 'LIKE':
    case 'ILIKE':
      return a.includes(v);
    case 'NLIKE':
    case 'NILIKE':
      return !a.includes(v);
    case 'SW':
      return a.startsWith(v);
    case 'EW':
      return a.endsWith(v);
    case 'IN':
      return v.split(';').includes(a);
    case 'GT':
      return compareText(actual, filter.value) > 0;
    case 'GE':
      return compareText(actual, filter.value) >= 0;
    case 'LT':
      return compareText(actual, filter.value) < 0;
    case 'LE':
      return compareText(actual, filter.value) <= 0;
    default:
      return false;
  }
}
