import { describe, expect, it } from 'vitest';
import { parseBenchArgs, UsageError } from './args.js';
import { parseProcStat, parseProcStatus } from './proc.js';
import type { ScenarioResult } from './scenario.js';
import { rssGrowth } from './scenarios/dhis2-paging.js';
import { heapSlope } from './scenarios/sync.js';
import { formatTable } from './table.js';
import { evaluateTargets, failed, type Target } from './targets.js';

describe('parseBenchArgs', () => {
  it('runs every scenario at moderate sizes by default', () => {
    const args = parseBenchArgs([]);
    expect(args.scenarios).toEqual(['dhis2-paging', 'mapping', 'store', 'sync']);
    expect(args.cases).toBeUndefined();
    expect(args).toMatchObject({ dhis2Version: '2.40', godataVersion: '2.50', seed: 42 });
  });

  it('selects scenarios in suite order and reads sizes', () => {
    const args = parseBenchArgs([
      'sync',
      'store',
      '--cases',
      '200_000',
      '--page-size',
      '500',
      '--latency-ms',
      '20',
    ]);
    expect(args.scenarios).toEqual(['store', 'sync']);
    expect(args.cases).toBe(200_000);
    expect(args.pageSize).toBe(500);
    expect(args.latencyMs).toBe(20);
    expect(parseBenchArgs([]).latencyMs).toBe(0);
  });

  it('refuses unknown scenarios, bad sizes and unknown flags', () => {
    expect(() => parseBenchArgs(['paging'])).toThrow(UsageError);
    expect(() => parseBenchArgs(['--cases', '0'])).toThrow(/--cases must be a whole number ≥ 1/);
    expect(() => parseBenchArgs(['--cases', '1.5'])).toThrow(UsageError);
    expect(() => parseBenchArgs(['--godata-version', '2.49'])).toThrow(/2\.48 or 2\.50/);
    expect(() => parseBenchArgs(['--fast'])).toThrow(UsageError);
  });
});

describe('/proc parsing', () => {
  it('reads VmRSS and VmHWM in MB', () => {
    const status =
      'Name:\tnode\nVmPeak:\t 999999 kB\nVmHWM:\t  204800 kB\nVmRSS:\t  102400 kB\nThreads:\t11\n';
    expect(parseProcStatus(status)).toEqual({ rssMb: 100, peakRssMb: 200 });
    expect(() => parseProcStatus('Name:\tnode\n')).toThrow(/VmRSS/);
  });

  it('reads user + system ticks even when the command name holds spaces and parentheses', () => {
    const stat =
      '4242 (node (tsx) x) S 1 4242 4242 0 -1 4194304 100 0 0 0 250 50 0 0 20 0 11 0 731431 3133440 411';
    expect(parseProcStat(stat)).toBe(3);
  });
});

describe('rssGrowth', () => {
  it('compares the highs of the first and last quarter after warm-up', () => {
    const flat = Array.from({ length: 100 }, (_, i) => ({
      page: i + 1,
      rssMb: i < 20 ? 300 : 150 + (i % 5),
    }));
    expect(rssGrowth(flat)).toEqual({ earlyMb: 154, lateMb: 154 });
    const leaking = Array.from({ length: 100 }, (_, i) => ({ page: i + 1, rssMb: 100 + i }));
    // Pages 21–40 peak at 139 MB, pages 81–100 at 199 MB.
    expect(rssGrowth(leaking)).toEqual({ earlyMb: 139, lateMb: 199 });
  });
});

describe('heapSlope', () => {
  it('is the least-squares growth per record of the worst stage, ignoring warm-up and short stages', () => {
    const mb = 1024 * 1024;
    const samples = [
      { stage: 'cases' as const, read: 500, retainedMb: 10 },
      ...[2_000, 4_000, 6_000, 8_000].map((read) => ({
        stage: 'cases' as const,
        read,
        retainedMb: 20 + (read * 100) / mb,
      })),
      ...[2_000, 4_000, 6_000].map((read) => ({
        stage: 'contacts' as const,
        read,
        retainedMb: 20 + (read * 50) / mb,
      })),
      { stage: 'events' as const, read: 2_000, retainedMb: 20 },
      { stage: 'events' as const, read: 2_500, retainedMb: 90 },
    ];
    const slope = heapSlope(samples);
    expect(slope.stage).toBe('cases');
    expect(slope.bytesPerRecord).toBeCloseTo(100, 6);
    expect(heapSlope([])).toEqual({ bytesPerRecord: 0 });
  });
});

describe('targets', () => {
  const result = (metrics: Record<string, number>, cases = 5_000): ScenarioResult => ({
    scenario: 'sync',
    params: { cases },
    metrics,
  });
  const targets: Target[] = [
    {
      id: 'fast',
      scenario: 'sync',
      metric: 'records_per_s',
      kind: 'min',
      bound: 100,
      unit: 'records/s',
      label: 'speed',
    },
    { id: 'small', scenario: 'sync', metric: 'rss', kind: 'max', bound: 400, unit: 'MB', label: 'memory' },
    {
      id: 'big-only',
      scenario: 'sync',
      metric: 'rss',
      kind: 'max',
      bound: (r) => (Number(r.params.cases) >= 100_000 ? 300 : undefined),
      unit: 'MB',
      label: 'memory at full size',
    },
    {
      id: 'other',
      scenario: 'store',
      metric: 'rows',
      kind: 'min',
      bound: 1,
      unit: 'rows/s',
      label: 'not run',
    },
  ];

  it('marks met, missed, not measured and not applicable, and skips scenarios that did not run', () => {
    const outcomes = evaluateTargets([result({ records_per_s: 99, rss: 400 })], targets);
    expect(outcomes.map((o) => [o.id, o.status])).toEqual([
      ['fast', 'missed'],
      ['small', 'met'],
      ['big-only', 'n/a'],
    ]);
    expect(failed(outcomes).map((o) => o.id)).toEqual(['fast']);
    const full = evaluateTargets([result({ records_per_s: 100 }, 200_000)], targets);
    expect(full.map((o) => [o.id, o.status, o.bound])).toEqual([
      ['fast', 'met', 100],
      ['small', 'not measured', 400],
      ['big-only', 'not measured', 300],
    ]);
    expect(failed(full)).toHaveLength(2);
  });
});

describe('formatTable', () => {
  it('aligns numbers right with separators and text left', () => {
    const text = formatTable([
      { stage: 'cases', read: 200_000, per_s: 284.5 },
      { stage: 'locations', read: 1_327, per_s: 764 },
    ]);
    expect(text).toBe(
      [
        'stage         read  per_s',
        '---------  -------  -----',
        'cases      200,000  284.5',
        'locations    1,327    764',
        '',
      ].join('\n'),
    );
    expect(formatTable([])).toBe('');
  });
});
