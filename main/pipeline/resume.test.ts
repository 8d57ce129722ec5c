import { describe, expect, it } from 'vitest';
import type { StageName } from '../../shared/stages.js';
import { Bench, DHIS2_VERSIONS } from './testing/bench.js';
import { stageLines } from './testing/cli-child.js';
import { dhis2Truth } from './testing/dhis2-truth.js';
import { canonicalState, personsOf } from './testing/godata-state.js';
import { expectReconciled } from './testing/runs.js';

interface Crash {
  version: string;
  stage: Extract<StageName, 'cases' | 'contacts'>;
  sizes: { cases: number; contacts: number; events: number };
  /** Kill the CLI when Go.Data has answered this many creates of the stage. */
  killAfter: number;
}

/** Creates of a case (`POST …/cases`) or of a contact with its exposure (`POST …/cases/{id}/contacts`). */
const CREATE: Record<Crash['stage'], RegExp> = {
  cases: /\/outbreaks\/[^/]+\/cases$/,
  contacts: /\/cases\/[^/]+\/contacts$/,
};
const BEFORE: Record<Crash['stage'], StageName[]> = {
  cases: ['locations', 'outbreaks'],
  contacts: ['locations', 'outbreaks', 'cases', 'events'],
};
const AFTER: Record<Crash['stage'], StageName[]> = { cases: ['events', 'contacts'], contacts: [] };

/**
 * The CLI in a child process, killed with SIGKILL part-way through a stage, then started again: the run is
 * resumed (same id) and Go.Data ends as after an uninterrupted run on twin simulators.
 */
async function crashAndResume({ version, stage, sizes, killAfter }: Crash): Promise<void> {
  const [bench, reference] = await Promise.all([
    // Go.Data latency leaves time to kill the CLI part-way through.
    Bench.start({ dhis2Version: version, ...sizes, godataFaults: { latencyMs: 5 }, logGoDataRequests: true }),
    Bench.start({ dhis2Version: version, ...sizes }),
  ]);
  try {
    const uninterrupted = reference.run('all');
    // The stages before go in first, in this process; the CLI runs the stage under test.
    await bench.run(BEFORE[stage]);
    const cli = bench.cliSync(stage);
    bench.killCliAfter(cli, killAfter, (r) => r.method === 'POST' && CREATE[stage].test(r.path));
    const first = await cli.done;
    expect(first.signal, first.stderr).toBe('SIGKILL');
    const kind = stage === 'cases' ? 'case' : 'contact';
    const total = stage === 'cases' ? sizes.cases : sizes.contacts;
    const atKill = personsOf(bench.godata(), kind).length;
    expect(atKill).toBeGreaterThanOrEqual(killAfter);
    expect(atKill).toBeLessThan(total);

    bench.reopenStore();
    const killed = bench.target.runs.latest(stage);
    expect(killed?.status).toBe('running');
    // What the app or the CLI does first when it starts again.
    bench.store.recoverInterruptedRuns();
    expect(bench.target.runs.get(killed?.id ?? -1)?.status).toBe('interrupted');

    const second = await bench.cliSync(stage).done;
    expect(second.code, second.stderr).toBe(0);
    expect(stageLines(second).find((l) => l.stage === stage)).toMatchObject({
      runId: killed?.id,
      status: 'completed',
      failed: 0,
    });
    bench.reopenStore();
    expectReconciled(bench.target, await bench.run(AFTER[stage]));

    const truth = dhis2Truth(bench.sims.dhis2);
    const resumed = bench.target.runs.get(killed?.id ?? -1);
    if (!resumed) throw new Error('the resumed run is gone');
    expectReconciled(bench.target, [{ stage, run: resumed }]);
    const outcomes = bench.target.runs.outcomes(resumed.id, { limit: 10_000 });
    expect(outcomes.map((o) => o.dhis2Uid).sort()).toEqual(
      [...(stage === 'cases' ? truth.cases : truth.contacts)].sort(),
    );
    // Every record was new to Go.Data in this run, so none is unchanged: those the killed attempt wrote are
    // reported as it wrote them (created), and one whose create answer was lost in the kill is updated in place.
    expect(resumed.counts.unchanged).toBe(0);
    for (const o of outcomes) {
      if (o.outcome === 'updated') expect(o.reason, `${o.dhis2Uid}`).toMatch(/answer was lost/);
      else expect(['created', 'deferred'], `${o.dhis2Uid}: ${o.reason}`).toContain(o.outcome);
    }

    const referenceRuns = await uninterrupted;
    expectReconciled(reference.target, referenceRuns);
    const state = bench.godata();
    const ids = state.persons.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual(
      reference
        .godata()
        .persons.map((p) => p.id)
        .sort(),
    );
    expect(canonicalState(state)).toEqual(canonicalState(reference.godata()));
  } finally {
    await Promise.all([bench.close(), reference.close()]);
  }
}

/** Two DHIS2 pages (200 + 20), so a kill lands before the first checkpoint (50) or after it (205). */
const CASE_CRASHES: Crash[] = DHIS2_VERSIONS.map((version, i) => ({
  version,
  stage: 'cases',
  sizes: { cases: 220, contacts: 20, events: 5 },
  killAfter: i % 2 === 0 ? 50 : 205,
}));

describe.concurrent.each(CASE_CRASHES)(
  'the CLI killed during the cases stage against DHIS2 $version (after $killAfter cases)',
  (crash) => {
    it(
      'resumes the same run, and ends where an uninterrupted run ends: same ids, no duplicates, nothing lost',
      { timeout: 240_000 },
      () => crashAndResume(crash),
    );
  },
);

describe('the CLI killed during the contacts stage against DHIS2 2.43', () => {
  it(
    'resumes the same run; contacts and their exposures end as in an uninterrupted run',
    { timeout: 240_000 },
    () =>
      crashAndResume({
        version: '2.43',
        stage: 'contacts',
        sizes: { cases: 40, contacts: 220, events: 5 },
        killAfter: 120,
      }),
  );
});
