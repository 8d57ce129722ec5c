import {
  MappingConfigSchema,
  type FieldMappingInput as Input,
  type MappingConfig,
  type MappingConfigInput,
} from '../../../shared/mapping.js';
import {
  ATTRIBUTE,
  CASE_PROGRAM,
  CONTACT_PROGRAM,
  CONTACT_RELATIONSHIP_TYPE,
  DATA_ELEMENT,
  EVENT_PROGRAM,
  OPTION,
  STAGE,
} from './covid19-package.js';

/**
 * The default mapping for the WHO COVID-19 tracker package (covid19-default-mapping.md): one outbreak group fed
 * by the cases, contacts and event programs. Value maps are keyed by option uid, so the `Male` (2021 installs) and
 * `MALE` (1.0.X) releases both map.
 */

const REF = 'LNG_REFERENCE_DATA_CATEGORY_';
const attribute = (uid: string) => ({ kind: 'attribute', attribute: uid }) as const;
const enrollment = (field: string) => ({ kind: 'field', of: 'enrollment', field }) as const;
const constant = (value: string | number | boolean) => ({ kind: 'constant', value }) as const;

/** Names, sex, age, birth date, home address and the DHIS2 uid: the same for cases and contacts. */
const PERSON: Input[] = [
  { target: 'firstName', source: attribute(ATTRIBUTE.firstName), transforms: ['trim'] },
  { target: 'lastName', source: attribute(ATTRIBUTE.surname), transforms: ['trim'] },
  {
    target: 'gender',
    source: attribute(ATTRIBUTE.sex),
    valueMap: [
      { from: OPTION.sex.male, to: `${REF}GENDER_MALE` },
      { from: OPTION.sex.female, to: `${REF}GENDER_FEMALE` },
    ],
  },
  { target: 'age.years', source: attribute(ATTRIBUTE.age), transforms: ['integer'] },
  { target: 'dob', source: attribute(ATTRIBUTE.dateOfBirth), transforms: ['date'] },
  // One address, the usual place of residence, located at the enrolling org unit (Go.Data wants exactly one).
  { target: 'addresses[0].typeId', source: constant(`${REF}ADDRESS_TYPE_USUAL_PLACE_OF_RESIDENCE`) },
  { target: 'addresses[0].locationId', source: { kind: 'orgUnit', of: 'enrollment' } },
  { target: 'addresses[0].addressLine1', source: attribute(ATTRIBUTE.homeAddress), transforms: ['trim'] },
  { target: 'addresses[0].phoneNumber', source: attribute(ATTRIBUTE.phone), transforms: ['trim'] },
  {
    target: 'addresses[0].geoLocation',
    source: { kind: 'geometry', of: 'trackedEntity' },
    fallbacks: [{ kind: 'geometry', of: 'enrollment' }],
  },
  { target: 'dateOfReporting', source: enrollment('enrolledAt'), transforms: ['date'] },
  // The DHIS2 tracked-entity uid, findable in Go.Data (the record id is derived from it too).
  { target: 'documents[0].type', source: constant(`${REF}DOCUMENT_TYPE_EXTERNAL_ID`) },
  { target: 'documents[0].number', source: { kind: 'field', of: 'trackedEntity', field: 'trackedEntity' } },
];

const result = OPTION.testResult;
const classification = (value: string) => `${REF}CASE_CLASSIFICATION_${value}`;

const CASE: Input[] = [
  ...PERSON,
  /*
   * The package has no classification element: it is derived from the latest Lab Test Result. POSITIVE → CONFIRMED,
   * NEGATIVE → NOT_A_CASE_DISCARDED (Go.Data then refuses new relationships with the case, so its contacts stay
   * unlinked), every other option (inconclusive, not performed, invalid, unknown) → SUSPECT, as is a case with no
   * result yet (default). PROBABLE has no lab-result counterpart and is never produced. A code outside the option
   * set (a later package release) is reported as unmapped and the case is sent as SUSPECT.
   */
  {
    target: 'classification',
    source: {
      kind: 'dataElement',
      dataElement: DATA_ELEMENT.labTestResult,
      programStage: STAGE.labResults,
      pick: 'latest',
    },
    valueMap: [
      { from: result.positive, to: classification('CONFIRMED') },
      { from: result.negative, to: classification('NOT_A_CASE_DISCARDED') },
      { from: result.inconclusive, to: classification('SUSPECT') },
      { from: result.notPerformed, to: classification('SUSPECT') },
      { from: result.invalid, to: classification('SUSPECT') },
      { from: result.unknown, to: classification('SUSPECT') },
    ],
    default: classification('SUSPECT'),
  },
  {
    target: 'dateOfOnset',
    source: {
      kind: 'dataElement',
      dataElement: DATA_ELEMENT.onsetDate,
      programStage: STAGE.clinical,
      pick: 'earliest',
    },
    transforms: ['date'],
  },
];

