import { describe, expect, it } from 'vitest';
import type { GoDataLocation } from './model.js';
import { nestBatch, parentsFirst, preValidationFailures, withDescendants } from './location-tree.js';

const loc = (id: string, parentLocationId?: string): GoDataLocation => ({
  id,
  name: id,
  parentLocationId,
  active: true,
});

describe('location tree helpers', () => {
  it('orders parents before children, keeping input order within a level', () => {
    const ordered = parentsFirst([
      loc('c1', 'b'),
      loc('b', 'a'),
      loc('x', 'stored'),
      loc('a'),
      loc('c2', 'b'),
    ]);
    expect(ordered.map((l) => l.id)).toEqual(['x', 'a', 'b', 'c1', 'c2']);
  });

  it('survives a parent cycle in the input instead of looping', () => {
    const ordered = parentsFirst([loc('p', 'q'), loc('q', 'p')]);
    expect(ordered.map((l) => l.id).sort()).toEqual(['p', 'q']);
  });

  it('nests a batch and numbers records the way Go.Data does', () => {
    const { forest, recordIds } = nestBatch([
      loc('a'),
      loc('x', 'stored'),
      loc('b1', 'a'),
      loc('b2', 'a'),
      loc('c', 'b2'),
    ]);
    expect(forest.map((n) => n.location.id)).toEqual(['a', 'x']);
    expect(forest[0]?.children.map((n) => n.location.id)).toEqual(['b1', 'b2']);
    // A node whose parent is stored already keeps its parentLocationId; roots say null explicitly.
    expect(forest[1]?.location.parentLocationId).toBe('stored');
    expect(forest[0]?.location.parentLocationId).toBeNull();
    expect(Object.fromEntries(recordIds)).toEqual({
      '1': 'a',
      '1 - 1': 'b1',
      '1 - 2': 'b2',
      '1 - 2 - 1': 'c',
      '2': 'x',
    });
  });

  it('maps quoted and joined record numbers of pre-validation failures back to ids', () => {
    const recordIds = new Map([
      ['1', 'a'],
      ['1 - 1', 'b'],
      ['2', 'c'],
    ]);
    const failures = preValidationFailures(
      {
        failed: [
          {
            error: { code: 'PRE_VALIDATION' },
            recordNo: "'1 - 1'",
            message: 'LNG_PAGE_IMPORT_DATA_ERROR_DUPLICATE_DB_NAME',
          },
          {
            error: { code: 'PRE_VALIDATION' },
            recordNo: "'1' & '2'",
            message: 'LNG_PAGE_IMPORT_DATA_ERROR_DUPLICATE_FILE_NAME',
          },
          { recordNo: '9', message: 'X' },
        ],
      },
      recordIds,
    );
    expect(failures).toEqual([
      { ids: ['b'], reason: 'LNG_PAGE_IMPORT_DATA_ERROR_DUPLICATE_DB_NAME', recordNo: "'1 - 1'" },
      { ids: ['a', 'c'], reason: 'LNG_PAGE_IMPORT_DATA_ERROR_DUPLICATE_FILE_NAME', recordNo: "'1' & '2'" },
      { ids: [], reason: 'X', recordNo: '9' },
    ]);
  });

  it('collects descendants of failed locations', () => {
    const all = [loc('a'), loc('b', 'a'), loc('c', 'b'), loc('d')];
    expect([...withDescendants(['a'], all)].sort()).toEqual(['a', 'b', 'c']);
  });
});
