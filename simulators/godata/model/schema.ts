/**
 * The Go.Data model properties the simulator coerces, defaults, validates and describes (model-definition).
 * Transcribed from common/models/*.json and server/models/*.json of GoDataSource-API 2.50.3 (and 1f2b8748 for
 * the 2.48 required fields).
 */

export type ScalarType = 'string' | 'number' | 'boolean' | 'date' | 'object' | 'any';

export interface FieldSpec {
  /** A scalar, a sub-model name, or a one-element array of either. */
  type: string | [string];
  default?: unknown;
  readOnly?: boolean;
  /** 'always', or only on servers up to 2.48 ('2.48'). */
  required?: 'always' | '2.48';
}

export type ModelSpec = Record<string, FieldSpec>;

const S: FieldSpec = { type: 'string' };
const D: FieldSpec = { type: 'date' };
const N: FieldSpec = { type: 'number' };
const B: FieldSpec = { type: 'boolean' };
const O: FieldSpec = { type: 'object' };
const FALSE: FieldSpec = { type: 'boolean', default: false };

/** Mixins of extendedPersistedModel: id, author/platform stamps, soft delete. */
const BOOKKEEPING: ModelSpec = {
  createdAt: { type: 'date', readOnly: true },
  createdBy: { type: 'string', readOnly: true },
  updatedAt: { type: 'date', readOnly: true },
  updatedBy: { type: 'string', readOnly: true },
  dbUpdatedAt: { type: 'date', readOnly: true },
  createdOn: { type: 'string', readOnly: true },
  deleted: { type: 'boolean', readOnly: true, default: false },
  deletedAt: { type: 'date', readOnly: true },
};

export const SUB_MODELS: Record<string, ModelSpec> = {
  customGeoPoint: { lat: N, lng: N },
  geopoint: { lat: N, lng: N },
  address: {
    typeId: {
      type: 'string',
      required: 'always',
      default: 'LNG_REFERENCE_DATA_CATEGORY_ADDRESS_TYPE_USUAL_PLACE_OF_RESIDENCE',
    },
    country: S,
    city: S,
    addressLine1: S,
    postalCode: S,
    locationId: { type: 'string', required: '2.48' },
    geoLocation: { type: 'customGeoPoint' },
    geoLocationAccurate: FALSE,
    date: D,
    phoneNumber: S,
    emailAddress: S,
  },
  document: { type: S, number: S },
  age: { years: N, months: N },
  dateRangeWithDetails: { typeId: S, startDate: D, endDate: D, centerName: S, locationId: S, comments: S },
  vaccine: { vaccine: S, date: D, status: S },
  classificationHistoryItem: { classification: S, startDate: D, endDate: D },
  followUpHistoryItem: { status: S, startDate: D, endDate: D },
  followUp: {
    originalStartDate: D,
    startDate: D,
    endDate: D,
    status: S,
    generateFollowUpsDateOfLastContact: B,
    generateFollowUpsDateOfOnset: B,
  },
  personRelationshipRepresentation: {
    id: S,
    active: B,
    otherParticipantType: S,
    otherParticipantId: S,
    target: B,
    source: B,
  },
  relationshipParticipant: { id: S, type: S, target: B, source: B },
  identifier: { code: S, description: S },
  country: { id: S },
};

const PERSON: ModelSpec = {
  id: S,
  type: { type: 'string', readOnly: true },
  outbreakId: { type: 'string', readOnly: true, required: 'always' },
  visualId: S,
  firstName: S,
  middleName: S,
  lastName: S,
  name: S,
  description: S,
  dob: D,
  age: { type: 'age' },
  gender: S,
  occupation: S,
  documents: { type: ['document'] },
  addresses: { type: ['address'] },
  dateOfReporting: { type: 'date', required: '2.48' },
  isDateOfReportingApproximate: FALSE,
  dateOfLastContact: D,
  dateOfInfection: D,
  dateOfOnset: D,
  dateBecomeCase: D,
  dateRanges: { type: ['dateRangeWithDetails'] },
  classificationHistory: { type: ['classificationHistoryItem'], readOnly: true },
  followUpHistory: { type: ['followUpHistoryItem'], readOnly: true },
  dateOfOutcome: D,
  deathLocationId: S,
  dateOfBurial: D,
  dateBecomeContact: D,
  dateBecomeContactOfContact: D,
  followUp: { type: 'followUp' },
  followUpTeamId: S,
  date: D,
  deletedByParent: S,
  vaccinesReceived: { type: ['vaccine'] },
  pregnancyStatus: S,
  hasRelationships: FALSE,
  relationshipsRepresentation: { type: ['personRelationshipRepresentation'] },
  numberOfExposures: { type: 'number', default: 0 },
  numberOfContacts: { type: 'number', default: 0 },
  notDuplicatesIds: { type: ['string'] },
  mergedDuplicatesIds: { type: ['string'] },
  usualPlaceOfResidenceLocationId: S,
  duplicateKeys: O,
  responsibleUserId: S,
};

