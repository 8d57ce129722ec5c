import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/result.js';
import type { StageProgress } from '../../shared/stages.js';
import { isCancellation } from './runner.js';
import { Bench, DHIS2_VERSIONS } from './testing/bench.js';
import { dhis2Truth } from './testing/dhis2-truth.js';
import { personsOf } from './testing/godata-state.js';
import { expectReconciled } from './testing/runs.js';

const SIZES = { cases: 120, contacts: 10, events: 5 } as const;
const CANCEL_AFTER = 40;

describe.each(DHIS2_VERSIONS)('cancelling the cases stage against DHIS2 %s', (version) => {
  let bench: Bench;
  let cancelledRun: number | undefined;
  let error: unknown;
  const controller = new AbortController();

  beforeAll(async () => {
    bench = await Bench.start({
      dhis2Version: version,
      ...SIZES,
      godataFaults: { latencyMs: 3 },
      logGoDataRequests: true,
    });
    await bench.run(['locations', 'outbreaks']);
    let created = 0;
    bench.requestLog?.onAnswer((r) => {
      if (r.method === 'POST' && /\/cases$/.test(r.path) && r.status === 200 && ++created === CANCEL_AFTER)
        controller.abort();
    });
    error = await bench
      .run('cases', {}, { signal: controller.signal, onStart: (id) => (cancelledRun = id) })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
  });
  afterAll(() => bench?.close());

  it('ends the run cancelled, part-way, and keeps it resumable', () => {
    expect(error).toBeDefined();
    expect(isCancellation(error, controller.signal)).toBe(true);
    const run = bench.target.runs.get(cancelledRun ?? -1);
    expect(run?.status).toBe('cancelled');
    expect(bench.target.progress.checkpointRunId('cases')).toBe(cancelledRun);
    const stored = personsOf(bench.godata(), 'case').length;
    expect(stored).toBeGreaterThanOrEqual(CANCEL_AFTER);
    expect(stored).toBeLessThan(SIZES.cases);
  });

  it('keeps the next stage locked while the run is unfinished', async () => {
    const refused = await bench.run('contacts').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).kind).toBe('stage-locked');
    expect((refused as AppError).message).toMatch(/was cancelled/);
  });

  it('the next run continues the same run and completes it, without duplicates', async () => {
    const progress: StageProgress[] = [];
    const runs = await bench.run(
      ['cases', 'events', 'contacts'],
      {},
      { onProgress: (p) => p.stage === 'cases' && progress.push(p) },
    );
    expect(runs[0]?.run.id).toBe(cancelledRun);
    // The resumed run's last progress event agrees with its stored counts (records met twice count once).
    expect(progress.at(-1)?.counts).toEqual(runs[0]?.run.counts);
    expectReconciled(bench.target, runs);
    const truth = dhis2Truth(bench.sims.dhis2);
    const outcomes = bench.target.runs.outcomes(cancelledRun ?? -1, { limit: 10_000 });
    expect(outcomes.map((o) => o.dhis2Uid).sort()).toEqual([...truth.cases].sort());
    const cases = personsOf(bench.godata(), 'case');
    expect(cases).toHaveLength(truth.cases.length);
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
    const ids = new Set(cases.map((c) => c.id));
    for (const uid of truth.cases)
      expect(ids.has(bench.target.idMap.get('case', uid)?.godataId ?? '')).toBe(true);
    expect(bench.target.progress.checkpointRunId('cases')).toBeUndefined();
  });
});
