import { describe, expect, it } from 'vitest';
import { parseMappingConfigJson } from '../../../shared/mapping.js';
import type { Dhis2Metadata, Program } from '../../dhis2/model.js';
import { createMappingContext } from '../context.js';
import { mapCase, mapContact, mapContactRelationship, mapEvent } from '../engine.js';
import { validateForGoData } from '../godata-rules.js';
import { checkMappingAgainstMetadata } from '../metadata-check.js';
import { buildOutbreak } from '../outbreak.js';
import { caseLinksOfContact } from '../relationships.js';
import { loadFixture, fixtureContext, type FixtureName } from '../testing/fixtures.js';
import { NGELEHUN_CHC, covidCase, covidContact, covidEvent, makeEvent } from '../testing/records.js';
import { COVID19_DEFAULT_MAPPING, covid19DefaultMapping } from './covid19.js';
import { DATA_ELEMENT, EVENT_PROGRAM, STAGE } from './covid19-package.js';

const REF = 'LNG_REFERENCE_DATA_CATEGORY_';
const config = covid19DefaultMapping();
const group = config.outbreaks[0]!;
const fixtures: FixtureName[] = ['sierraLeone2021', 'package10X'];

/**
 * The event program is in neither export; its uids come from dhis2-api.md §10 (stage duF07iN3Gos unconfirmed,
 * which is why the default mapping does not name the stage).
 */
const EVENT_PROGRAM_FROM_REFERENCE: Program = {
  id: EVENT_PROGRAM,
  name: 'COVID-19 Case-based Surveillance (event)',
  programType: 'WITHOUT_REGISTRATION',
  attributes: [],
  stages: [
    {
      id: 'duF07iN3Gos',
      name: 'COVID-19 surveillance',
      dataElements: ['Z5z8vFQy0w0', 'QQLXTXVidW2', 'XOaXLWuhKzV', 'AtFlciXnstG', 'dyfYIsTFTjG', 'f8j4XDEozvj']
        .concat([DATA_ELEMENT.onsetDate, DATA_ELEMENT.labTestResult])
        .map((id) => ({ id, name: id, valueType: 'TEXT' })),
    },
  ],
};

const withEventProgram = (metadata: Dhis2Metadata): Dhis2Metadata => ({
  ...metadata,
  programs: [...metadata.programs, EVENT_PROGRAM_FROM_REFERENCE],
});

describe('the default COVID-19 mapping', () => {
  it('is valid, readable JSON that parses back to the same config', () => {
    const parsed = parseMappingConfigJson(JSON.stringify(COVID19_DEFAULT_MAPPING, null, 2));
    expect(parsed).toEqual({ ok: true, config });
    expect(group.outbreak).toMatchObject({
      name: 'COVID-19',
      disease: `${REF}DISEASE_2019_N_CO_V`,
      periodOfFollowup: 14,
      frequencyOfFollowUp: 1,
      frequencyOfFollowUpPerDay: 2,
    });
  });

  it('names only uids and options that exist in the 2021 install (event program from the reference)', () => {
    const metadata = loadFixture('sierraLeone2021').metadata;
    expect(checkMappingAgainstMetadata(config, metadata)).toEqual([
      { path: 'outbreaks[0].eventPrograms[0]', message: `program ${EVENT_PROGRAM} does not exist` },
    ]);
    expect(checkMappingAgainstMetadata(config, withEventProgram(metadata))).toEqual([]);
  });

  it('names only uids and options that exist in the 1.0.X export, which lacks the relationship type', () => {
    const metadata = withEventProgram(loadFixture('package10X').metadata);
    expect(checkMappingAgainstMetadata(config, metadata)).toEqual([
      {
        path: 'outbreaks[0].contactRelationshipType',
        message: 'relationship type ipjUWSTPKFt does not exist',
      },
    ]);
  });

  it.each(fixtures)('keys every value map by option uid, so both releases match (%s)', (name) => {
    const { optionSets } = loadFixture(name).metadata;
    const uids = new Set(optionSets.flatMap((s) => s.options.map((o) => o.id)));
    const entries = [...group.caseMapping, ...group.contactMapping, ...group.relationshipMapping].flatMap(
      (m) => m.valueMap ?? [],
    );
    expect(entries.length).toBeGreaterThan(10);
    expect(entries.filter((e) => !uids.has(e.from))).toEqual([]);
  });

  it('has a point for Ngelehun CHC in the Sierra Leone tree (used by the event tests)', () => {
    expect(ngelehun?.type).toBe('Point');
  });

  it('builds an outbreak Go.Data accepts', () => {
    const outbreak = buildOutbreak(group.outbreak);
    expect(outbreak.startDate).toBe('2020-01-01T00:00:00.000Z');
    expect(validateForGoData('outbreak', outbreak, { version: '2.48' })).toEqual([]);
  });
});

const ngelehun = loadFixture('sierraLeone2021').orgUnits.find((o) => o.id === NGELEHUN_CHC)?.geometry;
const ngelehunPoint =
  ngelehun?.type === 'Point' ? { lat: ngelehun.coordinates[1], lng: ngelehun.coordinates[0] } : undefined;