const CASE: ModelSpec = {
  ...PERSON,
  type: {
    type: 'string',
    readOnly: true,
    required: 'always',
    default: 'LNG_REFERENCE_DATA_CATEGORY_PERSON_TYPE_CASE',
  },
  firstName: { type: 'string', required: '2.48' },
  isDateOfOnsetApproximate: B,
  wasContact: FALSE,
  wasContactOfContact: FALSE,
  outcomeId: S,
  transferRefused: FALSE,
  safeBurial: FALSE,
  burialPlaceName: S,
  burialLocationId: S,
  classification: { type: 'string', required: '2.48' },
  investigationStatus: S,
  dateInvestigationCompleted: D,
  riskLevel: S,
  riskReason: S,
  questionnaireAnswers: O,
  questionnaireAnswersContact: O,
};

const CONTACT: ModelSpec = {
  ...PERSON,
  type: {
    type: 'string',
    readOnly: true,
    required: 'always',
    default: 'LNG_REFERENCE_DATA_CATEGORY_PERSON_TYPE_CONTACT',
  },
  firstName: { type: 'string', required: '2.48' },
  riskLevel: S,
  riskReason: S,
  outcomeId: S,
  transferRefused: FALSE,
  safeBurial: FALSE,
  wasCase: FALSE,
  wasContactOfContact: FALSE,
  active: { type: 'boolean', default: true },
  questionnaireAnswers: O,
  questionnaireAnswersCase: O,
};

const EVENT: ModelSpec = {
  ...PERSON,
  type: {
    type: 'string',
    readOnly: true,
    required: 'always',
    default: 'LNG_REFERENCE_DATA_CATEGORY_PERSON_TYPE_EVENT',
  },
  name: { type: 'string', required: '2.48' },
  dateApproximate: B,
  eventCategory: S,
  endDate: D,
  address: { type: 'address' },
  questionnaireAnswers: O,
};

const RELATIONSHIP: ModelSpec = {
  id: { type: 'string', readOnly: true },
  outbreakId: { type: 'string', readOnly: true, required: 'always' },
  persons: { type: ['relationshipParticipant'], required: 'always' },
  contactDate: { type: 'date', required: '2.48' },
  contactDateEstimated: { type: 'boolean', default: false, required: '2.48' },
  certaintyLevelId: { type: 'string', required: '2.48' },
  exposureTypeId: S,
  exposureFrequencyId: S,
  exposureDurationId: S,
  socialRelationshipTypeId: S,
  socialRelationshipDetail: S,
  clusterId: S,
  comment: S,
  active: { type: 'boolean', default: true },
  deletedByParent: S,
  dateOfFirstContact: D,
};

const LOCATION: ModelSpec = {
  id: { type: 'string', readOnly: true },
  name: { type: 'string', required: 'always' },
  synonyms: { type: ['string'] },
  identifiers: { type: ['identifier'] },
  active: { type: 'boolean', required: 'always', default: true },
  populationDensity: N,
  parentLocationId: { type: 'string', default: null },
  geoLocation: { type: 'geopoint' },
  geographicalLevelId: S,
};

const ALGORITHM =
  'LNG_REFERENCE_DATA_CATEGORY_FOLLOWUP_GENERATION_TEAM_ASSIGNMENT_ALGORITHM_ROUND_ROBIN_ALL_TEAMS';
const REQUIRED_NUMBER: FieldSpec = { type: 'number', required: 'always' };
const MASK = (value: string): FieldSpec => ({ type: 'string', required: 'always', default: value });

