import { describe, expect, it } from 'vitest';
import { compareVersions, parseVersion } from './version.js';
import { rulesFor } from './versions.js';

describe('parseVersion', () => {
  it.each([
    ['2.40.3', { major: 2, minor: 40, patch: 3, hotfix: 0 }],
    ['2.39.0.1', { major: 2, minor: 39, patch: 0, hotfix: 1 }],
    ['2.44-SNAPSHOT', { major: 2, minor: 44, patch: 0, hotfix: 0, suffix: 'SNAPSHOT' }],
    ['2.36.4-EMBARGOED', { major: 2, minor: 36, patch: 4, hotfix: 0, suffix: 'EMBARGOED' }],
    ['2.36', { major: 2, minor: 36, patch: 0, hotfix: 0 }],
    [' 2.41.1 ', { major: 2, minor: 41, patch: 1, hotfix: 0 }],
  ])('reads %s', (text, expected) => {
    expect(parseVersion(text)).toEqual(expected);
  });

  it.each(['', 'v2.40', '2', '2.x.1', '2.40.3.1.5', 'unknown'])('refuses %j', (text) => {
    expect(parseVersion(text)).toBeUndefined();
  });

  it('orders numerically, a hotfix after its patch and a snapshot before its release', () => {
    const sorted = ['2.40.10', '2.40.3.1', '2.9.0', '2.40.3', '2.44-SNAPSHOT', '2.44.0']
      .map((v) => ({ v, parsed: parseVersion(v)! }))
      .sort((a, b) => compareVersions(a.parsed, b.parsed))
      .map((x) => x.v);
    expect(sorted).toEqual(['2.9.0', '2.40.3', '2.40.3.1', '2.40.10', '2.44-SNAPSHOT', '2.44.0']);
  });
});

describe('rulesFor', () => {
  it('refuses versions older than 2.36', () => {
    expect(rulesFor({ major: 2, minor: 35 })).toBeUndefined();
    expect(rulesFor({ major: 1, minor: 99 })).toBeUndefined();
  });

  it('has rules for every supported line and reads newer versions with the newest rules', () => {
    for (let minor = 36; minor <= 43; minor++) expect(rulesFor({ major: 2, minor })?.line).toBe(`2.${minor}`);
    expect(rulesFor({ major: 2, minor: 44 })?.line).toBe('2.43');
  });

  it('switches parameter names, envelopes and paging where the reference says', () => {
    const at = (minor: number) => rulesFor({ major: 2, minor })!;
    expect(at(40).trackedEntityParams.orgUnits).toBe('orgUnit');
    expect(at(41).trackedEntityParams.orgUnits).toBe('orgUnits');
    expect(at(41).trackedEntityParams.enrollmentStatus).toBe('programStatus');
    expect(at(42).trackedEntityParams.enrollmentStatus).toBe('enrollmentStatus');
    expect([at(40).listKey, at(41).listKey]).toEqual(['instances', 'collection']);
    expect([at(41).lastPage, at(42).lastPage]).toEqual(['short-page', 'no-next-page']);
    expect([at(36).relationships.answer, at(37).relationships.answer]).toEqual(['bare-array', 'list']);
    expect([at(37).relationshipSide, at(38).relationshipSide]).toEqual(['flat', 'nested']);
    expect([at(40).eventFollowUpKey, at(41).eventFollowUpKey]).toEqual(['followup', 'followUp']);
    expect([at(36).personalAccessTokens, at(37).personalAccessTokens, at(38).personalAccessTokens]).toEqual([
      'none',
      'if-enabled',
      'yes',
    ]);
  });
});
