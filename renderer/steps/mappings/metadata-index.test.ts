import { describe, expect, it } from 'vitest';
import { SUMMARY } from '../../test-fixtures.js';
import { newOutbreakGroup } from './draft.js';
import {
  attributeChoices,
  dataElementChoices,
  indexMetadata,
  programsFor,
  stageChoices,
  withCurrent,
} from './metadata-index.js';
import { problemAt, problemsUnder } from './problems.js';

const index = indexMetadata(SUMMARY);

describe('metadata pickers', () => {
  it('offers every program of the right type until the group picks its own', () => {
    const group = newOutbreakGroup([], '2026-01-01');
    expect(programsFor(index, group, 'caseMapping').map((p) => p.id)).toEqual(['uYjxkTbwRNf', 'DM9n1bUw8W8']);
    expect(programsFor(index, group, 'eventMapping').map((p) => p.id)).toEqual(['PNClHaZARtz']);
    const picked = { ...group, casePrograms: ['uYjxkTbwRNf'], contactPrograms: ['DM9n1bUw8W8'] };
    expect(programsFor(index, picked, 'contactMapping').map((p) => p.id)).toEqual(['DM9n1bUw8W8']);
    expect(programsFor(index, picked, 'relationshipMapping').map((p) => p.id)).toEqual([
      'DM9n1bUw8W8',
      'uYjxkTbwRNf',
    ]);
  });

  it('lists attributes, stages and data elements of the programs', () => {
    const programs = programsFor(
      index,
      { ...newOutbreakGroup([], '2026-01-01'), casePrograms: ['uYjxkTbwRNf'] },
      'caseMapping',
    );
    expect(attributeChoices(programs).map((c) => c.value)).toEqual(['sB1IHYu2xQT', 'oindugucx72']);
    expect(stageChoices(programs).map((c) => c.label)).toEqual(['Lab Results', 'Symptoms']);
    expect(dataElementChoices(programs, 'dDHkBd3X8Ce').map((c) => c.value)).toEqual(['ovY6E8BSdto']);
    expect(dataElementChoices(programs, undefined)).toHaveLength(2);
  });

  it('keeps a value that is not in the pulled metadata, flagged', () => {
    expect(withCurrent([{ value: 'a', label: 'A' }], 'Zzzzzzzzzzz')[0]).toEqual({
      value: 'Zzzzzzzzzzz',
      label: 'Zzzzzzzzzzz (not in pulled metadata)',
    });
    expect(withCurrent([{ value: 'a', label: 'A' }], 'a')).toHaveLength(1);
  });
});

describe('mapping problems by path', () => {
  const problems = [
    {
      path: 'outbreaks[0].caseMapping[3].source.attribute',
      message: 'unknown attribute',
      severity: 'error' as const,
    },
    { path: 'outbreaks[0].caseMapping[30]', message: 'other row', severity: 'warning' as const },
    { path: 'outbreaks[0].key', message: 'used twice', severity: 'error' as const },
  ];

  it('finds the problems of one row, not of rows whose index merely starts alike', () => {
    expect(problemsUnder(problems, 'outbreaks[0].caseMapping[3]').map((p) => p.message)).toEqual([
      'unknown attribute',
    ]);
    expect(problemsUnder(problems, 'outbreaks[0]')).toHaveLength(3);
  });

  it('finds the problem of one input', () => {
    expect(problemAt(problems, 'outbreaks[0].key')).toBe('used twice');
    expect(problemAt(problems, 'outbreaks[1].key')).toBeUndefined();
  });
});
