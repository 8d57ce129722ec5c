import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dhis2Simulator } from '../../simulators/dhis2/index.js';
import type { Dhis2Client } from './client.js';
import type { OrgUnit } from './model.js';
import { clientFor, collect, startSim, VERSIONS } from './test-support.js';

const CASES = 'uYjxkTbwRNf';
const CONTACTS = 'DM9n1bUw8W8';
const EVENT_PROGRAM = 'PNClHaZARtz';
const BO = 'O6uvpzGd5pu';

describe.each(VERSIONS)('metadata of DHIS2 %s', (version) => {
  let sim: Dhis2Simulator;
  let client: Dhis2Client;
  beforeAll(async () => {
    sim = await startSim(version, { timeZone: 'Africa/Lagos' });
    client = clientFor(sim);
  });
  afterAll(() => sim.close());

  it('reads the whole org-unit tree page by page, parents first, with geometry', async () => {
    const pages: number[] = [];
    const { rows: units, progress } = await collect(
      client.orgUnits({ pageSize: 400, onProgress: (p) => pages.push(p.read) }),
    );
    expect(units).toHaveLength(1332);
    expect(progress).toMatchObject({ pages: 4, read: 1332, duplicates: 0 });
    expect(pages).toEqual([400, 800, 1200, 1332]);
    expect(new Set(units.map((u) => u.id)).size).toBe(1332);
    const levels = units.map((u) => u.level);
    expect(levels).toEqual([...levels].sort((a, b) => a - b));
    const byType = (type: string) => units.filter((u) => u.geometry?.type === type).length;
    expect([byType('Point'), byType('Polygon'), byType('MultiPolygon')]).toEqual([601, 143, 22]);
    expect(units.filter((u) => !u.geometry)).toHaveLength(566);
    expect(units.filter((u) => u.closedDate)).toHaveLength(5);
    expect(units.find((u) => u.id === 'DiszpKrYNg8')).toEqual<OrgUnit>({
      id: 'DiszpKrYNg8',
      name: 'Ngelehun CHC',
      code: 'OU_559',
      shortName: 'Ngelehun CHC',
      level: 4,
      path: '/ImspTQPwCqd/O6uvpzGd5pu/YuQRtpLP10I/DiszpKrYNg8',
      parentId: 'YuQRtpLP10I',
      openingDate: '1970-01-01',
      geometry: { type: 'Point', coordinates: [-11.4197, 8.1039] },
      lastUpdated: '2021-04-20T09:49:08.909+01:00',
    });
  });

  it('reads only the units below given roots, each once', async () => {
    const { rows, progress } = await collect(client.orgUnits({ roots: [BO, 'YuQRtpLP10I'] }));
    expect(rows).toHaveLength(141);
    expect(progress.duplicates).toBe(3);
    expect(rows.every((u) => u.path.includes(`/${BO}`))).toBe(true);
  });

  it('reads levels, programs with stages and attributes, their option sets and relationship types', async () => {
    const metadata = await client.readMetadata([CASES, CONTACTS, EVENT_PROGRAM]);
    expect(metadata.server.version).toBe(sim.version);
    expect(metadata.orgUnitLevels.map((l) => [l.level, l.name])).toEqual([
      [1, 'National'],
      [2, 'District'],
      [3, 'Chiefdom'],
      [4, 'Facility'],
    ]);
    expect(metadata.programs.map((p) => [p.id, p.programType])).toEqual([
      [CASES, 'WITH_REGISTRATION'],
      [CONTACTS, 'WITH_REGISTRATION'],
      [EVENT_PROGRAM, 'WITHOUT_REGISTRATION'],
    ]);
    const cases = metadata.programs[0]!;
    expect(cases.trackedEntityTypeId).toBe('MCPQUTHX1Ze');
    expect(cases.stages.map((s) => s.id)).toEqual([
      'LpWNjNGvCO5',
      'iR8O4hSLHnu',
      'dDHkBd3X8Ce',
      'iVfs6Jyp7I8',
    ]);
    expect(cases.attributes).toHaveLength(14);
    expect(cases.attributes.find((a) => a.id === 'oindugucx72')).toMatchObject({
      valueType: 'TEXT',
      optionSetId: 'WDUwjiW2rGH',
    });
    const labResult = cases.stages[2]!.dataElements.find((d) => d.id === 'ovY6E8BSdto');
    expect(labResult).toMatchObject({ name: 'Lab Test Result', optionSetId: 'dsgBmIZ0Yrq' });
    expect(metadata.programs[2]!.stages).toHaveLength(1);
    const sex = metadata.optionSets.find((o) => o.id === 'WDUwjiW2rGH');
    expect(sex?.options.map((o) => [o.id, o.code])).toEqual(
      expect.arrayContaining([
        ['Ii4IxCLWEFn', 'Male'],
        ['FKKrOBBFgs1', 'Female'],
      ]),
    );
    const referenced = new Set(
      metadata.programs.flatMap((p) => [
        ...p.attributes.map((a) => a.optionSetId),
        ...p.stages.flatMap((s) => s.dataElements.map((d) => d.optionSetId)),
      ]),
    );
    referenced.delete(undefined);
    expect(new Set(metadata.optionSets.map((o) => o.id))).toEqual(referenced);
    expect(metadata.relationshipTypes).toContainEqual(
      expect.objectContaining({ id: 'ipjUWSTPKFt', name: 'Has Been in Contact with', bidirectional: true }),
    );
  });

  it('says which programs do not exist', async () => {
    await expect(client.programs([CASES, 'NoSuchProg1'])).rejects.toMatchObject({
      kind: 'not-found',
      message: expect.stringMatching(/no program NoSuchProg1/),
    });
  });

  it('reads the org units programs are assigned to', async () => {
    const assigned = await client.programOrgUnits([CASES, EVENT_PROGRAM]);
    expect(assigned[CASES]).toHaveLength(1332);
    expect(assigned[EVENT_PROGRAM]?.length).toBeGreaterThan(0);
  });

  it('gets through transient failures and stops when cancelled', async () => {
    sim.faults.configure({ retryAfterSeconds: 0 });
    sim.faults.script({ kind: '5xx', match: /organisationUnits/ });
    sim.faults.script({ kind: '429', match: /organisationUnits/ });
    sim.faults.script({ kind: 'reset', match: /organisationUnits/ });
    const { rows } = await collect(client.orgUnits({ pageSize: 500 }));
    expect(rows).toHaveLength(1332);
    expect(sim.faults.stats.injected).toMatchObject({ '5xx': 1, '429': 1, reset: 1 });
    sim.faults.clear();

    const controller = new AbortController();
    const walk = client.orgUnits({ pageSize: 100, signal: controller.signal });
    await walk.next();
    controller.abort();
    await expect(walk.next()).rejects.toMatchObject({ kind: 'cancelled' });
  });
});
