import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoDataset, startDhis2Simulator, type Dhis2Simulator } from './index.js';
import { RawClient } from './testClient.js';

/** `sim.data`: the changes tests make, seen through the API as a client would see them. */
type Obj = Record<string, unknown>;
const CASES = 'uYjxkTbwRNf';

describe('sim.data changes tracker records', () => {
  let sim: Dhis2Simulator;
  let api: RawClient;
  const tes = async (query: string): Promise<Obj[]> =>
    (await api.ok<{ trackedEntities: Obj[] }>(`/api/tracker/trackedEntities?${query}`)).trackedEntities;

  beforeAll(async () => {
    sim = await startDhis2Simulator({
      version: '2.42',
      dataset: createDemoDataset({ cases: 20, contacts: 20, events: 5, seed: 31 }),
    });
    api = new RawClient(sim.url);
  });
  afterAll(() => sim.close());

  it('adds a tracked entity with its enrollment, events and a relationship, stamped now', async () => {
    const before = new Date(Date.now() - 1_000).toISOString().slice(0, 23);
    const te = sim.data.addTrackedEntity({
      trackedEntity: 'NewCase0001',
      trackedEntityType: 'MCPQUTHX1Ze',
      orgUnit: 'DiszpKrYNg8',
      attributes: [{ attribute: 'sB1IHYu2xQT', value: 'Hawa' }],
      enrollments: [
        {
          program: CASES,
          orgUnit: 'DiszpKrYNg8',
          attributes: [{ attribute: 'HAZ7VQ730yn', value: 'COVID19_9999999' }],
          events: [
            {
              programStage: 'dDHkBd3X8Ce',
              orgUnit: 'DiszpKrYNg8',
              status: 'COMPLETED',
              dataValues: [{ dataElement: 'ovY6E8BSdto', value: 'Positive' }],
            },
          ],
        },
      ],
      relationships: [
        {
          relationshipType: 'ipjUWSTPKFt',
          from: { trackedEntity: sim.data.generated?.caseUid(0) ?? '' },
          to: { trackedEntity: 'NewCase0001' },
        },
      ],
    });
    expect(te.trackedEntity).toBe('NewCase0001');
    expect(sim.data.relationshipsOf('NewCase0001')).toHaveLength(1);
    expect(() =>
      sim.data.addRelationship({
        relationshipType: 'ipjUWSTPKFt',
        from: { trackedEntity: 'NewCase0001' },
        to: { trackedEntity: 'Nobody00001' },
      }),
    ).toThrow(/does not exist/);
    const changed = await tes(
      `program=${CASES}&updatedAfter=${before}&fields=trackedEntity,attributes[attribute,value],enrollments[events[dataValues[value]]]`,
    );
    expect(changed.map((t) => t.trackedEntity)).toEqual([te.trackedEntity]);
    expect(JSON.stringify(changed[0])).toContain('COVID19_9999999');
    expect(JSON.stringify(changed[0])).toContain('Positive');
  });

  it('updates event values and bumps the event and its tracked entity', async () => {
    const caseUid = sim.data.generated?.caseUid(3) ?? '';
    const eventUid = sim.data.generated?.caseEventUid(3, 0) ?? '';
    const oldTe = sim.data.trackedEntity(caseUid);
    const updated = sim.data.updateEvent(eventUid, {
      dataValues: { CUbZcLm9LyN: 'Yes' },
      status: 'COMPLETED',
    });
    expect(updated.updatedAt).toBeGreaterThan(oldTe?.updatedAt ?? 0);
    const event = await api.ok(`/api/tracker/events/${eventUid}`);
    expect(
      (event.dataValues as Array<{ dataElement: string; value: string }>).find(
        (d) => d.dataElement === 'CUbZcLm9LyN',
      )?.value,
    ).toBe('Yes');
    expect(sim.data.trackedEntity(caseUid)?.updatedAt).toBe(updated.updatedAt);
    const events = await api.ok<{ events: Obj[] }>(
      `/api/tracker/events?program=${CASES}&paging=false&fields=event`,
    );
    expect(events.events.filter((e) => e.event === eventUid)).toHaveLength(1);
  });

  it('deletes an enrollment softly together with its events', async () => {
    const enrollment = sim.data.generated?.caseEnrollmentUid(5) ?? '';
    sim.data.deleteEnrollment(enrollment);
    expect((await api.get(`/api/tracker/enrollments/${enrollment}`)).status).toBe(404);
    const events = await api.ok<{ events: Obj[] }>(
      `/api/tracker/events?program=${CASES}&enrollments=${enrollment}&includeDeleted=true`,
    );
    expect(events.events.length).toBeGreaterThan(0);
    expect(events.events.every((e) => e.deleted === true)).toBe(true);
    const caseUid = sim.data.generated?.caseUid(5) ?? '';
    expect((await tes(`program=${CASES}&trackedEntities=${caseUid}`)).length).toBe(0);
  });
});

