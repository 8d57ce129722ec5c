import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/result.js';
import type { StageProgress } from '../../shared/stages.js';
import { Bench } from './testing/bench.js';
import { dhis2Truth } from './testing/dhis2-truth.js';
import { personsOf } from './testing/godata-state.js';
import { expectReconciled } from './testing/runs.js';

/** The runner's own rules; they do not depend on the DHIS2 version, so one version serves. */
const SIZES = { dhis2Version: '2.40', cases: 60, contacts: 10, events: 5 } as const;

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (e: unknown) => e,
  );
}

describe('the stage runner', () => {
  let bench: Bench | undefined;
  afterEach(async () => {
    await bench?.close();
    bench = undefined;
  });

  it('refuses a second run of a stage that is running (busy) and lets the first finish', async () => {
    bench = await Bench.start({ ...SIZES, godataFaults: { latencyMs: 3 } });
    const b = bench;
    await b.run(['locations', 'outbreaks']);
    let second: Promise<unknown> | undefined;
    const first = b.run(
      'cases',
      {},
      {
        onStart: () => {
          second = rejection(b.run('cases'));
        },
      },
    );
    const [firstRuns, refused] = await Promise.all([first, first.then(() => second)]);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).kind).toBe('busy');
    expectReconciled(b.target, firstRuns);
    expect(personsOf(b.godata(), 'case')).toHaveLength(dhis2Truth(b.sims.dhis2).cases.length);
  });

  it('keeps a failed run resumable: the next stage stays locked, the next run of the stage continues it', async () => {
    bench = await Bench.start({ ...SIZES, logGoDataRequests: true });
    const b = bench;
    await b.run(['locations', 'outbreaks']);
    let created = 0;
    b.requestLog?.onAnswer((r) => {
      // Go.Data starts failing part-way through the cases, longer than the client keeps retrying.
      if (r.method === 'POST' && /\/cases$/.test(r.path) && r.status === 200 && ++created === 20)
        b.sims.godata.faults.configure({ rates: { '5xx': 1 } });
    });
    let runId: number | undefined;
    const error = await rejection(b.run('cases', {}, { onStart: (id) => (runId = id) }));
    expect(error).toBeInstanceOf(Error);
    const failed = b.target.runs.get(runId ?? -1);
    expect(failed?.status).toBe('failed');
    expect(failed?.error).toMatch(/503|temporarily/);
    expect(b.target.progress.checkpointRunId('cases')).toBe(runId);
    // The records written before the failure kept their outcomes (in-flight ones were awaited, not dropped).
    const stored = b.target.runs.outcomes(runId ?? -1, { limit: 10_000 });
    expect(stored.filter((o) => o.outcome === 'created')).toHaveLength(personsOf(b.godata(), 'case').length);
    const locked = await rejection(b.run('contacts'));
    expect((locked as AppError).kind).toBe('stage-locked');
    expect((locked as AppError).message).toMatch(/was failed/);

    b.sims.godata.faults.clear();
    const runs = await b.run(['cases', 'events', 'contacts']);
    expect(runs[0]?.run.id).toBe(runId);
    expectReconciled(b.target, runs);
    const truth = dhis2Truth(b.sims.dhis2);
    const cases = personsOf(b.godata(), 'case');
    expect(cases).toHaveLength(truth.cases.length);
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
  });

  it('reports progress, ending with a final event whose counts are the run counts', async () => {
    bench = await Bench.start(SIZES);
    await bench.run(['locations', 'outbreaks']);
    const events: StageProgress[] = [];
    const [run] = await bench.run('cases', {}, { onProgress: (p) => events.push(p), progressIntervalMs: 0 });
    const last = events.at(-1);
    expect(events.length).toBeGreaterThan(2);
    expect(events.filter((e) => e.done)).toHaveLength(1);
    expect(last).toMatchObject({ done: true, runId: run?.run.id, stage: 'cases', phase: 'Finished' });
    expect(last?.counts).toEqual(run?.run.counts);
  });

  // KNOWN BUG (main/godata/session.ts, `login`): the login is sent with `noRetry`, so a transient answer that proves
  // the password was never checked (503, 429 with Retry-After, a reset before the request went out) fails the whole
  // stage. Expected: those are retried like any request; only an answer about the credentials must not be.
  it('completes a stage whose first Go.Data login meets a 503', async () => {
    bench = await Bench.start(SIZES);
    bench.sims.godata.faults.script({ kind: '5xx', match: /^POST \/api\/users\/login$/ });
    const [run] = await bench.run('locations');
    expect(run?.run.status).toBe('completed');
  });
});
