import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Doc } from '../../simulators/godata/index.js';
import { covid19DefaultMapping, type MappingConfig } from '../mapping/index.js';
import { computeDrift } from './locations/drift.js';
import { planTree } from './locations/tree.js';
import { Bench, DHIS2_VERSIONS } from './testing/bench.js';
import { rawOrgUnits, type RawOrgUnit } from './testing/org-units.js';
import { expectReconciled, outcomesByUid } from './testing/runs.js';

const LEVEL = 'LNG_REFERENCE_DATA_CATEGORY_LOCATION_GEOGRAPHICAL_LEVEL_ADMIN_LEVEL_';

interface Scenario {
  /** The district the mapping scopes. */
  district: string;
  /** Two of its chiefdoms; facilities of `from` change. */
  from: string;
  to: string;
  renamed: string;
  moved: string;
  closed: string;
  /** Moved to a chiefdom of another district: it leaves the scope, as if removed. */
  removed: string;
  elsewhere: string;
}

function pickScenario(units: RawOrgUnit[]): Scenario {
  const children = (id: string) => units.filter((u) => u.parent?.id === id && !u.closedDate);
  for (const district of units.filter((u) => u.level === 2)) {
    const [from, to] = children(district.id).filter((c) => children(c.id).length >= 4);
    const elsewhere = units.find((u) => u.level === 3 && u.parent?.id !== district.id && !u.closedDate);
    if (!from || !to || !elsewhere) continue;
    const [renamed, moved, closed, removed] = children(from.id);
    if (renamed && moved && closed && removed) {
      return {
        district: district.id,
        from: from.id,
        to: to.id,
        renamed: renamed.id,
        moved: moved.id,
        closed: closed.id,
        removed: removed.id,
        elsewhere: elsewhere.id,
      };
    }
  }
  throw new Error('no district with two chiefdoms of four facilities');
}

function locationsById(docs: Doc[]): Map<string, Doc> {
  return new Map(docs.map((d) => [d.id, d]));
}

