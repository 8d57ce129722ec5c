import { describe, expect, it } from 'vitest';
import { MappingConfigSchema, type FieldSource, type RecordMappingKind } from '../../../shared/mapping.js';
import { SUMMARY } from '../../test-fixtures.js';
import { newOutbreakGroup } from './draft.js';
import { indexMetadata } from './metadata-index.js';
import { describeSource, kindsFor, levelsFor, newSource, optionSetOf } from './sources.js';

const LISTS: RecordMappingKind[] = ['caseMapping', 'contactMapping', 'eventMapping', 'relationshipMapping'];

/** Fills the uids a fresh source leaves empty, so only the list rules decide. */
function filled(source: FieldSource): FieldSource {
  if (source.kind === 'attribute') return { ...source, attribute: 'sB1IHYu2xQT' };
  if (source.kind === 'dataElement') return { ...source, dataElement: 'ovY6E8BSdto' };
  return source;
}

function acceptedBySchema(list: RecordMappingKind, source: FieldSource): boolean {
  const group = { ...newOutbreakGroup([], '2026-01-01'), [list]: [{ target: 'x', source }] };
  return MappingConfigSchema.safeParse({ version: 1, outbreaks: [group] }).success;
}

function everyOffered(list: RecordMappingKind): FieldSource[] {
  return kindsFor(list).flatMap((kind): FieldSource[] => {
    const base = filled(newSource(kind, list));
    if (base.kind === 'field')
      return levelsFor('field', list).map((of) => ({ kind: 'field' as const, of, field: 'createdAt' }));
    if (base.kind === 'geometry') return levelsFor('geometry', list).map((of) => ({ ...base, of }));
    if (base.kind === 'orgUnit') return levelsFor('orgUnit', list).map((of) => ({ ...base, of }));
    return [base];
  });
}

describe('source choices mirror the mapping rules', () => {
  it.each(LISTS)('everything offered for %s is accepted by the shared schema', (list) => {
    for (const source of everyOffered(list))
      expect(acceptedBySchema(list, source), JSON.stringify(source)).toBe(true);
  });

  it('does not offer what the schema refuses', () => {
    expect(kindsFor('eventMapping')).not.toContain('attribute');
    expect(acceptedBySchema('eventMapping', { kind: 'attribute', attribute: 'sB1IHYu2xQT' })).toBe(false);
    expect(levelsFor('geometry', 'caseMapping')).not.toContain('event');
    expect(acceptedBySchema('caseMapping', { kind: 'geometry', as: 'point', of: 'event' })).toBe(false);
    expect(levelsFor('field', 'caseMapping')).not.toContain('relationship');
    expect(acceptedBySchema('caseMapping', { kind: 'field', of: 'relationship', field: 'createdAt' })).toBe(
      false,
    );
  });

  it('offers only simple parts inside a joined value', () => {
    expect(kindsFor('caseMapping', true)).toEqual(['attribute', 'dataElement', 'field', 'constant']);
  });
});

describe('describeSource', () => {
  const index = indexMetadata(SUMMARY);

  it('names DHIS2 objects from the pulled metadata', () => {
    expect(describeSource({ kind: 'attribute', attribute: 'sB1IHYu2xQT' }, index)).toBe(
      'Attribute “First name”',
    );
    expect(
      describeSource(
        { kind: 'dataElement', dataElement: 'ovY6E8BSdto', programStage: 'dDHkBd3X8Ce', pick: 'earliest' },
        index,
      ),
    ).toBe('Data element “Lab Test Result” (stage “Lab Results”, earliest event)');
    expect(describeSource({ kind: 'attribute', attribute: 'Unknown0001' }, index)).toBe(
      'Attribute “Unknown0001”',
    );
  });

  it('joins the parts of a joined value', () => {
    const source: FieldSource = {
      kind: 'concat',
      separator: ' ',
      parts: [
        { kind: 'attribute', attribute: 'sB1IHYu2xQT' },
        { kind: 'constant', value: 'X' },
      ],
    };
    expect(describeSource(source, index)).toBe('Attribute “First name” + “ ” + Fixed value “X”');
  });

  it('finds the option set behind attributes and data elements', () => {
    expect(optionSetOf({ kind: 'attribute', attribute: 'oindugucx72' }, index)?.name).toBe('Sex');
    expect(optionSetOf({ kind: 'dataElement', dataElement: 'ovY6E8BSdto' }, index)?.name).toBe('Lab result');
    expect(optionSetOf({ kind: 'attribute', attribute: 'sB1IHYu2xQT' }, index)).toBeUndefined();
  });
});
