/**
 * Go.Data records as the engine writes and reads them (see ../shared/reference/godata-api.md).
 * Only the fields the bridge uses are typed; Go.Data keeps unknown properties, so documents are open.
 */

export interface GeoPoint {
  lat: number;
  lng: number;
}

export interface GoDataLocation {
  id: string;
  name: string;
  parentLocationId?: string | null;
  geographicalLevelId?: string;
  geoLocation?: GeoPoint;
  identifiers?: Array<{ code: string; description?: string }>;
  synonyms?: string[];
  active: boolean;
  updatedAt?: string;
  deleted?: boolean;
}

export interface GoDataOutbreak {
  id?: string;
  name: string;
  description?: string;
  disease?: string;
  startDate: string;
  endDate?: string;
  countries?: Array<{ id: string }>;
  locationIds?: string[];
  periodOfFollowup: number;
  frequencyOfFollowUp?: number;
  frequencyOfFollowUpPerDay: number;
  longPeriodsBetweenCaseOnset: number;
  noDaysAmongContacts: number;
  noDaysInChains: number;
  noDaysNotSeen: number;
  noLessContacts: number;
  caseIdMask?: string;
  contactIdMask?: string;
  eventIdMask?: string;
  [key: string]: unknown;
}

export interface GoDataAddress {
  typeId?: string;
  country?: string;
  city?: string;
  addressLine1?: string;
  postalCode?: string;
  locationId?: string;
  geoLocation?: GeoPoint;
  geoLocationAccurate?: boolean;
  date?: string;
  phoneNumber?: string;
  emailAddress?: string;
}

export interface GoDataDocument {
  type: string;
  number: string;
}

/** A case, contact or event document. `id` is chosen by the bridge (deterministic from the DHIS2 uid). */
export interface GoDataPerson {
  id: string;
  visualId?: string;
  firstName?: string;
  middleName?: string;
  lastName?: string;
  gender?: string;
  dob?: string;
  age?: { years: number; months: number };
  addresses?: GoDataAddress[];
  documents?: GoDataDocument[];
  dateOfReporting?: string;
  classification?: string;
  dateOfOnset?: string;
  outcomeId?: string;
  dateOfOutcome?: string;
  // events
  name?: string;
  date?: string;
  address?: GoDataAddress;
  description?: string;
  deleted?: boolean;
  [key: string]: unknown;
}

export interface GoDataRelationship {
  id?: string;
  persons: Array<{ id: string; type?: string; source?: boolean; target?: boolean }>;
  contactDate?: string;
  contactDateEstimated?: boolean;
  certaintyLevelId?: string;
  exposureTypeId?: string;
  exposureFrequencyId?: string;
  exposureDurationId?: string;
  socialRelationshipTypeId?: string;
  socialRelationshipDetail?: string;
  comment?: string;
  active?: boolean;
  deleted?: boolean;
  [key: string]: unknown;
}

export type PersonKind = 'case' | 'contact' | 'event';

/** A reference-data item (§5.1); its `id` is the token persons and relationships carry. */
export interface GoDataReferenceItem {
  id: string;
  categoryId: string;
  value: string;
  description?: string;
  code?: string;
  active?: boolean;
  readOnly?: boolean;
  outbreakId?: string | null;
  order?: number;
  deleted?: boolean;
  [key: string]: unknown;
}
