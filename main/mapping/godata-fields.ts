/**
 * The Go.Data fields the bridge may write, per record kind, with the type each must have
 * (see godata-api.md §5–§12). Reference-data fields name their token category.
 */

export type FieldRule =
  | { type: 'string' | 'boolean' | 'number' | 'date' | 'age' | 'geo' | 'mask' | 'object' | 'array' }
  | { type: 'stringList' | 'address' | 'addresses' | 'documents' | 'persons' | 'nullableString' }
  | { type: 'token'; category: string }
  | { type: 'tokenIds'; category: string }
  | { type: 'count'; min: number };

export type GoDataKind = 'case' | 'contact' | 'event' | 'relationship' | 'outbreak' | 'location';

const S = { type: 'string' } as const;
const B = { type: 'boolean' } as const;
const D = { type: 'date' } as const;
const O = { type: 'object' } as const;
const A = { type: 'array' } as const;
const token = (category: string): FieldRule => ({ type: 'token', category });
const count = (min: number): FieldRule => ({ type: 'count', min });

/** Fields any record may carry (the id is the bridge's; Go.Data drops read-only bookkeeping fields it gets). */
const BOOKKEEPING: Record<string, FieldRule> = { id: S, deleted: B };

const PERSON: Record<string, FieldRule> = {
  ...BOOKKEEPING,
  visualId: S,
  firstName: S,
  middleName: S,
  lastName: S,
  gender: token('GENDER'),
  occupation: token('OCCUPATION'),
  dob: D,
  age: { type: 'age' },
  addresses: { type: 'addresses' },
  documents: { type: 'documents' },
  dateOfReporting: D,
  isDateOfReportingApproximate: B,
  dateOfLastContact: D,
  responsibleUserId: S,
  pregnancyStatus: token('PREGNANCY_STATUS'),
  riskLevel: token('RISK_LEVEL'),
  riskReason: S,
  outcomeId: token('OUTCOME'),
  dateOfOutcome: D,
  dateOfBurial: D,
  safeBurial: B,
  transferRefused: B,
  vaccinesReceived: A,
  questionnaireAnswers: O,
};

export const FIELD_RULES: Record<GoDataKind, Record<string, FieldRule>> = {
  case: {
    ...PERSON,
    classification: token('CASE_CLASSIFICATION'),
    dateOfOnset: D,
    isDateOfOnsetApproximate: B,
    dateBecomeCase: D,
    dateOfInfection: D,
    deathLocationId: S,
    burialLocationId: S,
    burialPlaceName: S,
    investigationStatus: token('INVESTIGATION_STATUS'),
    dateInvestigationCompleted: D,
    dateRanges: A,
    wasContact: B,
    questionnaireAnswersContact: O,
  },
  contact: { ...PERSON, dateBecomeContact: D, followUpTeamId: S, wasCase: B, questionnaireAnswersCase: O },
  event: {
    ...BOOKKEEPING,
    visualId: S,
    name: S,
    date: D,
    dateApproximate: B,
    endDate: D,
    eventCategory: token('EVENT_CATEGORY'),
    description: S,
    address: { type: 'address' },
    dateOfReporting: D,
    isDateOfReportingApproximate: B,
    responsibleUserId: S,
    questionnaireAnswers: O,
  },
  relationship: {
    ...BOOKKEEPING,
    persons: { type: 'persons' },
    contactDate: D,
    contactDateEstimated: B,
    certaintyLevelId: token('CERTAINTY_LEVEL'),
    exposureTypeId: token('EXPOSURE_TYPE'),
    exposureFrequencyId: token('EXPOSURE_FREQUENCY'),
    exposureDurationId: token('EXPOSURE_DURATION'),
    socialRelationshipTypeId: token('CONTEXT_OF_TRANSMISSION'),
    socialRelationshipDetail: S,
    comment: S,
    clusterId: S,
    dateOfFirstContact: D,
  },
  outbreak: {
    ...BOOKKEEPING,
    name: S,
    description: S,
    disease: token('DISEASE'),
    countries: { type: 'tokenIds', category: 'COUNTRY' },
    locationIds: { type: 'stringList' },
    startDate: D,
    endDate: D,
    periodOfFollowup: count(1),
    frequencyOfFollowUp: count(1),
    frequencyOfFollowUpPerDay: count(1),
    longPeriodsBetweenCaseOnset: count(0),
    noDaysAmongContacts: count(0),
    noDaysInChains: count(0),
    noDaysNotSeen: count(0),
    noLessContacts: count(0),
    noDaysNewContacts: count(0),
    caseIdMask: { type: 'mask' },
    contactIdMask: { type: 'mask' },
    eventIdMask: { type: 'mask' },
    contactOfContactIdMask: { type: 'mask' },
    reportingGeographicalLevelId: token('LOCATION_GEOGRAPHICAL_LEVEL'),
  },
  location: {
    ...BOOKKEEPING,
    name: S,
    parentLocationId: { type: 'nullableString' },
    geographicalLevelId: token('LOCATION_GEOGRAPHICAL_LEVEL'),
    geoLocation: { type: 'geo' },
    identifiers: A,
    synonyms: { type: 'stringList' },
    active: B,
    populationDensity: { type: 'number' },
    updatedAt: D,
  },
};

