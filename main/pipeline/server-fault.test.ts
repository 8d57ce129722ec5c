import { afterEach, describe, expect, it } from 'vitest';
import { covid19DefaultMapping, type MappingConfig } from '../mapping/index.js';
import { SERVER_FAULTS_IN_A_ROW } from './write-failures.js';
import { Bench } from './testing/bench.js';
import { personsOf } from './testing/godata-state.js';
import { expectReconciled, outcomeSum } from './testing/runs.js';

/**
 * A record Go.Data fails on with an internal error (500 in its envelope) however often it is retried: here the
 * outbreak's case id mask has one sequence digit, and every case asks for a number from it, so the tenth case
 * overflows it (Go.Data: 500 MASK_TOO_SHORT). Creates that carry a visualId are written one at a time, so the
 * records that fail are exactly those after the ninth.
 */
const NUMBERS = 9;

function maskedMapping(): MappingConfig {
  const mapping = covid19DefaultMapping();
  const group = mapping.outbreaks[0];
  if (!group) throw new Error('the default mapping has no outbreak');
  group.outbreak.caseIdMask = 'C9';
  group.caseMapping.push({ target: 'visualId', source: { kind: 'constant', value: 'C0' } });
  return mapping;
}

async function settle(promise: Promise<unknown>): Promise<void> {
  await promise.then(
    () => undefined,
    () => undefined,
  );
}

describe('Go.Data failing with an internal error on records', () => {
  let bench: Bench | undefined;
  afterEach(async () => {
    await bench?.close();
    bench = undefined;
  });

  it('one such record gets a failed outcome with the server message, and the stage completes, run after run', async () => {
    bench = await Bench.start({
      dhis2Version: '2.40',
      cases: NUMBERS + 1,
      contacts: 5,
      events: 2,
      mapping: maskedMapping(),
    });
    const [seeded] = await bench.run(['locations', 'outbreaks', 'cases']).then((r) => r.slice(2));
    expectReconciled(bench.target, seeded ? [seeded] : []);
    expect(seeded?.run.counts).toMatchObject({ created: NUMBERS, failed: 1 });
    const [failed] = bench.target.runs.outcomes(seeded?.run.id ?? -1, { outcome: 'failed' });
    expect(failed?.reason).toMatch(
      /^Go\.Data failed on it, also when retried: Go\.Data failed with an internal error \(500 INTERNAL_ERROR\)/,
    );
    expect(JSON.parse(failed?.details ?? '{}')).toMatchObject({
      code: 'INTERNAL_ERROR',
      status: 500,
      details: { error: { code: 'MASK_TOO_SHORT' } },
    });
    expect(bench.target.issues.list('cases').map((i) => i.dhis2Uid)).toEqual([failed?.dhis2Uid]);

    // The next run retries it, records the failure again, and does not block the stages after it.
    const again = await bench.run(['cases', 'events', 'contacts']);
    expectReconciled(bench.target, again);
    expect(again[0]?.run.counts).toMatchObject({ failed: 1, created: 0 });
    expect(personsOf(bench.godata(), 'case')).toHaveLength(NUMBERS);
  });

  it(`${SERVER_FAULTS_IN_A_ROW} in a row stop the stage, which stays resumable`, async () => {
    bench = await Bench.start({
      dhis2Version: '2.40',
      cases: NUMBERS + 20,
      contacts: 5,
      events: 2,
      mapping: maskedMapping(),
    });
    await bench.run(['locations', 'outbreaks']);
    let runId = -1;
    await settle(bench.run('cases', {}, { onStart: (id) => (runId = id) }));
    const run = bench.target.runs.get(runId);
    expect(run?.status).toBe('failed');
    expect(run?.error).toMatch(
      new RegExp(`^Go\\.Data failed with an internal error on ${SERVER_FAULTS_IN_A_ROW} records in a row`),
    );
    // Before the stop: the numbered cases, and the ones that failed before the fifth in a row.
    expect(run?.counts).toMatchObject({ created: NUMBERS, failed: SERVER_FAULTS_IN_A_ROW - 1 });
    expect(run?.counts.read).toBe(run ? outcomeSum(run.counts) : -1);
    expect(bench.target.progress.checkpointRunId('cases')).toBe(runId);
  });

  it('an outage (503 on every request) stops the stage at once, marking no record failed', async () => {
    bench = await Bench.start({ dhis2Version: '2.40', cases: 20, contacts: 5, events: 2 });
    await bench.run(['locations', 'outbreaks']);
    bench.sims.godata.faults.configure({ rates: { '5xx': 1 } });
    let runId = -1;
    await settle(bench.run('cases', {}, { onStart: (id) => (runId = id) }));
    const run = bench.target.runs.get(runId);
    expect(run?.status).toBe('failed');
    expect(run?.counts.failed).toBe(0);
  });
});