describe('sim.data changes org units', () => {
  let sim: Dhis2Simulator;
  let api: RawClient;
  const unit = (id: string): Promise<Obj> =>
    api.ok(`/api/organisationUnits/${id}?fields=id,name,level,path,parent[id],lastUpdated,closedDate`);

  beforeAll(async () => {
    sim = await startDhis2Simulator({
      version: '2.40',
      dataset: createDemoDataset({ cases: 0, contacts: 0, events: 0, seed: 1 }),
    });
    api = new RawClient(sim.url);
  });
  afterAll(() => sim.close());

  it('adds, renames and closes a unit, bumping lastUpdated each time', async () => {
    const added = sim.data.addOrgUnit({ name: 'Pop-up clinic', parent: 'YuQRtpLP10I', code: 'OU_NEW_1' });
    const fresh = await unit(added.id);
    expect(fresh).toMatchObject({
      level: 4,
      path: `/ImspTQPwCqd/O6uvpzGd5pu/YuQRtpLP10I/${added.id}`,
      parent: { id: 'YuQRtpLP10I' },
    });
    const parent = await api.ok('/api/organisationUnits/YuQRtpLP10I?fields=children[id]');
    expect(parent.children).toContainEqual({ id: added.id });
    sim.data.renameOrgUnit('DiszpKrYNg8', 'Ngelehun Community Health Centre');
    const renamed = await unit('DiszpKrYNg8');
    expect(renamed.name).toBe('Ngelehun Community Health Centre');
    expect(String(renamed.lastUpdated) > '2024-01-01').toBe(true);
    sim.data.closeOrgUnit('g8upMTyEZGZ', '2024-06-30T00:00:00.000');
    expect((await unit('g8upMTyEZGZ')).closedDate).toBe('2024-06-30T00:00:00.000');
    const watermark = await api.ok<{ organisationUnits: Obj[] }>(
      `/api/organisationUnits?paging=false&fields=id&filter=lastUpdated:ge:${String(renamed.lastUpdated).slice(0, 10)}`,
    );
    expect(watermark.organisationUnits.map((u) => u.id)).toEqual(
      expect.arrayContaining([added.id, 'DiszpKrYNg8', 'g8upMTyEZGZ']),
    );
  });

  it('moves a subtree: paths and levels below follow, only the moved unit is re-stamped', async () => {
    const childBefore = await unit('DiszpKrYNg8');
    sim.data.moveOrgUnit('YuQRtpLP10I', 'kJq2mPyFEHo');
    const moved = await unit('YuQRtpLP10I');
    expect(moved).toMatchObject({
      path: '/ImspTQPwCqd/kJq2mPyFEHo/YuQRtpLP10I',
      parent: { id: 'kJq2mPyFEHo' },
      level: 3,
    });
    const child = await unit('DiszpKrYNg8');
    expect(child.path).toBe('/ImspTQPwCqd/kJq2mPyFEHo/YuQRtpLP10I/DiszpKrYNg8');
    expect(child.lastUpdated).toBe(childBefore.lastUpdated);
    sim.data.moveOrgUnit('DiszpKrYNg8', 'kJq2mPyFEHo');
    expect(await unit('DiszpKrYNg8')).toMatchObject({
      level: 3,
      path: '/ImspTQPwCqd/kJq2mPyFEHo/DiszpKrYNg8',
    });
    expect(() => sim.data.moveOrgUnit('kJq2mPyFEHo', 'DiszpKrYNg8')).toThrow(/below itself/);
  });
});

describe('moving a facility moves its records into another district', () => {
  it('changes which tracked entities a DESCENDANTS search finds', async () => {
    const sim = await startDhis2Simulator({
      version: '2.41',
      dataset: createDemoDataset({ cases: 300, contacts: 0, events: 0, seed: 8 }),
    });
    try {
      const api = new RawClient(sim.url);
      const count = async (district: string): Promise<number> =>
        (
          await api.ok<{ pager: { total: number } }>(
            `/api/tracker/trackedEntities?program=${CASES}&orgUnits=${district}&orgUnitMode=DESCENDANTS&totalPages=true&pageSize=1`,
          )
        ).pager.total;
      const first = (
        await api.ok<{ trackedEntities: Array<{ orgUnit: string }> }>(
          `/api/tracker/trackedEntities?program=${CASES}&pageSize=1`,
        )
      ).trackedEntities[0];
      const facility = first?.orgUnit ?? '';
      const path = String((await api.ok(`/api/organisationUnits/${facility}?fields=path`)).path);
      const [, , from = ''] = path.split('/');
      const to = from === 'O6uvpzGd5pu' ? 'kJq2mPyFEHo' : 'O6uvpzGd5pu';
      const here = (
        await api.ok<{ trackedEntities: Array<{ orgUnit: string }> }>(
          `/api/tracker/trackedEntities?program=${CASES}&paging=false&fields=orgUnit`,
        )
      ).trackedEntities.filter((t) => t.orgUnit === facility).length;
      const [fromBefore, toBefore] = [await count(from), await count(to)];
      const chiefdom =
        (
          await api.ok<{ organisationUnits: Array<{ id: string }> }>(
            `/api/organisationUnits?filter=parent.id:eq:${to}&fields=id&pageSize=1`,
          )
        ).organisationUnits[0]?.id ?? '';
      sim.data.moveOrgUnit(facility, chiefdom);
      expect(await count(from)).toBe(fromBefore - here);
      expect(await count(to)).toBe(toBefore + here);
    } finally {
      await sim.close();
    }
  });
});
