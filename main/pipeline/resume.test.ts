import { describe, expect, it } from 'vitest';
import { Bench, DHIS2_VERSIONS } from './testing/bench.js';
import { startCli, stageLines } from './testing/cli-child.js';
import { dhis2Truth } from './testing/dhis2-truth.js';
import { canonicalState, personsOf } from './testing/godata-state.js';
import { expectReconciled } from './testing/runs.js';

/** Two DHIS2 pages of cases (200 + 20), so a kill can land before the first checkpoint or after it. */
const SIZES = { cases: 220, contacts: 20, events: 5 } as const;
const KILL_AFTER = [50, 205] as const;

const cases = DHIS2_VERSIONS.map((version, i) => [version, KILL_AFTER[i % 2] ?? 50] as const);

describe.concurrent.each(cases)('the CLI killed during the cases stage against DHIS2 %s (after %i cases)', (version, killAfter) => {
  it('resumes the same run, and ends where an uninterrupted run ends: same ids, no duplicates, nothing lost', { timeout: 240_000 }, async () => {
    const [bench, reference] = await Promise.all([
      // Go.Data latency leaves time to kill the CLI part-way through.
      Bench.start({ dhis2Version: version, ...SIZES, godataFaults: { latencyMs: 5 }, logGoDataRequests: true }),
      Bench.start({ dhis2Version: version, ...SIZES }),
    ]);
    try {
      const uninterrupted = reference.run('all');
      // Locations and the outbreak go in first, in this process; the CLI runs the cases stage.
      await bench.run(['locations', 'outbreaks']);
      const args = ['sync', '--stage', 'cases', '--dhis2-url', bench.dhis2Url, '--godata-url', bench.godataUrl, '--data-dir', bench.dir, '--json'];
      const cli = startCli(args);
      let created = 0;
      bench.requestLog?.onAnswer((r) => {
        if (r.method === 'POST' && /\/cases$/.test(r.path) && r.status === 200 && ++created === killAfter) cli.child.kill('SIGKILL');
      });
      const first = await cli.done;
      expect(first.signal, first.stderr).toBe('SIGKILL');
      const atKill = personsOf(bench.godata(), 'case').length;
      expect(atKill).toBeGreaterThanOrEqual(killAfter);
      expect(atKill).toBeLessThan(SIZES.cases);

      bench.reopenStore();
      const killed = bench.target.runs.latest('cases');
      expect(killed?.status).toBe('running');
      // What the app or the CLI does first when it starts again.
      bench.store.recoverInterruptedRuns();
      expect(bench.target.runs.get(killed?.id ?? -1)?.status).toBe('interrupted');

      const second = await startCli(args).done;
      expect(second.code, second.stderr).toBe(0);
      const lines = stageLines(second);
      expect(lines.find((l) => l.stage === 'cases')).toMatchObject({ runId: killed?.id, status: 'completed', failed: 0 });
      bench.reopenStore();
      expectReconciled(bench.target, await bench.run(['events', 'contacts']));

      const truth = dhis2Truth(bench.sims.dhis2);
      const resumed = bench.target.runs.get(killed?.id ?? -1);
      if (!resumed) throw new Error('the resumed run is gone');
      expectReconciled(bench.target, [{ stage: 'cases', run: resumed }]);
      const outcomes = bench.target.runs.outcomes(resumed.id, { limit: 10_000 });
      expect(outcomes.map((o) => o.dhis2Uid).sort()).toEqual([...truth.cases].sort());
      for (const o of outcomes) {
        // Records the killed attempt wrote are found as it left them, or (answer lost in the kill) updated in place.
        if (o.outcome === 'updated') expect(o.reason).toMatch(/answer was lost/);
        else expect(['created', 'unchanged'], `${o.dhis2Uid}: ${o.reason}`).toContain(o.outcome);
      }
      expect(resumed.counts.created).toBeGreaterThanOrEqual(SIZES.cases - atKill);

      const referenceRuns = await uninterrupted;
      expectReconciled(reference.target, referenceRuns);
      const state = bench.godata();
      const ids = state.persons.map((p) => p.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(personsOf(state, 'case')).toHaveLength(truth.cases.length);
      expect(state.persons.map((p) => p.id).sort()).toEqual(reference.godata().persons.map((p) => p.id).sort());
      expect(canonicalState(state)).toEqual(canonicalState(reference.godata()));
    } finally {
      await Promise.all([bench.close(), reference.close()]);
    }
  });
});