const followUp = (dataElement: string) =>
  ({ kind: 'dataElement', dataElement, programStage: STAGE.contactFollowUp, pick: 'latest' }) as const;
const relation = OPTION.relationship;
const context = (value: string) => `${REF}CONTEXT_OF_TRANSMISSION_${value}`;

/** The contact's exposure to the case, read from the contact's follow-up stage. */
const RELATIONSHIP: Input[] = [
  {
    target: 'contactDate',
    source: followUp(DATA_ELEMENT.dateOfContact),
    // Last common exposure, else the contact's registration date (an upper bound of the real contact date).
    fallbacks: [followUp(DATA_ELEMENT.lastCommonExposure), enrollment('enrolledAt')],
    transforms: ['date'],
  },
  // Not derivable per record (the fallback dates are estimates, but a mapping cannot tell which source won).
  { target: 'contactDateEstimated', source: constant(false) },
  // DHIS2 records no certainty: a neutral default the user can change.
  { target: 'certaintyLevelId', source: constant(`${REF}CERTAINTY_LEVEL_2_MEDIUM`) },
  {
    target: 'socialRelationshipTypeId',
    source: followUp(DATA_ELEMENT.relationshipWithCase),
    // "Traveled together" and "No relationship" have no Go.Data context of transmission: left empty on purpose.
    valueMap: [
      { from: relation.sibling, to: context('FAMILY') },
      { from: relation.spouse, to: context('FAMILY') },
      { from: relation.grandParent, to: context('FAMILY') },
      { from: relation.friend, to: context('FRIENDS') },
      { from: relation.workColleague, to: context('CO_WORKERS') },
      { from: relation.traveledTogether, to: null },
      { from: relation.noRelationship, to: null },
    ],
  },
  { target: 'comment', source: followUp(DATA_ELEMENT.typeOfContact), transforms: ['trim'] },
];

const event = (field: string) => ({ kind: 'field', of: 'event', field }) as const;
const eventValue = (dataElement: string) => ({ kind: 'dataElement', dataElement }) as const;

/** Events of the event program (its stage uid is unconfirmed, so data elements are read from any stage). */
const EVENT: Input[] = [
  {
    target: 'name',
    source: { kind: 'concat', parts: [constant('COVID-19 case'), eventValue(DATA_ELEMENT.eventPatientId)] },
    fallbacks: [{ kind: 'concat', parts: [constant('COVID-19 case'), event('event')] }],
  },
  { target: 'date', source: event('occurredAt'), transforms: ['date'] },
  {
    target: 'dateOfReporting',
    source: event('createdAt'),
    fallbacks: [event('occurredAt')],
    transforms: ['date'],
  },
  { target: 'address.typeId', source: constant(`${REF}ADDRESS_TYPE_USUAL_PLACE_OF_RESIDENCE`) },
  { target: 'address.locationId', source: { kind: 'orgUnit', of: 'event' } },
  {
    target: 'address.geoLocation',
    source: { kind: 'geometry', of: 'event' },
    fallbacks: [{ kind: 'geometry', of: 'orgUnit' }],
  },
  {
    target: 'description',
    source: {
      kind: 'concat',
      parts: [constant('DHIS2 classification:'), eventValue(DATA_ELEMENT.eventClassification)],
    },
  },
];

export const COVID19_DEFAULT_MAPPING: MappingConfigInput = {
  version: 1,
  locations: { roots: [], includeClosed: false, levelTokens: [] },
  outbreaks: [
    {
      key: 'covid-19',
      outbreak: {
        name: 'COVID-19',
        disease: `${REF}DISEASE_2019_N_CO_V`,
        startDate: '2020-01-01',
        periodOfFollowup: 14,
        frequencyOfFollowUp: 1,
        frequencyOfFollowUpPerDay: 2,
        // Dashboard thresholds Go.Data requires; a project choice, not a package fact.
        longPeriodsBetweenCaseOnset: 14,
        noDaysAmongContacts: 7,
        noDaysInChains: 7,
        noDaysNotSeen: 3,
        noLessContacts: 2,
      },
      casePrograms: [CASE_PROGRAM],
      contactPrograms: [CONTACT_PROGRAM],
      eventPrograms: [EVENT_PROGRAM],
      contactRelationshipType: CONTACT_RELATIONSHIP_TYPE,
      caseMapping: CASE,
      contactMapping: PERSON,
      eventMapping: EVENT,
      relationshipMapping: RELATIONSHIP,
    },
  ],
  deletions: 'ignore',
};

/** A fresh, parsed copy of the default (callers may edit it). */
export function covid19DefaultMapping(): MappingConfig {
  return MappingConfigSchema.parse(structuredClone(COVID19_DEFAULT_MAPPING));
}
