import { describe, expect, it } from 'vitest';
import { OPTION } from './defaults/covid19-package.js';
import { loadFixture } from './testing/fixtures.js';
import { findOption, matchValueMap, normaliseCode, optionExists } from './value-map.js';

const releases = [
  ['2021 install (readable codes)', loadFixture('sierraLeone2021').metadata],
  ['1.0.X export (UPPER_SNAKE codes)', loadFixture('package10X').metadata],
] as const;

const setOf = (metadata: (typeof releases)[number][1], id: string) => {
  const set = metadata.optionSets.find((s) => s.id === id);
  if (!set) throw new Error(`option set ${id} missing from fixture`);
  return set;
};

const byUid = [
  { from: OPTION.sex.male, to: 'LNG_REFERENCE_DATA_CATEGORY_GENDER_MALE' },
  { from: OPTION.sex.female, to: 'LNG_REFERENCE_DATA_CATEGORY_GENDER_FEMALE' },
];

describe('value maps across package releases', () => {
  it('uses different codes in the two real exports for the same option uids', () => {
    const codes = releases.map(([, m]) => setOf(m, OPTION.sex.set).options.map((o) => `${o.id}=${o.code}`));
    expect(codes).toEqual([
      ['Ii4IxCLWEFn=Male', 'FKKrOBBFgs1=Female'],
      ['Ii4IxCLWEFn=MALE', 'FKKrOBBFgs1=FEMALE'],
    ]);
  });

  it.each(releases)('maps each release’s own codes through the option uid (%s)', (_, metadata) => {
    const sex = setOf(metadata, OPTION.sex.set);
    for (const option of sex.options) {
      const expected = option.id === OPTION.sex.male ? 'GENDER_MALE' : 'GENDER_FEMALE';
      expect(matchValueMap(option.code, byUid, sex)).toEqual({
        matched: true,
        to: `LNG_REFERENCE_DATA_CATEGORY_${expected}`,
      });
    }
  });

  it.each(releases)(
    'maps Positive and POSITIVE alike with code-keyed entries of the other release (%s)',
    (_, metadata) => {
      const results = setOf(metadata, OPTION.testResult.set);
      const entries = [
        { from: 'POSITIVE', to: 'CONFIRMED' },
        { from: 'Not performed', to: 'SUSPECT' },
      ];
      for (const value of ['Positive', 'POSITIVE']) {
        expect(matchValueMap(value, entries, results)).toEqual({ matched: true, to: 'CONFIRMED' });
      }
      for (const value of ['NOT_PERFORMED', 'Not performed']) {
        expect(matchValueMap(value, entries, results)).toEqual({ matched: true, to: 'SUSPECT' });
      }
    },
  );

  it('prefers the uid entry over a code entry, then the exact code over a normalised one', () => {
    const entries = [
      { from: 'positive', to: 'by-normalised-code' },
      { from: 'Positive', to: 'by-code' },
      { from: OPTION.testResult.positive, to: 'by-uid' },
    ];
    const results = setOf(releases[0][1], OPTION.testResult.set);
    expect(matchValueMap('Positive', entries, results)).toEqual({ matched: true, to: 'by-uid' });
    expect(matchValueMap('Positive', entries, undefined)).toEqual({ matched: true, to: 'by-code' });
    expect(matchValueMap('POSITIVE', entries.slice(0, 1), undefined)).toEqual({
      matched: true,
      to: 'by-normalised-code',
    });
  });

  it('reports a value that matches nothing', () => {
    const sex = setOf(releases[0][1], OPTION.sex.set);
    expect(matchValueMap('Other', byUid, sex)).toEqual({ matched: false });
    expect(matchValueMap('', [{ from: '-', to: 'x' }], undefined)).toEqual({ matched: false });
  });

  it('finds options by code in either spelling and tells whether a map key exists', () => {
    const results = setOf(releases[1][1], OPTION.testResult.set);
    expect(findOption(results, 'Not performed')?.id).toBe(OPTION.testResult.notPerformed);
    expect(normaliseCode(' Ill seeking healthcare (COVID-19) ')).toBe('ILL_SEEKING_HEALTHCARE_COVID_19');
    expect(optionExists(results, OPTION.testResult.positive)).toBe(true);
    expect(optionExists(results, 'Positive')).toBe(true);
    expect(optionExists(results, 'Presumptive')).toBe(false);
  });
});
