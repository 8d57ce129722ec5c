import type { MappingConfig, OutbreakGroup, RecordMappingKind } from '../../../shared/mapping.js';
import type { AppErrorShape } from '../../../shared/result.js';
import type { MappingProblem } from '../../../shared/views.js';
import { LIST_TEXT } from './target-fields.js';

/** The words the editor's inputs use, by the last key of a config path. */
const LABELS: Readonly<Record<string, string>> = {
  key: 'group key',
  name: 'outbreak name',
  disease: 'disease',
  countries: 'countries',
  startDate: 'start date',
  endDate: 'end date',
  periodOfFollowup: 'follow-up period',
  frequencyOfFollowUp: 'follow-up frequency',
  frequencyOfFollowUpPerDay: 'follow-ups per day',
  longPeriodsBetweenCaseOnset: 'long period between case onsets',
  noDaysAmongContacts: 'days for new contacts among known contacts',
  noDaysInChains: 'days for new cases in known chains',
  noDaysNotSeen: 'days a contact may go unseen',
  noLessContacts: 'number of contacts',
  caseIdMask: 'case id mask',
  contactIdMask: 'contact id mask',
  eventIdMask: 'event id mask',
  casePrograms: 'case programs',
  contactPrograms: 'contact programs',
  eventPrograms: 'event programs',
  contactRelationshipType: 'contact relationship type',
  target: 'Go.Data field',
  source: 'source',
  orgUnits: 'org units',
  roots: 'root org units',
};

/** `outbreaks[0].outbreak.name` → `['outbreaks', 0, 'outbreak', 'name']`. */
export function pathSegments(path: string): (string | number)[] {
  return path
    .split(/\.|\[(\d+)\]/)
    .filter((part): part is string => part !== undefined && part !== '')
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

function valueAt(config: unknown, segments: readonly (string | number)[]): unknown {
  let value: unknown = config;
  for (const segment of segments) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[segment];
  }
  return value;
}

const isEmpty = (value: unknown) =>
  value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/**
 * One problem in the words of the form: "Enter the outbreak name" instead of zod's "Too small: expected string to
 * have >=1 characters". Messages written for people (the schema's own) are kept, after the field's name.
 */
export function plainMessage(path: string, message: string, config?: unknown): string {
  const segments = pathSegments(path);
  const last = segments.findLast((s): s is string => typeof s === 'string');
  const label = (last && LABELS[last]) ?? 'value';
  if (config !== undefined && isEmpty(valueAt(config, segments))) return `Enter the ${label}`;
  const atLeast = /^Too small: expected (\w+) to (?:have|be) >=?(\d+)/.exec(message);
  if (atLeast) {
    const [, origin, min] = atLeast;
    if (origin === 'string' && min === '1') return `Enter the ${label}`;
    if (origin === 'array') return `Choose at least ${min} ${label}`;
    return `The ${label} must be at least ${min}`;
  }
  const atMost = /^Too big: expected (\w+) to (?:have|be) <=?(\d+)/.exec(message);
  if (atMost) return `The ${label} must be at most ${atMost[2]}`;
  if (/^Invalid input: expected \w+, received undefined/.test(message)) return `Enter the ${label}`;
  if (/^Invalid (input|option|string)/.test(message)) return `Check the ${label}`;
  return `${label.charAt(0).toUpperCase()}${label.slice(1)}: ${message}`;
}

/** A group's name for headings and buttons; a group whose name was emptied still needs a label. */
export function groupTitle(group: Pick<OutbreakGroup, 'outbreak'>): string {
  return group.outbreak.name.trim() || 'Unnamed group';
}

/** Where in the editor a path lies, in the editor's own words ("Outbreak group “COVID-19” › Cases row 3"). */
export function placeOf(path: string, config: MappingConfig | undefined): string {
  const [top, index, list, row] = pathSegments(path);
  if (top === 'scope') return 'Locations & scope';
  if (top === 'locations') return 'Locations & scope';
  if (top !== 'outbreaks' || typeof index !== 'number') return 'Mapping';
  const group = config?.outbreaks[index];
  const name = group ? groupTitle(group) : `number ${index + 1}`;
  const place = `Outbreak group “${name}”`;
  if (typeof list === 'string' && list in LIST_TEXT && typeof row === 'number') {
    const target = group?.[list as RecordMappingKind][row]?.target;
    return `${place} › ${LIST_TEXT[list as RecordMappingKind].title}${target ? ` field ${target}` : ` row ${row + 1}`}`;
  }
  return place;
}

/** Main's refusal of a saved draft, as problems the inputs can show (like the saved mapping's own problems). */
export function saveProblems(error: AppErrorShape | undefined, config: unknown): MappingProblem[] {
  return Object.entries(error?.fields ?? {}).map(([path, message]) => ({
    path,
    message: plainMessage(path, message, config),
    severity: 'error',
  }));
}
