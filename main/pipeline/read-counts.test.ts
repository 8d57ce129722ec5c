import { afterEach, describe, expect, it } from 'vitest';
import type { RunSummary } from '../../shared/stages.js';
import { Bench } from './testing/bench.js';
import { outcomeSum } from './testing/runs.js';

/** read = sum of the outcomes, one stored outcome per record, for runs that stop part-way as for completed ones. */
const SIZES = { dhis2Version: '2.40', cases: 60, contacts: 10, events: 5 } as const;
const CASE_CREATE = /\/outbreaks\/[^/]+\/cases$/;

function expectReadIsOutcomes(bench: Bench, run: RunSummary | undefined): void {
  if (!run) throw new Error('no run');
  expect(run.counts.read, `run ${run.id} (${run.status}): read vs outcomes`).toBe(outcomeSum(run.counts));
  expect(bench.target.runs.outcomes(run.id, { limit: 1_000_000 })).toHaveLength(run.counts.read);
}

async function settle(promise: Promise<unknown>): Promise<void> {
  await promise.then(
    () => undefined,
    () => undefined,
  );
}

describe('a run that stops part-way stores as read only the records that got an outcome', () => {
  let bench: Bench | undefined;
  afterEach(async () => {
    await bench?.close();
    bench = undefined;
  });

  it('failed (Go.Data down part-way through a page), then failed again after resuming', async () => {
    bench = await Bench.start({ ...SIZES, logGoDataRequests: true });
    const b = bench;
    await b.run(['locations', 'outbreaks']);
    let created = 0;
    b.requestLog?.onAnswer((r) => {
      if (r.method === 'POST' && CASE_CREATE.test(r.path) && r.status === 200 && ++created === 20)
        b.sims.godata.faults.configure({ rates: { '5xx': 1 } });
    });
    let runId = -1;
    await settle(b.run('cases', {}, { onStart: (id) => (runId = id) }));
    const failed = b.target.runs.get(runId);
    expect(failed?.status).toBe('failed');
    // The whole page (all 60 cases) was read; only those written before Go.Data went down have an outcome.
    expect(failed?.counts.read).toBeLessThan(SIZES.cases);
    expectReadIsOutcomes(b, failed);

    // The resumed run re-reads the page it stopped in and fails again a little further on.
    b.sims.godata.faults.clear();
    created = 0;
    await settle(b.run('cases'));
    const again = b.target.runs.get(runId);
    expect(again?.status).toBe('failed');
    expect(again?.counts.read).toBeGreaterThan(failed?.counts.read ?? 0);
    expectReadIsOutcomes(b, again);
  });

  it('cancelled part-way through a page', async () => {
    bench = await Bench.start({ ...SIZES, logGoDataRequests: true });
    const b = bench;
    await b.run(['locations', 'outbreaks']);
    const controller = new AbortController();
    let created = 0;
    b.requestLog?.onAnswer((r) => {
      if (r.method === 'POST' && CASE_CREATE.test(r.path) && r.status === 200 && ++created === 20)
        controller.abort();
    });
    let runId = -1;
    await settle(b.run('cases', {}, { signal: controller.signal, onStart: (id) => (runId = id) }));
    const cancelled = b.target.runs.get(runId);
    expect(cancelled?.status).toBe('cancelled');
    expect(cancelled?.counts.read).toBeLessThan(SIZES.cases);
    expectReadIsOutcomes(b, cancelled);
  });
});
