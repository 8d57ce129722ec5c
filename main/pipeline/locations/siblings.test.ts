import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgUnit } from '../../dhis2/index.js';
import { covid19DefaultMapping, type MappingConfig } from '../../mapping/index.js';
import { Bench } from '../testing/bench.js';
import { rawOrgUnits } from '../testing/org-units.js';
import { expectReconciled, outcomesByUid } from '../testing/runs.js';
import { planLocations } from './documents.js';

const unit = (id: string, name: string, parentId: string, code?: string): OrgUnit => ({
  id,
  name,
  level: 3,
  path: `/root/${parentId}/${id}`,
  parentId,
  ...(code ? { code } : {}),
});

describe('sibling names are unique among Go.Data siblings', () => {
  it('two scope roots of the same name under different DHIS2 parents are both top level, so one is renamed', () => {
    const plans = planLocations(
      [
        unit('rootB000001', 'Rural District', 'regionB0001', 'RD-B'),
        unit('rootA000001', 'Rural District', 'regionA0001'),
      ],
      { levelTokens: [], roots: ['rootA000001', 'rootB000001'] },
      new Map(),
    );
    expect(plans.map((p) => [p.unit.id, p.document.parentLocationId, p.document.name])).toEqual([
      ['rootB000001', null, 'Rural District (RD-B)'],
      ['rootA000001', null, 'Rural District'],
    ]);
    expect(plans[0]?.renamedBecause).toBe(
      'named "Rural District (RD-B)" in Go.Data: a sibling is already called "Rural District"',
    );
    expect(plans[1]?.renamedBecause).toBeUndefined();
  });

  it('units of the same name under different Go.Data parents keep their names', () => {
    const plans = planLocations(
      [
        unit('regionA0001', 'Region A', 'country0001'),
        unit('regionB0001', 'Region B', 'country0001'),
        unit('rootA000001', 'Rural District', 'regionA0001'),
        unit('rootB000001', 'Rural District', 'regionB0001'),
      ],
      { levelTokens: [], roots: ['regionA0001', 'regionB0001'] },
      new Map(),
    );
    expect(plans.map((p) => p.document.name)).toEqual([
      'Region A',
      'Region B',
      'Rural District',
      'Rural District',
    ]);
    expect(plans.every((p) => p.renamedBecause === undefined)).toBe(true);
  });
});

describe('a locations run with two same-named scope roots under different DHIS2 parents', () => {
  let bench: Bench;
  let mapping: MappingConfig;
  let roots: [string, string];

  beforeAll(async () => {
    bench = await Bench.start({ dhis2Version: '2.40' });
    const units = await rawOrgUnits(bench.dhis2Url);
    const withChildren = (u: { id: string }) => units.some((c) => c.parent?.id === u.id && !c.closedDate);
    const chiefdoms = units.filter((u) => u.level === 3 && !u.closedDate && withChildren(u));
    const first = chiefdoms[0];
    const second = chiefdoms.find((u) => u.parent?.id !== first?.parent?.id);
    if (!first || !second) throw new Error('no two chiefdoms in different districts');
    roots = [first.id, second.id];
    for (const id of roots) bench.sims.dhis2.data.renameOrgUnit(id, 'Rural District');
    const defaults = covid19DefaultMapping();
    mapping = { ...defaults, locations: { ...defaults.locations, roots } };
  });
  afterAll(() => bench?.close());

  it('writes both subtrees, the second root renamed visibly, and a second run changes nothing', async () => {
    const runs = await bench.run('locations', {}, {}, bench.session(mapping));
    expectReconciled(bench.target, runs);
    const run = runs[0]?.run;
    expect(run?.counts.failed).toBe(0);
    expect(run?.counts.created).toBe(run?.counts.read);

    const locations = bench.godata().locations.filter((l) => l.deleted !== true);
    const top = locations.filter((l) => l.parentLocationId == null);
    expect(top.map((l) => l.id).sort()).toEqual([...roots].sort());
    const names = top.map((l) => String(l.name).toLowerCase());
    expect(new Set(names).size).toBe(2);
    // Each root's subtree is in Go.Data below it.
    for (const root of roots) expect(locations.some((l) => l.parentLocationId === root)).toBe(true);

    const outcomes = outcomesByUid(bench.target, run?.id ?? -1);
    const renamed = roots.filter((id) => outcomes.get(id)?.reason?.includes('a sibling is already called'));
    expect(renamed).toHaveLength(1);
    expect(outcomes.get(renamed[0] ?? '')?.outcome).toBe('created');

    const again = await bench.run('locations', {}, {}, bench.session(mapping));
    expectReconciled(bench.target, again);
    expect(again[0]?.run.counts).toMatchObject({ created: 0, updated: 0, skipped: 0, failed: 0 });
  });
});
