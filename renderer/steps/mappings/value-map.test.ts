import { describe, expect, it } from 'vitest';
import { SUMMARY } from '../../test-fixtures.js';
import {
  describeFrom,
  duplicateFroms,
  findOption,
  incompleteEntries,
  prefillFromOptionSet,
  removeEntry,
  updateEntry,
  type OptionSet,
} from './value-map.js';

const sex = SUMMARY.optionSets[0] as OptionSet;

describe('value map helpers', () => {
  it('finds options by uid, by code, and by code in another case (package releases differ in case)', () => {
    expect(findOption('optMale0001', sex)?.code).toBe('Male');
    expect(findOption('Female', sex)?.id).toBe('optFemale01');
    expect(findOption('FEMALE', sex)?.id).toBe('optFemale01');
    expect(findOption('Other', sex)).toBeUndefined();
  });

  it('prefills one row per unmapped option, keyed by uid, keeping existing rows', () => {
    const entries = prefillFromOptionSet(
      [{ from: 'MALE', to: 'LNG_REFERENCE_DATA_CATEGORY_GENDER_MALE' }],
      sex,
    );
    expect(entries).toEqual([
      { from: 'MALE', to: 'LNG_REFERENCE_DATA_CATEGORY_GENDER_MALE' },
      { from: 'optFemale01', to: '' },
    ]);
    expect(prefillFromOptionSet(entries, sex)).toEqual(entries);
  });

  it('edits rows without touching the others', () => {
    const entries = [
      { from: 'a', to: '1' },
      { from: 'b', to: '2' },
    ];
    expect(updateEntry(entries, 1, { to: null })).toEqual([
      { from: 'a', to: '1' },
      { from: 'b', to: null },
    ]);
    expect(removeEntry(entries, 0)).toEqual([{ from: 'b', to: '2' }]);
  });

  it('flags duplicates and rows without a target (null is an explicit “no value”)', () => {
    const entries = [
      { from: 'a', to: '' },
      { from: 'a', to: null },
      { from: 'c', to: 'x' },
    ];
    expect([...duplicateFroms(entries)]).toEqual(['a']);
    expect(incompleteEntries(entries)).toBe(1);
  });

  it('explains a from value with the option it names', () => {
    expect(describeFrom('optMale0001', sex)).toBe('Male (code Male)');
    expect(describeFrom('female', sex)).toBe('Female');
    expect(describeFrom('Other', sex)).toBe('not an option of Sex');
    expect(describeFrom('Other', undefined)).toBe('');
  });
});
