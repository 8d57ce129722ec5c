/**
 * Uids of the WHO COVID-19 tracker package the default mapping relies on (dhis2-api.md §10). Identical in every
 * release seen; option *codes* are not, so value maps key on the option uids below.
 */

export const PERSON_TYPE = 'MCPQUTHX1Ze';
export const CASE_PROGRAM = 'uYjxkTbwRNf';
export const CONTACT_PROGRAM = 'DM9n1bUw8W8';
/** Event program: known only from a DHIS2 rules-engine fixture; absent from both package exports. */
export const EVENT_PROGRAM = 'PNClHaZARtz';
export const CONTACT_RELATIONSHIP_TYPE = 'ipjUWSTPKFt';

export const STAGE = {
  clinical: 'LpWNjNGvCO5',
  labResults: 'dDHkBd3X8Ce',
  contactFollowUp: 'sAV9jAajr8x',
} as const;

export const ATTRIBUTE = {
  firstName: 'sB1IHYu2xQT',
  surname: 'ENRjVGxVL6l',
  sex: 'oindugucx72',
  age: 'Rv8WM2mTuS5',
  dateOfBirth: 'NI0QRzJvQ0k',
  phone: 'fctSQp5nAYl',
  homeAddress: 'Xhdn49gUd52',
} as const;

export const DATA_ELEMENT = {
  onsetDate: 's3eoonJ8OJb',
  labTestResult: 'ovY6E8BSdto',
  dateOfContact: 'jGh3SzagmVu',
  lastCommonExposure: 'guigSJl89Gc',
  relationshipWithCase: 'sePUGmunxd9',
  typeOfContact: 'faqBMrWUluk',
  /** Event program only (unconfirmed design, see §10). */
  eventPatientId: 'dyfYIsTFTjG',
  eventClassification: 'Z5z8vFQy0w0',
} as const;

/** Option uids (same in the `Male` and the `MALE` releases). */
export const OPTION = {
  sex: { set: 'WDUwjiW2rGH', male: 'Ii4IxCLWEFn', female: 'FKKrOBBFgs1' },
  testResult: {
    set: 'dsgBmIZ0Yrq',
    inconclusive: 'B44lkxTWbGO',
    negative: 'ljClr1z2aE7',
    positive: 'LKbwTJwocOk',
    notPerformed: 'MkeWrqeqZXL',
    invalid: 'fPV0gQ8ds6D',
    unknown: 'YV3jCZlvwZe',
  },
  relationship: {
    set: 'WNmlbr0eduW',
    sibling: 'QQW5LNrqmHO',
    spouse: 'VGQ6kt134cE',
    grandParent: 'HTeGFWzGISt',
    friend: 'Z9SyDP75ska',
    workColleague: 'MJdc8NZXiVk',
    traveledTogether: 'UQ5n9G7fa6n',
    noRelationship: 'uvxvP0atluZ',
  },
} as const;
