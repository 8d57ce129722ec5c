import { describe, expect, it } from 'vitest';
import { emptyCounts } from '../../shared/stages.js';
import { countsBreakdown, countsSentence, formatDuration } from './format.js';

describe('countsBreakdown', () => {
  it('settles every record read into one outcome', () => {
    const counts = {
      ...emptyCounts(),
      read: 10,
      created: 6,
      updated: 1,
      unchanged: 1,
      failed: 1,
      deferred: 1,
    };
    const { settled, unaccounted, rows } = countsBreakdown(counts);
    expect(settled).toBe(10);
    expect(unaccounted).toBe(0);
    expect(rows.map((r) => r.outcome)).toEqual([
      'created',
      'updated',
      'unchanged',
      'skipped',
      'failed',
      'deferred',
      'deleted',
    ]);
  });

  it('reports what is read but not settled yet', () => {
    expect(countsBreakdown({ ...emptyCounts(), read: 10, created: 4 }).unaccounted).toBe(6);
  });
});

describe('countsSentence', () => {
  it('names only the outcomes that happened', () => {
    expect(countsSentence({ ...emptyCounts(), read: 1204, created: 1200, failed: 4 })).toBe(
      '1,204 read: 1,200 created, 4 failed',
    );
    expect(countsSentence(emptyCounts())).toBe('0 read');
  });
});

describe('formatDuration', () => {
  it('reads naturally at each scale', () => {
    expect(formatDuration('2026-01-01T10:00:00Z', '2026-01-01T10:00:42Z')).toBe('42 s');
    expect(formatDuration('2026-01-01T10:00:00Z', '2026-01-01T10:03:20Z')).toBe('3 min 20 s');
    expect(formatDuration('2026-01-01T10:00:00Z', '2026-01-01T12:05:00Z')).toBe('2 h 5 min');
    expect(formatDuration('not a date', '2026-01-01T12:05:00Z')).toBe('');
  });
});