export const ADDRESS_RULES: Record<string, FieldRule> = {
  typeId: token('ADDRESS_TYPE'),
  country: S,
  city: S,
  addressLine1: S,
  addressLine2: S,
  postalCode: S,
  locationId: S,
  geoLocation: { type: 'geo' },
  geoLocationAccurate: B,
  date: D,
  phoneNumber: S,
  emailAddress: S,
};

export type GoDataRules = '2.48' | '2.50';

const OUTBREAK_REQUIRED = [
  'name',
  'startDate',
  'periodOfFollowup',
  'frequencyOfFollowUpPerDay',
  'longPeriodsBetweenCaseOnset',
  'noDaysAmongContacts',
  'noDaysInChains',
  'noDaysNotSeen',
  'noLessContacts',
];

/** Fields the server refuses to do without. Up to 2.48.0 (June 2023) many more were required (§17). */
export const REQUIRED: Record<GoDataRules, Record<GoDataKind, string[]>> = {
  '2.48': {
    case: ['firstName', 'classification', 'dateOfReporting'],
    contact: ['firstName', 'dateOfReporting'],
    event: ['name', 'dateOfReporting'],
    relationship: ['contactDate', 'contactDateEstimated', 'certaintyLevelId'],
    outbreak: OUTBREAK_REQUIRED,
    location: ['name'],
  },
  '2.50': {
    case: [],
    contact: [],
    event: [],
    relationship: [],
    outbreak: OUTBREAK_REQUIRED,
    location: ['name'],
  },
};

/** The minimum a useful record carries even where the server no longer insists (§8.2). */
export const RECOMMENDED: Record<GoDataKind, string[]> = {
  case: ['firstName', 'classification', 'dateOfReporting'],
  contact: ['firstName', 'dateOfReporting'],
  event: ['name', 'date', 'dateOfReporting'],
  relationship: ['contactDate'],
  outbreak: [],
  location: [],
};

/** Address `locationId` is required by the strict rules only. */
export function addressLocationRequired(version: GoDataRules): boolean {
  return version === '2.48';
}

/**
 * Server version string → rule set: 2.48.x and older get the strict rules (safe for every 2.48 build), and so
 * does a version that cannot be read.
 */
export function goDataRulesFor(serverVersion: string): GoDataRules {
  const [major, minor] = serverVersion.split('.').map((n) => Number.parseInt(n, 10));
  if (major === undefined || minor === undefined || Number.isNaN(major) || Number.isNaN(minor)) return '2.48';
  return major < 2 || (major === 2 && minor <= 48) ? '2.48' : '2.50';
}