describe.each(DHIS2_VERSIONS)('org-unit drift from DHIS2 %s', (version) => {
  let bench: Bench;
  let scenario: Scenario;
  let mapping: MappingConfig;
  let added: string;
  let mirrored: number;

  beforeAll(async () => {
    bench = await Bench.start({ dhis2Version: version, logGoDataRequests: true });
    scenario = pickScenario(await rawOrgUnits(bench.dhis2Url));
    const defaults = covid19DefaultMapping();
    mapping = { ...defaults, locations: { ...defaults.locations, roots: [scenario.district] } };
    const [seeded] = await bench.run('locations', {}, {}, bench.session(mapping));
    mirrored = seeded?.run.counts.created ?? 0;
    expect(mirrored).toBeGreaterThan(7);
    expect(seeded?.run.counts.failed).toBe(0);

    const data = bench.sims.dhis2.data;
    data.renameOrgUnit(scenario.renamed, 'Renamed Health Post');
    data.moveOrgUnit(scenario.moved, scenario.to);
    data.closeOrgUnit(scenario.closed);
    data.moveOrgUnit(scenario.removed, scenario.elsewhere);
    added = String(
      data.addOrgUnit({
        name: 'Brand New Clinic',
        parent: scenario.to,
        code: 'BNC-1',
        geometry: { type: 'Point', coordinates: [-11.5, 8.2] },
      }).id,
    );
  });
  afterAll(() => bench?.close());

  it('planTree reports each change once: added, renamed, moved, closed, removed (moved out of scope)', async () => {
    const { plans, drift } = await planTree(bench.session(mapping), new AbortController().signal);
    const uids = (list: Array<{ uid: string }>) => list.map((u) => u.uid);
    expect(drift.mirrored).toBe(mirrored);
    expect(uids(drift.added)).toEqual([added]);
    expect(uids(drift.renamed)).toEqual([scenario.renamed]);
    expect(drift.renamed[0]?.name).toBe('Renamed Health Post');
    expect(uids(drift.moved)).toEqual([scenario.moved]);
    expect(uids(drift.closed)).toEqual([scenario.closed]);
    expect(uids(drift.removed)).toEqual([scenario.removed]);
    // computeDrift is the pure core: the same plans against the same mirror give the same report.
    const again = computeDrift(plans, bench.target.mirroredOrgUnits.all());
    expect({ ...again, checkedAt: drift.checkedAt }).toEqual(drift);
  });

  it('without applyDrift, a locations run skips the changes with the reason and writes nothing', async () => {
    const before = bench.godata().locations;
    bench.requestLog?.clear();
    const runs = await bench.run('locations', {}, {}, bench.session(mapping));
    expectReconciled(bench.target, runs);
    const run = runs[0]?.run;
    expect(run?.counts).toMatchObject({ created: 0, updated: 0, skipped: 5, failed: 0, deleted: 0 });
    const outcomes = outcomesByUid(bench.target, run?.id ?? -1);
    expect(outcomes.get(added)?.reason).toMatch(/^new in DHIS2; not applied yet/);
    expect(outcomes.get(scenario.renamed)?.reason).toMatch(/^renamed in DHIS2 from ".+"; not applied yet/);
    expect(outcomes.get(scenario.moved)?.reason).toMatch(/^moved in DHIS2 \(was .+\); not applied yet/);
    expect(outcomes.get(scenario.closed)?.reason).toMatch(/^closed in DHIS2; not applied yet/);
    expect(outcomes.get(scenario.removed)?.reason).toMatch(
      /^no longer in the DHIS2 tree \(in scope\); not applied yet/,
    );
    for (const uid of [added, scenario.renamed, scenario.moved, scenario.closed, scenario.removed])
      expect(outcomes.get(uid)?.outcome).toBe('skipped');
    expect(bench.requestLog?.writes()).toEqual([]);
    expect(bench.godata().locations).toEqual(before);
  });

  it('with applyDrift, Go.Data follows: renamed, moved, closed → inactive, removed → inactive, added created', async () => {
    const runs = await bench.run('locations', { applyDrift: true }, {}, bench.session(mapping));
    expectReconciled(bench.target, runs);
    const run = runs[0]?.run;
    expect(run?.counts).toMatchObject({ created: 1, updated: 3, deleted: 1, skipped: 0, failed: 0 });
    const outcomes = outcomesByUid(bench.target, run?.id ?? -1);
    expect(outcomes.get(added)?.outcome).toBe('created');
    for (const uid of [scenario.renamed, scenario.moved, scenario.closed])
      expect(outcomes.get(uid)?.outcome).toBe('updated');

    const locations = locationsById(bench.godata().locations);
    expect(locations.get(scenario.renamed)?.name).toBe('Renamed Health Post');
    expect(locations.get(scenario.moved)?.parentLocationId).toBe(scenario.to);
    expect(locations.get(scenario.closed)?.active).toBe(false);
    // Deactivated, not deleted: cases may still point at it.
    expect(locations.get(scenario.removed)).toMatchObject({ active: false, deleted: false });
    expect(outcomes.get(scenario.removed)?.outcome).toBe('deleted');
    expect(locations.get(added)).toMatchObject({
      name: 'Brand New Clinic',
      parentLocationId: scenario.to,
      geographicalLevelId: `${LEVEL}3`,
      active: true,
      geoLocation: { lat: 8.2, lng: -11.5 },
    });
  });

  it('once applied, there is no drift left and the next run changes nothing', async () => {
    const { drift } = await planTree(bench.session(mapping), new AbortController().signal);
    expect([drift.added, drift.renamed, drift.moved, drift.closed, drift.removed].flat()).toEqual([]);
    bench.requestLog?.clear();
    const runs = await bench.run('locations', {}, {}, bench.session(mapping));
    expectReconciled(bench.target, runs);
    expect(runs[0]?.run.counts).toMatchObject({ created: 0, updated: 0, skipped: 0, failed: 0 });
    expect(bench.requestLog?.writes()).toEqual([]);
  });
});