describe.each(fixtures)('the default mapping applied to realistic records (%s)', (name) => {
  const { metadata } = loadFixture(name);
  const ctx = createMappingContext(fixtureContext(name));
  const { te, enrollment } = covidCase(metadata);

  it('maps a case field by field', () => {
    const { document, issues } = mapCase(te, enrollment, group, ctx);
    expect(issues).toEqual([]);
    expect(document).toEqual({
      firstName: 'Aminata',
      lastName: 'Kamara',
      gender: `${REF}GENDER_FEMALE`,
      age: { years: 34, months: 0 },
      dob: '1986-07-14T00:00:00.000Z',
      addresses: [
        {
          typeId: `${REF}ADDRESS_TYPE_USUAL_PLACE_OF_RESIDENCE`,
          locationId: `loc-${NGELEHUN_CHC}`,
          addressLine1: '12 Hospital Road, Ngelehun',
          phoneNumber: '+232 76 123456',
          geoLocation: { lat: 8.12, lng: -11.62 },
        },
      ],
      dateOfReporting: '2021-03-02T00:00:00.000Z',
      documents: [{ type: `${REF}DOCUMENT_TYPE_EXTERNAL_ID`, number: 'TeCase00001' }],
      classification: `${REF}CASE_CLASSIFICATION_CONFIRMED`,
      dateOfOnset: '2021-02-27T00:00:00.000Z',
    });
  });

  it.each(['2.48', '2.50'] as const)(
    'produces case, contact, relationship and event documents that pass Go.Data %s',
    (version) => {
      const caseDoc = mapCase(te, enrollment, group, ctx);
      expect(
        validateForGoData(
          'case',
          { ...caseDoc.document, id: 'case-id' },
          { version, sources: caseDoc.sources },
        ),
      ).toEqual([]);

      const contact = covidContact(metadata, te.trackedEntity);
      const contactDoc = mapContact(contact.te, contact.enrollment, group, ctx);
      expect(contactDoc.issues).toEqual([]);
      expect(contactDoc.document.gender).toBe(`${REF}GENDER_MALE`);
      expect(validateForGoData('contact', contactDoc.document, { version })).toEqual([]);

      const [link] = caseLinksOfContact(contact.te, group.contactRelationshipType!);
      expect(link?.caseTrackedEntity).toBe(te.trackedEntity);
      const exposure = mapContactRelationship(contact.te, contact.enrollment, link!.relationship, group, ctx);
      expect(exposure).toMatchObject({
        issues: [],
        document: {
          contactDate: '2021-03-01T00:00:00.000Z',
          contactDateEstimated: false,
          certaintyLevelId: `${REF}CERTAINTY_LEVEL_2_MEDIUM`,
          socialRelationshipTypeId: `${REF}CONTEXT_OF_TRANSMISSION_FAMILY`,
          comment: 'Household',
        },
      });
      const relationship = { ...exposure.document, persons: [{ id: 'case-id' }, { id: 'contact-id' }] };
      expect(validateForGoData('relationship', relationship, { version })).toEqual([]);

      const eventDoc = mapEvent(covidEvent(), group, ctx);
      expect(eventDoc.document).toMatchObject({
        name: 'COVID-19 case SL-BO-0042',
        date: '2021-03-04T00:00:00.000Z',
        dateOfReporting: '2021-03-05T00:00:00.000Z',
        // no event geometry: the facility's point
        address: { locationId: `loc-${NGELEHUN_CHC}`, geoLocation: ngelehunPoint },
        description: 'DHIS2 classification: Laboratory Confirmed Case',
      });
      expect(validateForGoData('event', eventDoc.document, { version })).toEqual([]);
    },
  );

  it('derives the classification from the latest lab result, SUSPECT without one', () => {
    const classify = (events: typeof enrollment.events) => mapCase(te, { ...enrollment, events }, group, ctx);
    const negativeLast = enrollment.events.map((e) =>
      e.event === 'EvLab000001' ? { ...e, occurredAt: '2021-03-09T09:00:00.000+00:00' } : e,
    );
    expect(classify(negativeLast).document.classification).toBe(
      `${REF}CASE_CLASSIFICATION_NOT_A_CASE_DISCARDED`,
    );
    const noLab = classify(enrollment.events.filter((e) => e.programStage !== STAGE.labResults));
    expect(noLab.document.classification).toBe(`${REF}CASE_CLASSIFICATION_SUSPECT`);
    expect(noLab.issues).toEqual([]);
  });

  it('sends a code outside the option set as SUSPECT and reports it', () => {
    const strange = makeEvent(
      { event: 'EvLab000009', programStage: STAGE.labResults, occurredAt: '2021-03-20T09:00:00.000+00:00' },
      { [DATA_ELEMENT.labTestResult]: 'Presumptive positive' },
    );
    const { document, issues } = mapCase(
      te,
      { ...enrollment, events: [...enrollment.events, strange] },
      group,
      ctx,
    );
    expect(document.classification).toBe(`${REF}CASE_CLASSIFICATION_SUSPECT`);
    expect(issues).toEqual([
      expect.objectContaining({
        severity: 'warning',
        code: 'unmapped_value',
        field: 'classification',
        value: 'Presumptive positive',
        source: `dataElement ${DATA_ELEMENT.labTestResult} (event EvLab000009)`,
      }),
    ]);
  });

  it('falls back to the registration date for the contact date', () => {
    const contact = covidContact(metadata, te.trackedEntity);
    const events = contact.enrollment.events.map((e) => ({
      ...e,
      dataValues: e.dataValues.filter((d) => d.dataElement !== DATA_ELEMENT.dateOfContact),
    }));
    const relationship = contact.te.relationships[0]!;
    const { document, sources } = mapContactRelationship(
      contact.te,
      { ...contact.enrollment, events },
      relationship,
      group,
      ctx,
    );
    expect(document.contactDate).toBe('2021-03-07T00:00:00.000Z');
    expect(sources.contactDate).toBe('enrollment.enrolledAt');
  });
});
