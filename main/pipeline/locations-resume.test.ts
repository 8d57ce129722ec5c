import { describe, expect, it } from 'vitest';
import { covid19DefaultMapping } from '../mapping/index.js';
import { Bench } from './testing/bench.js';
import { stageLines } from './testing/cli-child.js';
import { rawOrgUnits, type RawOrgUnit } from './testing/org-units.js';
import { expectReconciled, outcomesByUid } from './testing/runs.js';

/**
 * The CLI applying DHIS2 tree changes to Go.Data locations, killed while it deactivates the units gone from the
 * tree: the import already stored the added and renamed units and their ID-map rows, but none of the run's
 * outcomes are stored yet (they are written at the end). The resumed run (same id) must report what its killed
 * attempt did — created, updated, deleted — not `unchanged` because the ID map already has the rows.
 */
const CHANGED = { renamed: 3, added: 3, removed: 6 };

interface Scenario {
  district: string;
  renamed: string[];
  removed: string[];
  /** Where removed units go: a chiefdom of another district, out of the scope. */
  elsewhere: string;
  /** Where added units go. */
  parent: string;
}

function pickScenario(units: RawOrgUnit[]): Scenario {
  const open = units.filter((u) => !u.closedDate);
  const children = (id: string) => open.filter((u) => u.parent?.id === id);
  const wanted = CHANGED.renamed + CHANGED.removed;
  for (const district of open.filter((u) => u.level === 2)) {
    const facilities = children(district.id).flatMap((c) => children(c.id));
    const elsewhere = open.find((u) => u.level === 3 && u.parent?.id !== district.id);
    const parent = children(district.id)[0];
    if (facilities.length < wanted || !elsewhere || !parent) continue;
    return {
      district: district.id,
      renamed: facilities.slice(0, CHANGED.renamed).map((u) => u.id),
      removed: facilities.slice(CHANGED.renamed, wanted).map((u) => u.id),
      elsewhere: elsewhere.id,
      parent: parent.id,
    };
  }
  throw new Error(`no district with ${wanted} facilities`);
}

const DEACTIVATE = /^\/api\/locations\/[^/]+$/;

describe('a locations run applying drift, killed between its ID-map rows and its outcomes', () => {
  it(
    'reports what its killed attempt created, updated and deactivated when resumed',
    { timeout: 120_000 },
    async () => {
      const bench = await Bench.start({
        dhis2Version: '2.41',
        godataFaults: { latencyMs: 3 },
        logGoDataRequests: true,
      });
      try {
        const scenario = pickScenario(await rawOrgUnits(bench.dhis2Url));
        const defaults = covid19DefaultMapping();
        const mapping = { ...defaults, locations: { ...defaults.locations, roots: [scenario.district] } };
        // The CLI reads the mapping saved in the app.
        bench.store.mappings.save(mapping);
        const [seeded] = await bench.run('locations', {}, {}, bench.session(mapping));
        expect(seeded?.run.counts.failed).toBe(0);

        const data = bench.sims.dhis2.data;
        scenario.renamed.forEach((uid, i) => data.renameOrgUnit(uid, `Renamed Post ${i + 1}`));
        for (const uid of scenario.removed) data.moveOrgUnit(uid, scenario.elsewhere);
        const added = Array.from({ length: CHANGED.added }, (_, i) =>
          String(data.addOrgUnit({ name: `New Clinic ${i + 1}`, parent: scenario.parent }).id),
        );

        const cli = bench.cliSync('locations', '--apply-drift');
        bench.killCliAfter(cli, 1, (r) => r.method === 'PATCH' && DEACTIVATE.test(r.path));
        expect((await cli.done).signal).toBe('SIGKILL');

        bench.reopenStore();
        const killed = bench.target.runs.latest('locations');
        if (!killed || killed.id === seeded?.run.id) throw new Error('no killed locations run');
        expect(bench.target.runs.outcomes(killed.id)).toEqual([]);
        const written = bench.target.idMap
          .list('location')
          .filter((e) => e.writtenBy?.runId === killed.id && !e.deleted);
        expect(written.map((e) => e.dhis2Uid).sort()).toEqual([...scenario.renamed, ...added].sort());

        bench.store.recoverInterruptedRuns();
        const second = await bench.cliSync('locations', '--apply-drift').done;
        expect(second.code, second.stderr).toBe(0);
        expect(stageLines(second)[0]).toMatchObject({ runId: killed.id, status: 'completed', failed: 0 });

        bench.reopenStore();
        const resumed = bench.target.runs.get(killed.id);
        if (!resumed) throw new Error('the resumed run is gone');
        expectReconciled(bench.target, [{ stage: 'locations', run: resumed }]);
        expect(resumed.counts).toMatchObject({
          created: CHANGED.added,
          updated: CHANGED.renamed,
          deleted: CHANGED.removed,
          failed: 0,
          skipped: 0,
        });
        const outcomes = outcomesByUid(bench.target, killed.id);
        for (const uid of added) expect(outcomes.get(uid)?.outcome, uid).toBe('created');
        for (const uid of scenario.renamed) expect(outcomes.get(uid)?.outcome, uid).toBe('updated');
        for (const uid of scenario.removed) {
          expect(outcomes.get(uid)?.outcome, uid).toBe('deleted');
          expect(bench.target.idMap.get('location', uid)?.writtenBy).toEqual({
            runId: killed.id,
            as: 'deleted',
          });
        }

        const locations = new Map(bench.godata().locations.map((l) => [l.id, l]));
        scenario.renamed.forEach((uid, i) => expect(locations.get(uid)?.name).toBe(`Renamed Post ${i + 1}`));
        for (const uid of scenario.removed) expect(locations.get(uid)).toMatchObject({ active: false });
        for (const uid of added) expect(locations.get(uid)).toMatchObject({ active: true });

        // A later run (not the one that wrote the rows) finds every location as this one left it.
        const [next] = await bench.run('locations', {}, {}, bench.session(mapping));
        expect(next?.run.counts).toMatchObject({ created: 0, updated: 0, deleted: 0, failed: 0, skipped: 0 });
      } finally {
        await bench.close();
      }
    },
  );
});
