import { describe, expect, it } from 'vitest';
import { goDataRulesFor } from './godata-fields.js';
import { validateForGoData } from './godata-rules.js';

const REF = 'LNG_REFERENCE_DATA_CATEGORY_';
const usual = `${REF}ADDRESS_TYPE_USUAL_PLACE_OF_RESIDENCE`;

const goodCase = {
  id: 'c0a8b5e2-0000-5000-8000-000000000001',
  firstName: 'Aminata',
  gender: `${REF}GENDER_FEMALE`,
  classification: `${REF}CASE_CLASSIFICATION_CONFIRMED`,
  dateOfReporting: '2021-03-02T00:00:00.000Z',
  age: { years: 34, months: 0 },
  addresses: [{ typeId: usual, locationId: 'loc-1', geoLocation: { lat: 8.1, lng: -11.6 } }],
  documents: [{ type: `${REF}DOCUMENT_TYPE_EXTERNAL_ID`, number: 'TeCase00001' }],
};

const brief = (issues: ReturnType<typeof validateForGoData>) =>
  issues.map((i) => [i.severity, i.code, i.field]);

describe('validateForGoData', () => {
  it('accepts a well-formed case under both rule sets', () => {
    expect(validateForGoData('case', goodCase, { version: '2.48' })).toEqual([]);
    expect(validateForGoData('case', goodCase, { version: '2.50' })).toEqual([]);
  });

  it('requires firstName, classification, dateOfReporting and address locations on 2.48 only', () => {
    const bare = { id: 'x', addresses: [{ typeId: usual, phoneNumber: '+232' }] };
    expect(brief(validateForGoData('case', bare, { version: '2.48' }))).toEqual([
      ['error', 'godata_required', 'firstName'],
      ['error', 'godata_required', 'classification'],
      ['error', 'godata_required', 'dateOfReporting'],
      ['error', 'godata_required', 'addresses[0].locationId'],
    ]);
    expect(brief(validateForGoData('case', bare, { version: '2.50' }))).toEqual([
      ['warning', 'godata_recommended', 'firstName'],
      ['warning', 'godata_recommended', 'classification'],
      ['warning', 'godata_recommended', 'dateOfReporting'],
    ]);
  });

  it('names the field, the DHIS2 source and the value of a bad token', () => {
    const doc = { ...goodCase, gender: `${REF}CASE_CLASSIFICATION_SUSPECT`, classification: 'CONFIRMED' };
    const sources = {
      gender: 'attribute oindugucx72',
      classification: 'dataElement ovY6E8BSdto (event EvLab000002)',
    };
    expect(validateForGoData('case', doc, { version: '2.50', sources })).toEqual([
      {
        severity: 'error',
        code: 'wrong_token_category',
        field: 'gender',
        source: 'attribute oindugucx72',
        value: `${REF}CASE_CLASSIFICATION_SUSPECT`,
        message: `token is not of category GENDER (expected ${REF}GENDER_…)`,
      },
      {
        severity: 'error',
        code: 'invalid_token',
        field: 'classification',
        source: 'dataElement ovY6E8BSdto (event EvLab000002)',
        value: 'CONFIRMED',
        message: `expected a ${REF}CASE_CLASSIFICATION_… reference-data token`,
      },
    ]);
  });

  it('accepts outbreak-specific tokens and checks tokens against the server’s list when given', () => {
    const outbreakToken = `LNG_OUTBREAK_7D3B-11AA_${REF}GENDER_OTHER`;
    expect(validateForGoData('case', { ...goodCase, gender: outbreakToken }, { version: '2.50' })).toEqual(
      [],
    );
    const knownTokens = new Set([`${REF}GENDER_MALE`, `${REF}CASE_CLASSIFICATION_CONFIRMED`, usual]);
    expect(brief(validateForGoData('case', goodCase, { version: '2.50', knownTokens }))).toEqual([
      ['error', 'unknown_token', 'gender'],
      ['error', 'unknown_token', 'documents[0].type'],
    ]);
  });

  it('checks dates, age, geo ranges and types with the offending value', () => {
    const doc = {
      ...goodCase,
      dob: '1990-05-21',
      dateOfOnset: '',
      age: { years: 34.5, months: 13 },
      firstName: 12,
      addresses: [{ typeId: usual, locationId: 'loc-1', geoLocation: { lat: -11.6, lng: 181 } }],
    };
    expect(
      validateForGoData('case', doc, { version: '2.50' }).map((i) => [i.code, i.field, i.value]),
    ).toEqual([
      ['wrong_type', 'firstName', 12],
      ['invalid_age', 'age.years', 34.5],
      ['invalid_age', 'age.months', 13],
      ['geo_out_of_range', 'addresses[0].geoLocation', '{"lat":-11.6,"lng":181}'],
      ['invalid_date', 'dob', '1990-05-21'],
      ['invalid_date', 'dateOfOnset', ''],
    ]);
  });

  it('wants exactly one usual place of residence, and a date on previous ones', () => {
    const previous = { typeId: `${REF}ADDRESS_TYPE_PREVIOUS_USUAL_PLACE_OF_RESIDENCE`, locationId: 'l' };
    const none = { ...goodCase, addresses: [previous] };
    expect(brief(validateForGoData('case', none, { version: '2.50' }))).toEqual([
      ['error', 'address_previous_needs_date', 'addresses[0].date'],
      ['error', 'address_usual_place_missing', 'addresses'],
    ]);
    // An address without typeId counts as the usual place of residence.
    const two = { ...goodCase, addresses: [{ locationId: 'a' }, { typeId: usual, locationId: 'b' }] };
    expect(brief(validateForGoData('case', two, { version: '2.50' }))).toEqual([
      ['error', 'address_usual_place_multiple', 'addresses'],
    ]);
  });

  it('flags fields a kind does not have, and documents without a number', () => {
    const contact = {
      firstName: 'M',
      dateOfReporting: '2021-03-07T00:00:00.000Z',
      classification: `${REF}CASE_CLASSIFICATION_SUSPECT`,
      documents: [{ type: `${REF}DOCUMENT_TYPE_EXTERNAL_ID` }],
    };
    expect(brief(validateForGoData('contact', contact, { version: '2.50' }))).toEqual([
      ['warning', 'unexpected_field', 'classification'],
      ['error', 'godata_required', 'documents[0].number'],
    ]);
  });

  it('validates events with their single address', () => {
    const event = {
      name: 'COVID-19 case',
      date: '2021-03-04T00:00:00.000Z',
      dateOfReporting: '2021-03-05T00:00:00.000Z',
      address: { typeId: usual },
    };
    expect(brief(validateForGoData('event', event, { version: '2.48' }))).toEqual([
      ['error', 'godata_required', 'address.locationId'],
    ]);
    expect(validateForGoData('event', event, { version: '2.50' })).toEqual([]);
    expect(brief(validateForGoData('event', { name: 'E' }, { version: '2.50' }))).toEqual([
      ['warning', 'godata_recommended', 'date'],
      ['warning', 'godata_recommended', 'dateOfReporting'],
    ]);
  });

  it('requires exposure fields of relationships on 2.48 and checks persons when present', () => {
    expect(brief(validateForGoData('relationship', { comment: 'x' }, { version: '2.48' }))).toEqual([
      ['error', 'godata_required', 'contactDate'],
      ['error', 'godata_required', 'contactDateEstimated'],
      ['error', 'godata_required', 'certaintyLevelId'],
    ]);
    const rel = {
      contactDate: '2021-03-01T00:00:00.000Z',
      persons: [{ id: 'a' }],
      certaintyLevelId: `${REF}EXPOSURE_TYPE_OTHER`,
    };
    expect(brief(validateForGoData('relationship', rel, { version: '2.50' }))).toEqual([
      ['error', 'wrong_type', 'persons'],
      ['error', 'wrong_token_category', 'certaintyLevelId'],
    ]);
  });

  it('checks outbreaks: required numbers, masks, countries', () => {
    const outbreak = {
      name: 'COVID-19',
      startDate: '2020-01-01T00:00:00.000Z',
      periodOfFollowup: 14,
      frequencyOfFollowUpPerDay: 0,
      longPeriodsBetweenCaseOnset: 14,
      noDaysAmongContacts: 7,
      noDaysInChains: 7,
      noDaysNotSeen: 3,
      caseIdMask: 'CA-(999)',
      countries: [{ id: `${REF}COUNTRY_SIERRA_LEONE` }, { id: 'SL' }],
    };
    expect(
      validateForGoData('outbreak', outbreak, { version: '2.50' }).map((i) => [i.code, i.field]),
    ).toEqual([
      ['godata_required', 'noLessContacts'],
      ['invalid_number', 'frequencyOfFollowUpPerDay'],
      ['invalid_mask', 'caseIdMask'],
      ['invalid_token', 'countries[1].id'],
    ]);
  });
});

describe('goDataRulesFor', () => {
  it('gives 2.48 and older (and unreadable versions) the strict rules', () => {
    expect(goDataRulesFor('2.48.0')).toBe('2.48');
    expect(goDataRulesFor('2.40.1')).toBe('2.48');
    expect(goDataRulesFor('2.49.0')).toBe('2.50');
    expect(goDataRulesFor('2.50.3')).toBe('2.50');
    expect(goDataRulesFor('unknown')).toBe('2.48');
  });
});
