import { describe, expect, it } from 'vitest';
import {
  geographicalLevelToken,
  parseMappingConfig,
  parseMappingConfigJson,
  type MappingConfigInput,
} from './mapping.js';

const outbreak = {
  name: 'COVID-19',
  startDate: '2020-01-01',
  periodOfFollowup: 14,
  frequencyOfFollowUpPerDay: 1,
  longPeriodsBetweenCaseOnset: 14,
  noDaysAmongContacts: 7,
  noDaysInChains: 7,
  noDaysNotSeen: 3,
  noLessContacts: 2,
};

function config(
  group: Record<string, unknown> = {},
  extra: Record<string, unknown> = {},
): MappingConfigInput {
  return {
    version: 1,
    outbreaks: [{ key: 'covid', outbreak, casePrograms: ['uYjxkTbwRNf'], ...group }],
    ...extra,
  };
}

function errorsOf(input: unknown) {
  const result = parseMappingConfig(input);
  if (result.ok) throw new Error('expected the config to be refused');
  return result.errors;
}

describe('parseMappingConfig', () => {
  it('fills defaults so a minimal JSON is a complete config', () => {
    const result = parseMappingConfig(config());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.deletions).toBe('ignore');
    expect(result.config.locations).toEqual({ roots: [], includeClosed: false, levelTokens: [] });
    expect(result.config.scope.events).toEqual({ orgUnits: [] });
    expect(result.config.outbreaks[0]?.outbreak.frequencyOfFollowUp).toBe(1);
    expect(result.config.outbreaks[0]?.caseMapping).toEqual([]);
  });

  it('names the field path of a bad uid inside a mapping', () => {
    const errors = errorsOf(
      config({ caseMapping: [{ target: 'firstName', source: { kind: 'attribute', attribute: 'nope' } }] }),
    );
    expect(errors).toEqual([
      {
        path: 'outbreaks[0].caseMapping[0].source.attribute',
        message: 'expected a DHIS2 uid (11 letters or digits, starting with a letter)',
      },
    ]);
  });

  it('refuses an unknown source kind, a bad target path and a field the record level lacks', () => {
    const errors = errorsOf(
      config({
        caseMapping: [
          { target: 'a', source: { kind: 'magic' } },
          { target: 'addresses[x].phone', source: { kind: 'constant', value: 1 } },
          { target: 'b', source: { kind: 'field', of: 'enrollment', field: 'scheduledAt' } },
          { target: '__proto__.polluted', source: { kind: 'constant', value: 1 } },
        ],
      }),
    );
    expect(errors.map((e) => e.path)).toEqual([
      'outbreaks[0].caseMapping[0].source.kind',
      'outbreaks[0].caseMapping[1].target',
      'outbreaks[0].caseMapping[2].source.field',
      'outbreaks[0].caseMapping[3].target',
    ]);
    expect(errors[2]?.message).toContain('enrollment has no field "scheduledAt"');
  });

  it('refuses two mappings writing the same field or a field and its parent', () => {
    const errors = errorsOf(
      config({
        caseMapping: [
          { target: 'age', source: { kind: 'constant', value: 1 } },
          { target: 'age.years', source: { kind: 'constant', value: 1 } },
        ],
      }),
    );
    expect(errors).toContainEqual({
      path: 'outbreaks[0].caseMapping[1].target',
      message: '"age.years" clashes with "age"',
    });
  });

  it('refuses sources a record list cannot have', () => {
    const errors = errorsOf(
      config({
        eventPrograms: ['PNClHaZARtz'],
        eventMapping: [{ target: 'name', source: { kind: 'attribute', attribute: 'sB1IHYu2xQT' } }],
        caseMapping: [
          {
            target: 'x',
            source: { kind: 'constant', value: 1 },
            fallbacks: [{ kind: 'field', of: 'relationship', field: 'createdAt' }],
          },
        ],
      }),
    );
    expect(errors).toEqual([
      {
        path: 'outbreaks[0].caseMapping[0].fallbacks[0]',
        message: 'only relationship mappings read "relationship"',
      },
      {
        path: 'outbreaks[0].eventMapping[0].source',
        message: 'event programs have no tracked-entity attributes',
      },
    ]);
  });

  it('checks the group: relationship type for contacts, unique keys and programs, value-map duplicates', () => {
    const group = { key: 'covid', outbreak, casePrograms: ['uYjxkTbwRNf'] };
    const errors = errorsOf({
      version: 1,
      outbreaks: [
        { ...group, contactPrograms: ['DM9n1bUw8W8'] },
        {
          ...group,
          caseMapping: [
            {
              target: 'gender',
              source: { kind: 'attribute', attribute: 'oindugucx72' },
              valueMap: [
                { from: 'Male', to: 'A' },
                { from: 'Male', to: 'B' },
              ],
            },
          ],
        },
      ],
    });
    expect(errors).toEqual([
      { path: 'outbreaks[0].contactRelationshipType', message: 'required when contact programs are listed' },
      { path: 'outbreaks[1].caseMapping[0].valueMap[1].from', message: '"Male" is mapped twice' },
      { path: 'outbreaks[1].key', message: 'key "covid" is used twice' },
      {
        path: 'outbreaks[1].casePrograms[0]',
        message: 'program uYjxkTbwRNf is already in outbreaks[0].casePrograms',
      },
    ]);
  });

  it('checks outbreak settings: tokens, dates, required numbers, masks', () => {
    const errors = errorsOf(
      config({
        outbreak: {
          ...outbreak,
          disease: 'LNG_REFERENCE_DATA_CATEGORY_GENDER_MALE',
          startDate: '2021-02-30',
          periodOfFollowup: 0,
          noLessContacts: undefined,
          caseIdMask: 'CA-99-99',
        },
      }),
    );
    expect(errors.map((e) => e.path)).toEqual([
      'outbreaks[0].outbreak.disease',
      'outbreaks[0].outbreak.startDate',
      'outbreaks[0].outbreak.periodOfFollowup',
      'outbreaks[0].outbreak.noLessContacts',
      'outbreaks[0].outbreak.caseIdMask',
    ]);
    expect(errors[1]?.message).toBe('not a calendar date');
  });

  it('checks scope date windows', () => {
    const errors = errorsOf(
      config({}, { scope: { cases: { enrolledAfter: '2021-05-01', enrolledBefore: '2021-04-01' } } }),
    );
    expect(errors).toEqual([{ path: 'scope.cases.enrolledBefore', message: 'before enrolledAfter' }]);
  });

  it('reports text that is not JSON as one error for the whole document', () => {
    const result = parseMappingConfigJson('{"version": 1,');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]?.path).toBe('');
    expect(parseMappingConfigJson(JSON.stringify(config())).ok).toBe(true);
  });
});

describe('geographicalLevelToken', () => {
  it('defaults to ADMIN_LEVEL_<level-1> and honours overrides', () => {
    const token = 'LNG_REFERENCE_DATA_CATEGORY_LOCATION_GEOGRAPHICAL_LEVEL_';
    const locations = { levelTokens: [{ level: 4, token: `${token}FACILITY` }] };
    expect(geographicalLevelToken(locations, 1)).toBe(`${token}ADMIN_LEVEL_0`);
    expect(geographicalLevelToken(locations, 3)).toBe(`${token}ADMIN_LEVEL_2`);
    expect(geographicalLevelToken(locations, 4)).toBe(`${token}FACILITY`);
  });
});
