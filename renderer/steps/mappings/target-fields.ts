import type { RecordMappingKind } from '../../../shared/mapping.js';

/**
 * Go.Data fields offered as suggestions for a mapping's target (any valid path may still be typed). From the
 * Go.Data models for cases, contacts, events and relationships; bookkeeping and server-kept fields are left out.
 */
// prettier-ignore
const PERSON = ['firstName', 'middleName', 'lastName', 'gender', 'dob', 'age.years', 'age.months', 'occupation', 'visualId',
  'dateOfReporting', 'isDateOfReportingApproximate', 'pregnancyStatus', 'documents[0].type', 'documents[0].number',
  'addresses[0].typeId', 'addresses[0].locationId', 'addresses[0].addressLine1', 'addresses[0].city',
  'addresses[0].postalCode', 'addresses[0].phoneNumber', 'addresses[0].emailAddress', 'addresses[0].geoLocation',
  'addresses[0].geoLocationAccurate', 'vaccinesReceived[0].vaccine', 'vaccinesReceived[0].date',
  'vaccinesReceived[0].status'];

// prettier-ignore
const CASE = ['classification', 'dateOfOnset', 'isDateOfOnsetApproximate', 'dateBecomeCase', 'dateOfInfection',
  'dateOfOutcome', 'outcomeId', 'dateOfBurial', 'burialPlaceName', 'safeBurial', 'riskLevel', 'riskReason',
  'investigationStatus', 'dateInvestigationCompleted', 'dateRanges[0].typeId', 'dateRanges[0].startDate',
  'dateRanges[0].endDate', 'dateRanges[0].centerName', 'dateRanges[0].locationId'];

// prettier-ignore
const CONTACT = ['riskLevel', 'riskReason', 'outcomeId', 'dateOfOutcome', 'dateOfLastContact', 'dateBecomeContact',
  'followUpTeamId'];

// prettier-ignore
const EVENT = ['name', 'date', 'dateApproximate', 'endDate', 'eventCategory', 'description', 'dateOfReporting',
  'isDateOfReportingApproximate', 'visualId', 'address.typeId', 'address.locationId', 'address.addressLine1',
  'address.city', 'address.postalCode', 'address.phoneNumber', 'address.geoLocation'];

// prettier-ignore
const RELATIONSHIP = ['contactDate', 'contactDateEstimated', 'dateOfFirstContact', 'certaintyLevelId', 'exposureTypeId',
  'exposureFrequencyId', 'exposureDurationId', 'socialRelationshipTypeId', 'socialRelationshipDetail', 'clusterId',
  'comment'];

export const TARGET_FIELDS: Readonly<Record<RecordMappingKind, readonly string[]>> = {
  caseMapping: [...PERSON, ...CASE],
  contactMapping: [...PERSON, ...CONTACT],
  eventMapping: EVENT,
  relationshipMapping: RELATIONSHIP,
};

export const LIST_TEXT: Readonly<Record<RecordMappingKind, { title: string; record: string }>> = {
  caseMapping: { title: 'Cases', record: 'case' },
  contactMapping: { title: 'Contacts', record: 'contact' },
  eventMapping: { title: 'Events', record: 'event' },
  relationshipMapping: { title: 'Relationships', record: 'relationship (contact ↔ case)' },
};

/** Suggestions not used yet by another mapping of the list. */
export function freeTargets(list: RecordMappingKind, used: readonly string[]): string[] {
  return TARGET_FIELDS[list].filter((t) => !used.includes(t));
}
