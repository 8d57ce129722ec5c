import { describe, expect, it } from 'vitest';
import type { DriftReport } from '../../../shared/views.js';
import { driftLines, driftTotal } from './drift.js';

const report: DriftReport = {
  checkedAt: '2026-01-05T10:00:00Z',
  mirrored: 120,
  added: [{ uid: 'OU000000001', name: 'New clinic', path: 'Sierra Leone / Bo / New clinic' }],
  renamed: [
    {
      uid: 'OU000000002',
      name: 'Bo Hospital',
      path: 'Sierra Leone / Bo / Bo Hospital',
      from: 'Bo Govt Hospital',
    },
  ],
  moved: [
    {
      uid: 'OU000000003',
      name: 'Kpetema',
      path: 'Sierra Leone / Bo / Kpetema',
      fromPath: 'Sierra Leone / Kenema / Kpetema',
    },
  ],
  closed: [],
  removed: [],
};

describe('drift report', () => {
  it('counts every change', () => {
    expect(driftTotal(report)).toBe(3);
  });

  it('says what changed for each unit', () => {
    expect(driftLines(report, 'added')).toEqual([
      { uid: 'OU000000001', text: 'New clinic (Sierra Leone / Bo / New clinic)' },
    ]);
    expect(driftLines(report, 'renamed')[0]?.text).toBe('Bo Govt Hospital → Bo Hospital');
    expect(driftLines(report, 'moved')[0]?.text).toBe(
      'Kpetema: Sierra Leone / Kenema / Kpetema → Sierra Leone / Bo / Kpetema',
    );
    expect(driftLines(report, 'closed')).toEqual([]);
  });
});
