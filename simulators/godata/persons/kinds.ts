import type { Doc } from '../state.js';

export type PersonKind = 'case' | 'contact' | 'event';

export const TYPE_TOKEN: Record<PersonKind, string> = {
  case: 'LNG_REFERENCE_DATA_CATEGORY_PERSON_TYPE_CASE',
  contact: 'LNG_REFERENCE_DATA_CATEGORY_PERSON_TYPE_CONTACT',
  event: 'LNG_REFERENCE_DATA_CATEGORY_PERSON_TYPE_EVENT',
};

export const CONTACT_OF_CONTACT_TOKEN = 'LNG_REFERENCE_DATA_CATEGORY_PERSON_TYPE_CONTACT_OF_CONTACT';

export const MASK_FIELD: Record<string, string> = {
  [TYPE_TOKEN.case]: 'caseIdMask',
  [TYPE_TOKEN.contact]: 'contactIdMask',
  [TYPE_TOKEN.event]: 'eventIdMask',
  [CONTACT_OF_CONTACT_TOKEN]: 'contactOfContactIdMask',
};

/** URL segment → kind. */
export const KIND_BY_SEGMENT: Record<string, PersonKind> = {
  cases: 'case',
  contacts: 'contact',
  events: 'event',
};

export const DISCARDED = 'LNG_REFERENCE_DATA_CATEGORY_CASE_CLASSIFICATION_NOT_A_CASE_DISCARDED';
export const USUAL_PLACE = 'LNG_REFERENCE_DATA_CATEGORY_ADDRESS_TYPE_USUAL_PLACE_OF_RESIDENCE';
export const PREVIOUS_PLACE = 'LNG_REFERENCE_DATA_CATEGORY_ADDRESS_TYPE_PREVIOUS_USUAL_PLACE_OF_RESIDENCE';
export const ARCHIVED_ID = 'LNG_REFERENCE_DATA_CATEGORY_DOCUMENT_TYPE_ARCHIVED_ID';
export const UNDER_FOLLOW_UP = 'LNG_REFERENCE_DATA_CONTACT_FINAL_FOLLOW_UP_STATUS_TYPE_UNDER_FOLLOW_UP';

export function isOfKind(doc: Doc | undefined, kind: PersonKind): doc is Doc {
  return doc !== undefined && doc.type === TYPE_TOKEN[kind];
}

export function isDiscardedCase(doc: Doc | undefined): boolean {
  return doc !== undefined && doc.type === TYPE_TOKEN.case && doc.classification === DISCARDED;
}

/** Case/contact/event responses hide `type` (it is visible only through /people). */
export function personJson(doc: Record<string, unknown>): Record<string, unknown> {
  const { type: _type, ...rest } = doc;
  return rest;
}
