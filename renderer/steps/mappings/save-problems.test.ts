import { describe, expect, it } from 'vitest';
import { MappingConfigSchema, parseMappingConfig, type MappingConfig } from '../../../shared/mapping.js';
import type { AppErrorShape } from '../../../shared/result.js';
import { addGroup, putFieldMapping } from './draft.js';
import { groupTitle, pathSegments, placeOf, plainMessage, saveProblems } from './save-problems.js';

const base: MappingConfig = putFieldMapping(
  addGroup(MappingConfigSchema.parse({ version: 1 }), '2026-03-01'),
  0,
  'caseMapping',
  0,
  { target: 'firstName', source: { kind: 'constant', value: 'x' } },
);

/** The refusal main sends for a config: the shared parser's issues as `fields`, as main's mapping service does. */
function refusal(config: unknown): AppErrorShape {
  const parsed = parseMappingConfig(config);
  if (parsed.ok) throw new Error('expected the config to be refused');
  return {
    kind: 'validation',
    message: `The mapping has ${parsed.errors.length} problem(s)`,
    fields: Object.fromEntries(parsed.errors.map((e) => [e.path, e.message])),
  };
}

describe('a refused mapping save, in the editor’s words', () => {
  it('asks for emptied required fields by their label, at the inputs’ paths', () => {
    const group = base.outbreaks[0]!;
    const emptied = {
      ...base,
      outbreaks: [{ ...group, key: '', outbreak: { ...group.outbreak, name: ' ' } }],
    };
    const problems = saveProblems(refusal(emptied), emptied);
    expect(problems).toEqual(
      expect.arrayContaining([
        { path: 'outbreaks[0].key', message: 'Enter the group key', severity: 'error' },
        { path: 'outbreaks[0].outbreak.name', message: 'Enter the outbreak name', severity: 'error' },
      ]),
    );
    expect(problems.map((p) => p.message).join(' ')).not.toMatch(/Too small|expected string/);
  });

  it('keeps messages written for people, after the field’s name, and words zod’s own', () => {
    expect(plainMessage('outbreaks[0].key', 'letters, digits, - or _ (max 64)')).toBe(
      'Group key: letters, digits, - or _ (max 64)',
    );
    expect(
      plainMessage('outbreaks[0].outbreak.periodOfFollowup', 'Too small: expected number to be >=1'),
    ).toBe('The follow-up period must be at least 1');
    expect(
      plainMessage('outbreaks[0].outbreak.name', 'Too small: expected string to have >=1 characters'),
    ).toBe('Enter the outbreak name');
    expect(plainMessage('version', 'Invalid input: expected 1')).toBe('Check the value');
  });

  it('names where a problem is, and gives an unnamed group a label', () => {
    expect(pathSegments('outbreaks[0].caseMapping[2].source')).toEqual([
      'outbreaks',
      0,
      'caseMapping',
      2,
      'source',
    ]);
    const group = base.outbreaks[0]!;
    const unnamed = { ...base, outbreaks: [{ ...group, outbreak: { ...group.outbreak, name: '' } }] };
    expect(groupTitle(unnamed.outbreaks[0]!)).toBe('Unnamed group');
    expect(groupTitle(group)).toBe(group.outbreak.name);
    expect(placeOf('outbreaks[0].outbreak.name', unnamed)).toBe('Outbreak group “Unnamed group”');
    expect(placeOf('outbreaks[0].caseMapping[0].source', base)).toBe(
      `Outbreak group “${group.outbreak.name}” › Cases field firstName`,
    );
    expect(placeOf('scope.cases.orgUnits', base)).toBe('Locations & scope');
  });
});
