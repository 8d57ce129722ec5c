import { describe, expect, it } from 'vitest';
import { Bench } from './testing/bench.js';
import { stageLines } from './testing/cli-child.js';
import { dhis2Truth } from './testing/dhis2-truth.js';
import { expectReconciled } from './testing/runs.js';

/**
 * The CLI killed after Go.Data stored some cases and their ID-map rows were committed, but before the page's
 * outcomes were: the resumed run (same id) must report those cases as what the killed attempt did to them —
 * created — not as unchanged because their rows are already in the ID map.
 */
const SIZES = { dhis2Version: '2.41', cases: 80, contacts: 10, events: 5 } as const;
const CASE_CREATE = /\/outbreaks\/[^/]+\/cases$/;

describe('a run killed between ID-map rows and the outcomes of their page', () => {
  it(
    'reports the records its killed attempt created as created when resumed',
    { timeout: 120_000 },
    async () => {
      const bench = await Bench.start({ ...SIZES, godataFaults: { latencyMs: 3 }, logGoDataRequests: true });
      try {
        await bench.run(['locations', 'outbreaks']);
        const cli = bench.cliSync('cases');
        // All 80 cases are one DHIS2 page: nothing of it is flushed before the kill.
        bench.killCliAfter(cli, 30, (r) => r.method === 'POST' && CASE_CREATE.test(r.path));
        expect((await cli.done).signal).toBe('SIGKILL');

        const killed = bench.target.runs.latest('cases');
        if (!killed) throw new Error('no cases run');
        expect(bench.target.runs.outcomes(killed.id)).toEqual([]);
        const writtenBefore = bench.target.idMap
          .list('case')
          .filter((e) => e.writtenBy?.runId === killed.id)
          .map((e) => e.dhis2Uid);
        expect(writtenBefore.length).toBeGreaterThan(20);

        bench.store.recoverInterruptedRuns();
        const second = await bench.cliSync('cases').done;
        expect(second.code, second.stderr).toBe(0);
        expect(stageLines(second)[0]).toMatchObject({ runId: killed.id, status: 'completed', unchanged: 0 });

        const resumed = bench.target.runs.get(killed.id);
        if (!resumed) throw new Error('the resumed run is gone');
        expectReconciled(bench.target, [{ stage: 'cases', run: resumed }]);
        const outcomes = new Map(bench.target.runs.outcomes(killed.id).map((o) => [o.dhis2Uid, o]));
        for (const uid of writtenBefore) expect(outcomes.get(uid)?.outcome, uid).toBe('created');
        // Every case was new to Go.Data in this run: created, or updated where the kill lost the create's answer.
        expect(resumed.counts.created + resumed.counts.updated).toBe(
          dhis2Truth(bench.sims.dhis2).cases.length,
        );
        for (const o of outcomes.values())
          if (o.outcome === 'updated') expect(o.reason, o.dhis2Uid).toMatch(/answer was lost/);

        // A later run (not the one that wrote the rows) finds every case as this one left it.
        const [next] = await bench.run('cases', { fullResync: true });
        expect(next?.run.counts).toMatchObject({ created: 0, updated: 0, unchanged: resumed.counts.read });
      } finally {
        await bench.close();
      }
    },
  );
});