const OUTBREAK: ModelSpec = {
  id: { type: 'string', readOnly: true },
  name: { type: 'string', required: 'always' },
  description: S,
  disease: S,
  countries: { type: ['country'] },
  locationIds: { type: ['string'] },
  startDate: { type: 'date', required: 'always' },
  endDate: D,
  longPeriodsBetweenCaseOnset: REQUIRED_NUMBER,
  periodOfFollowup: REQUIRED_NUMBER,
  frequencyOfFollowUp: { type: 'number', required: 'always', default: 1 },
  frequencyOfFollowUpPerDay: REQUIRED_NUMBER,
  generateFollowUpsOverwriteExisting: FALSE,
  generateFollowUpsKeepTeamAssignment: { type: 'boolean', default: true },
  generateFollowUpsTeamAssignmentAlgorithm: { type: 'string', default: ALGORITHM },
  generateFollowUpsDateOfLastContact: FALSE,
  generateFollowUpsWhenCreatingContacts: FALSE,
  intervalOfFollowUp: S,
  noDaysAmongContacts: REQUIRED_NUMBER,
  noDaysInChains: REQUIRED_NUMBER,
  noDaysNotSeen: REQUIRED_NUMBER,
  noLessContacts: REQUIRED_NUMBER,
  noDaysNewContacts: { type: 'number', default: 1 },
  fieldsToDisplayNode: { type: ['string'] },
  caseInvestigationTemplate: { type: ['object'], default: [] },
  contactInvestigationTemplate: { type: ['object'], default: [] },
  eventInvestigationTemplate: { type: ['object'], default: [] },
  caseFollowUpTemplate: { type: ['object'], default: [] },
  contactFollowUpTemplate: { type: ['object'], default: [] },
  labResultsTemplate: { type: ['object'], default: [] },
  eventIdMask: MASK('EV-9999999999'),
  caseIdMask: MASK('CA-9999999999'),
  contactIdMask: MASK('CO-9999999999'),
  arcGisServers: { type: ['object'] },
  reportingGeographicalLevelId: S,
  isContactLabResultsActive: FALSE,
  contactOfContactIdMask: MASK('CC-9999999999'),
  isContactsOfContactsActive: FALSE,
  applyGeographicRestrictions: FALSE,
  checkLastContactDateAgainstDateOnSet: FALSE,
  disableModifyingLegacyQuestionnaire: FALSE,
  allowedRefDataItems: O,
  visibleAndMandatoryFields: O,
  allowCasesFollowUp: FALSE,
  periodOfFollowupCases: N,
  frequencyOfFollowUpCases: { type: 'number', default: 1 },
  frequencyOfFollowUpPerDayCases: N,
  intervalOfFollowUpCases: S,
  generateFollowUpsKeepTeamAssignmentCases: { type: 'boolean', default: true },
  generateFollowUpsTeamAssignmentAlgorithmCases: { type: 'string', default: ALGORITHM },
  generateFollowUpsDateOfOnset: FALSE,
  generateFollowUpsWhenCreatingCases: FALSE,
};

const REFERENCE_DATA: ModelSpec = {
  id: { type: 'string', readOnly: true },
  categoryId: { type: 'string', required: 'always' },
  value: { type: 'string', required: 'always' },
  description: S,
  code: S,
  colorCode: S,
  iconId: S,
  order: N,
  active: { type: 'boolean', required: 'always', default: true },
  readOnly: { type: 'boolean', readOnly: true },
  isSystemWide: B,
  allowedRefDataItems: O,
  geoLocation: { type: 'customGeoPoint' },
  outbreakId: S,
};

const withBookkeeping = (spec: ModelSpec): ModelSpec => ({ ...spec, ...BOOKKEEPING });

export const MODELS: Record<string, ModelSpec> = {
  case: withBookkeeping(CASE),
  contact: withBookkeeping(CONTACT),
  event: withBookkeeping(EVENT),
  person: withBookkeeping(PERSON),
  relationship: withBookkeeping(RELATIONSHIP),
  location: withBookkeeping(LOCATION),
  outbreak: withBookkeeping(OUTBREAK),
  referenceData: withBookkeeping(REFERENCE_DATA),
};
