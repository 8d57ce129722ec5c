import { describe, expect, it } from 'vitest';
import { MappingConfigSchema, type MappingConfig } from '../../../shared/mapping.js';
import {
  addGroup,
  moveFieldMapping,
  newOutbreakGroup,
  putFieldMapping,
  removeFieldMapping,
  removeGroup,
  setOptional,
  todayIso,
} from './draft.js';

const empty: MappingConfig = MappingConfigSchema.parse({ version: 1 });
const mapping = (target: string) => ({ target, source: { kind: 'constant' as const, value: target } });

describe('mapping draft edits', () => {
  it('adds groups with unused keys that pass the shared schema', () => {
    const two = addGroup(addGroup(empty, '2026-03-01'), '2026-03-01');
    expect(two.outbreaks.map((g) => g.key)).toEqual(['outbreak-1', 'outbreak-2']);
    expect(MappingConfigSchema.safeParse(two).success).toBe(true);
    expect(newOutbreakGroup(['outbreak-2'], '2026-03-01').key).toBe('outbreak-3');
    expect(removeGroup(two, 0).outbreaks.map((g) => g.key)).toEqual(['outbreak-2']);
  });

  it('appends, replaces, moves and removes field mappings without touching the original', () => {
    const base = addGroup(empty, '2026-03-01');
    let c = putFieldMapping(base, 0, 'caseMapping', 0, mapping('firstName'));
    c = putFieldMapping(c, 0, 'caseMapping', 1, mapping('lastName'));
    c = putFieldMapping(c, 0, 'caseMapping', 0, mapping('middleName'));
    expect(c.outbreaks[0]?.caseMapping.map((m) => m.target)).toEqual(['middleName', 'lastName']);
    c = moveFieldMapping(c, 0, 'caseMapping', 1, -1);
    expect(c.outbreaks[0]?.caseMapping.map((m) => m.target)).toEqual(['lastName', 'middleName']);
    expect(moveFieldMapping(c, 0, 'caseMapping', 0, -1)).toEqual(c);
    c = removeFieldMapping(c, 0, 'caseMapping', 0);
    expect(c.outbreaks[0]?.caseMapping.map((m) => m.target)).toEqual(['middleName']);
    expect(base.outbreaks[0]?.caseMapping).toEqual([]);
  });

  it('removes optional keys instead of keeping undefined', () => {
    const before: { a: number; b?: string } = { a: 1, b: 'x' };
    const o = setOptional(before, 'b', undefined);
    expect(Object.keys(o)).toEqual(['a']);
  });

  it('writes the local day as yyyy-MM-dd', () => {
    expect(todayIso(new Date(2026, 0, 5, 23, 30))).toBe('2026-01-05');
  });
});
