import { describe, expect, it } from 'vitest';
import { parseMappingConfig, type FieldMappingInput, type OutbreakGroup } from '../../shared/mapping.js';
import { createMappingContext } from './context.js';
import { ATTRIBUTE, DATA_ELEMENT, OPTION, STAGE } from './defaults/covid19-package.js';
import { applyMapping, mapCase, mapEvent } from './engine.js';
import { fixtureContext, loadFixture, optionCode } from './testing/fixtures.js';
import { NGELEHUN_CHC, covidCase, makeEnrollment, makeEvent, makeTrackedEntity } from './testing/records.js';

const ctx = createMappingContext(fixtureContext('sierraLeone2021', ['UnsyncedOU1']));

/** Parses mappings through the real schema, so the tests exercise what users can write. */
function group(caseMapping: FieldMappingInput[], eventMapping: FieldMappingInput[] = []): OutbreakGroup {
  const parsed = parseMappingConfig({
    version: 1,
    outbreaks: [
      {
        key: 'test',
        outbreak: {
          name: 'T',
          startDate: '2020-01-01',
          periodOfFollowup: 14,
          frequencyOfFollowUpPerDay: 1,
          longPeriodsBetweenCaseOnset: 1,
          noDaysAmongContacts: 1,
          noDaysInChains: 1,
          noDaysNotSeen: 1,
          noLessContacts: 1,
        },
        caseMapping,
        eventMapping,
      },
    ],
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.config.outbreaks[0]!;
}

const labResult = (pick: 'earliest' | 'latest') => ({
  kind: 'dataElement' as const,
  dataElement: DATA_ELEMENT.labTestResult,
  programStage: STAGE.labResults,
  pick,
});

describe('picking among events', () => {
  const { te, enrollment } = covidCase(loadFixture('sierraLeone2021').metadata);

  it('takes the earliest or the latest value by occurredAt, whatever the event order', () => {
    const reversed = { ...enrollment, events: [...enrollment.events].reverse() };
    const mapping = group([
      { target: 'first', source: labResult('earliest') },
      { target: 'last', source: labResult('latest') },
    ]);
    for (const e of [enrollment, reversed]) {
      const { document, sources } = mapCase(te, e, mapping, ctx);
      expect(document).toMatchObject({ first: 'Negative', last: 'Positive' });
      expect(sources.last).toBe(`dataElement ${DATA_ELEMENT.labTestResult} (event EvLab000002)`);
    }
  });

  it('skips deleted events, events of other stages and events without the value', () => {
    const events = [
      ...enrollment.events,
      makeEvent(
        {
          event: 'EvLabDel001',
          programStage: STAGE.labResults,
          occurredAt: '2021-04-01T00:00:00.000Z',
          deleted: true,
        },
        { [DATA_ELEMENT.labTestResult]: 'Inconclusive' },
      ),
      makeEvent({
        event: 'EvLabEmpty1',
        programStage: STAGE.labResults,
        occurredAt: '2021-04-02T00:00:00.000Z',
      }),
      makeEvent(
        { event: 'EvOther0001', programStage: STAGE.clinical, occurredAt: '2021-04-03T00:00:00.000Z' },
        { [DATA_ELEMENT.labTestResult]: 'Invalid' },
      ),
    ];
    const { document } = mapCase(
      te,
      { ...enrollment, events },
      group([{ target: 'r', source: labResult('latest') }]),
      ctx,
    );
    expect(document.r).toBe('Positive');
  });

  it('reads an event field from the picked event of a stage', () => {
    const mapping = group([
      {
        target: 'dateOfResult',
        source: {
          kind: 'field',
          of: 'event',
          field: 'occurredAt',
          programStage: STAGE.labResults,
          pick: 'latest',
        },
        transforms: ['date'],
      },
    ]);
    expect(mapCase(te, enrollment, mapping, ctx).document.dateOfResult).toBe('2021-03-06T00:00:00.000Z');
  });
});

describe('applying field mappings', () => {
  const metadata = loadFixture('sierraLeone2021').metadata;
  const te = makeTrackedEntity(
    { trackedEntity: 'TeTest00001' },
    { [ATTRIBUTE.sex]: 'Other', [ATTRIBUTE.age]: 'abc' },
  );
  const enrollment = makeEnrollment({ enrollment: 'EnrTest0001', trackedEntity: 'TeTest00001' });
  const sexMap = [
    { from: OPTION.sex.male, to: 'LNG_REFERENCE_DATA_CATEGORY_GENDER_MALE' },
    { from: OPTION.sex.female, to: 'LNG_REFERENCE_DATA_CATEGORY_GENDER_FEMALE' },
  ];

  it('reports a code that matches no value-map entry, then uses the default', () => {
    const mapping = group([
      { target: 'gender', source: { kind: 'attribute', attribute: ATTRIBUTE.sex }, valueMap: sexMap },
      {
        target: 'g2',
        source: { kind: 'attribute', attribute: ATTRIBUTE.sex },
        valueMap: sexMap,
        default: 'X',
      },
    ]);
    const { document, issues } = mapCase(te, enrollment, mapping, ctx);
    expect(document).toEqual({ g2: 'X' });
    expect(issues).toEqual([
      {
        severity: 'warning',
        code: 'unmapped_value',
        field: 'gender',
        source: `attribute ${ATTRIBUTE.sex}`,
        value: 'Other',
        message: `"Other" (option set ${OPTION.sex.set}) matches no value-map entry`,
      },
      {
        severity: 'warning',
        code: 'unmapped_value',
        field: 'g2',
        source: `attribute ${ATTRIBUTE.sex}`,
        value: 'Other',
        message: `"Other" (option set ${OPTION.sex.set}) matches no value-map entry; the default "X" is used`,
      },
    ]);
  });

  it('leaves a field empty without an issue when the value map says "no counterpart"', () => {
    const male = optionCode(metadata, OPTION.sex.set, OPTION.sex.male);
    const person = makeTrackedEntity({ trackedEntity: 'TeTest00002' }, { [ATTRIBUTE.sex]: male });
    const mapping = group([
      {
        target: 'gender',
        source: { kind: 'attribute', attribute: ATTRIBUTE.sex },
        valueMap: [{ from: OPTION.sex.male, to: null }],
      },
    ]);
    expect(mapCase(person, enrollment, mapping, ctx)).toMatchObject({ document: {}, issues: [] });
  });

  it('reports a value a transform refuses, and a required field left empty as an error', () => {
    const mapping = group([
      {
        target: 'age.years',
        source: { kind: 'attribute', attribute: ATTRIBUTE.age },
        transforms: ['integer'],
        required: true,
      },
    ]);
    const { document, issues } = mapCase(te, enrollment, mapping, ctx);
    expect(document).toEqual({});
    expect(issues.map((i) => [i.severity, i.code, i.field, i.value])).toEqual([
      ['warning', 'invalid_value', 'age.years', 'abc'],
      ['error', 'required', 'age.years', undefined],
    ]);
  });

  it('tries fallbacks in order and fills age.months next to age.years', () => {
    const mapping = group([
      {
        target: 'dateOfReporting',
        source: { kind: 'field', of: 'enrollment', field: 'enrolledAt' },
        fallbacks: [{ kind: 'field', of: 'trackedEntity', field: 'createdAt' }],
        transforms: ['date'],
      },
      { target: 'age.years', source: { kind: 'constant', value: 4 } },
    ]);
    const created = { ...te, createdAt: '2021-01-05T10:00:00.000+00:00' };
    const { document, sources } = mapCase(created, enrollment, mapping, ctx);
    expect(document).toEqual({ dateOfReporting: '2021-01-05T00:00:00.000Z', age: { years: 4, months: 0 } });
    expect(sources.dateOfReporting).toBe('trackedEntity.createdAt');
  });

  it('resolves org units to location ids and reports org units without a location', () => {
    const mapping = group([
      { target: 'addresses[0].locationId', source: { kind: 'orgUnit', of: 'enrollment' } },
    ]);
    expect(mapCase(te, enrollment, mapping, ctx).document).toEqual({
      addresses: [{ locationId: `loc-${NGELEHUN_CHC}` }],
    });
    const elsewhere = { ...enrollment, orgUnit: 'UnsyncedOU1' };
    const { document, issues } = mapCase(te, elsewhere, mapping, ctx);
    expect(document).toEqual({});
    expect(issues).toEqual([
      expect.objectContaining({
        severity: 'warning',
        code: 'unknown_location',
        field: 'addresses[0].locationId',
        value: 'UnsyncedOU1',
      }),
    ]);
  });

  it('joins concat parts, and treats the result as empty when only constants are left', () => {
    const name = {
      kind: 'concat' as const,
      parts: [
        { kind: 'constant' as const, value: 'Case' },
        { kind: 'dataElement' as const, dataElement: DATA_ELEMENT.eventPatientId },
      ],
    };
    const mapping = group(
      [],
      [{ target: 'name', source: name, fallbacks: [{ kind: 'field', of: 'event', field: 'event' }] }],
    );
    const withId = makeEvent(
      { event: 'EvConcat001', programStage: 'duF07iN3Gos' },
      { [DATA_ELEMENT.eventPatientId]: 'P-7' },
    );
    expect(mapEvent(withId, mapping, ctx).document).toEqual({ name: 'Case P-7' });
    const withoutId = makeEvent({ event: 'EvConcat002', programStage: 'duF07iN3Gos' });
    expect(mapEvent(withoutId, mapping, ctx).document).toEqual({ name: 'EvConcat002' });
  });

  it('places a point from the record, else the org unit centroid', () => {
    const mapping = group(
      [],
      [
        {
          target: 'address.geoLocation',
          source: { kind: 'geometry', of: 'event' },
          fallbacks: [{ kind: 'geometry', of: 'orgUnit' }],
        },
      ],
    );
    const located = makeEvent({
      event: 'EvGeo000001',
      programStage: 'duF07iN3Gos',
      geometry: { type: 'Point', coordinates: [-11.5, 8.1] },
    });
    expect(mapEvent(located, mapping, ctx).document).toEqual({
      address: { geoLocation: { lat: 8.1, lng: -11.5 } },
    });
    // Badjia chiefdom is a polygon in the Sierra Leone tree.
    const inChiefdom = makeEvent({
      event: 'EvGeo000002',
      programStage: 'duF07iN3Gos',
      orgUnit: 'YuQRtpLP10I',
    });
    const { document, sources } = mapEvent(inChiefdom, mapping, ctx);
    const point = (document.address as { geoLocation: { lat: number; lng: number } }).geoLocation;
    expect(point.lat).toBeGreaterThan(7.5);
    expect(point.lat).toBeLessThan(8.5);
    expect(point.lng).toBeGreaterThan(-12);
    expect(point.lng).toBeLessThan(-11);
    expect(sources['address.geoLocation']).toBe('geometry of orgUnit YuQRtpLP10I');
  });

  it('honours programStage on the event itself in event mappings', () => {
    const onStage = (programStage: string) => ({
      kind: 'field' as const,
      of: 'event' as const,
      field: 'occurredAt',
      programStage,
    });
    const mapping = group(
      [],
      [{ target: 'date', source: onStage('OtherStage1'), fallbacks: [onStage('duF07iN3Gos')] }],
    );
    const event = makeEvent({
      event: 'EvStage0001',
      programStage: 'duF07iN3Gos',
      occurredAt: '2021-03-04T11:00:00.000Z',
    });
    const { document, sources } = mapEvent(event, mapping, ctx);
    expect(document).toEqual({ date: '2021-03-04T11:00:00.000Z' });
    expect(sources.date).toBe('event.occurredAt');
  });

  it('is deterministic: the same record maps to the same document', () => {
    const mapping = group([
      { target: 'firstName', source: { kind: 'attribute', attribute: ATTRIBUTE.firstName } },
    ]);
    const record = { trackedEntity: te, enrollment };
    expect(applyMapping(record, mapping.caseMapping, ctx)).toEqual(
      applyMapping(record, mapping.caseMapping, ctx),
    );
  });
});
