import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoDataset, startDhis2Simulator, type Dhis2Simulator } from './index.js';
import { RawClient, VERSIONS, ZONELESS, minorOf, zonedToEpoch } from './testClient.js';

/**
 * Contract, part 4 (reference §5, §8, §9): deletions and `includeDeleted`, relationship deletion per version,
 * zone-less timestamps in the server zone, and the deprecated tracker API where it still exists.
 */
const CASES = 'uYjxkTbwRNf';
const CONTACTS = 'DM9n1bUw8W8';
const ROOT = 'ImspTQPwCqd';
const ZONE = 'America/Santiago';
const dataset = createDemoDataset({ cases: 30, contacts: 40, events: 10, seed: 23 });

type Obj = Record<string, unknown>;

describe.each(VERSIONS)('DHIS2 %s: changes, deletions and the old API', (version) => {
  const minor = minorOf(version);
  const listKey = (entity: string): string => (minor <= 40 ? 'instances' : entity);
  const ou = (unit: string, mode: string): string =>
    minor <= 40 ? `orgUnit=${unit}&ouMode=${mode}` : `orgUnits=${unit}&orgUnitMode=${mode}`;
  const teParam = minor <= 40 ? 'trackedEntity' : 'trackedEntities';
  let sim: Dhis2Simulator;
  let api: RawClient;
  const list = async (path: string, entity: string): Promise<Obj[]> => {
    const body = await api.ok<Obj | Obj[]>(path);
    return Array.isArray(body) ? body : (body[listKey(entity)] as Obj[]);
  };

  beforeAll(async () => {
    sim = await startDhis2Simulator({ version, dataset, timeZone: ZONE });
    api = new RawClient(sim.url);
  });
  afterAll(() => sim.close());

  it('renders changed records with zone-less timestamps in the server zone', async () => {
    const te =
      (
        await list(
          `/api/tracker/trackedEntities?program=${CASES}&${ou(ROOT, 'DESCENDANTS')}&pageSize=1`,
          'trackedEntities',
        )
      )[0] ?? {};
    const before = Date.now();
    sim.data.updateTrackedEntity(String(te.trackedEntity), { attributes: { sB1IHYu2xQT: 'Renamed' } });
    const after = Date.now();
    const again = await api.ok(`/api/tracker/trackedEntities/${String(te.trackedEntity)}?program=${CASES}`);
    expect(String(again.updatedAt)).toMatch(ZONELESS);
    const instant = zonedToEpoch(String(again.updatedAt), ZONE);
    expect(instant).toBeGreaterThanOrEqual(before);
    expect(instant).toBeLessThanOrEqual(after);
    const firstName = (again.attributes as Array<{ attribute: string; value: string }>).find(
      (a) => a.attribute === 'sB1IHYu2xQT',
    );
    expect(firstName?.value).toBe('Renamed');
    const changed = await list(
      `/api/tracker/trackedEntities?program=${CASES}&${ou(ROOT, 'DESCENDANTS')}&updatedAfter=${String(again.updatedAt)}`,
      'trackedEntities',
    );
    expect(changed.map((t) => t.trackedEntity)).toEqual([te.trackedEntity]);
  });

  it('hides soft-deleted tracked entities unless includeDeleted=true, and 404s them singly', async () => {
    const all = await list(
      `/api/tracker/trackedEntities?program=${CASES}&${ou(ROOT, 'DESCENDANTS')}&pageSize=5`,
      'trackedEntities',
    );
    const uid = String(all[2]?.trackedEntity);
    sim.data.deleteTrackedEntity(uid);
    const base = `/api/tracker/trackedEntities?program=${CASES}&${ou(ROOT, 'DESCENDANTS')}&${teParam}=${uid}`;
    expect(await list(base, 'trackedEntities')).toHaveLength(0);
    const withDeleted = await list(`${base}&includeDeleted=true`, 'trackedEntities');
    expect(withDeleted).toHaveLength(1);
    expect(withDeleted[0]?.deleted).toBe(true);
    expect((await api.get(`/api/tracker/trackedEntities/${uid}`)).status).toBe(404);
    const events = await list(
      `/api/tracker/events?program=${CASES}&trackedEntity=${uid}&includeDeleted=true`,
      'events',
    );
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e) => e.deleted === true)).toBe(true);
  });

  it('deletes relationships outright up to 2.40 and softly from 2.41', async () => {
    const contact =
      (
        await list(
          `/api/tracker/trackedEntities?program=${CONTACTS}&${ou(ROOT, 'DESCENDANTS')}&pageSize=1`,
          'trackedEntities',
        )
      )[0] ?? {};
    const param = minor <= 37 ? 'tei' : 'trackedEntity';
    const path = `/api/tracker/relationships?${param}=${String(contact.trackedEntity)}`;
    const before = await list(path, 'relationships');
    expect(before).toHaveLength(1);
    sim.data.deleteRelationship(String(before[0]?.relationship));
    expect(await list(path, 'relationships')).toHaveLength(0);
    const withDeleted = await list(`${path}&includeDeleted=true`, 'relationships');
    expect(withDeleted).toHaveLength(minor >= 41 ? 1 : 0);
    if (minor >= 41) expect('deleted' in (withDeleted[0] ?? {})).toBe(false);
  });

  it.runIf(minor <= 41)(
    'serves /api/trackedEntityInstances with a pager only when totalPages=true',
    async () => {
      const plain = await api.ok(
        `/api/trackedEntityInstances?program=${CASES}&ou=${ROOT}&ouMode=DESCENDANTS&pageSize=5`,
      );
      expect(Object.keys(plain)).toEqual(['trackedEntityInstances']);
      const tei = (plain.trackedEntityInstances as Obj[])[0] ?? {};
      expect(tei).toMatchObject({ trackedEntityType: 'MCPQUTHX1Ze', enrollments: [] });
      expect(String(tei.lastUpdated)).toMatch(ZONELESS);
      const counted = await api.ok(
        `/api/trackedEntityInstances?program=${CASES}&ou=${ROOT}&ouMode=DESCENDANTS&pageSize=5&totalPages=true`,
      );
      expect(counted.pager).toMatchObject({ page: 1, pageSize: 5, total: 29, pageCount: 6 });
      const full = await api.ok(
        `/api/trackedEntityInstances?program=${CASES}&ou=${ROOT}&ouMode=DESCENDANTS&pageSize=1&fields=*`,
      );
      const enrollment = ((full.trackedEntityInstances as Obj[])[0]?.enrollments as Obj[])[0] ?? {};
      expect(enrollment).toMatchObject({ program: CASES, orgUnitName: expect.any(String) as unknown });
      expect(String(enrollment.enrollmentDate)).toMatch(ZONELESS);
      const missing = await api.get(`/api/trackedEntityInstances?ou=${ROOT}&ouMode=DESCENDANTS`);
      expect(missing.status).toBe(minor === 36 ? 200 : 409);
    },
  );

  it.runIf(minor <= 41)('pages /api/events with the pager of the version', async () => {
    const body = await api.ok(
      `/api/events?program=${CONTACTS}&orgUnit=${ROOT}&ouMode=DESCENDANTS&pageSize=10&page=2`,
    );
    const expected =
      minor >= 38
        ? { page: 2, pageSize: 10, isLastPage: false }
        : { page: 1, pageCount: 0, total: 0, pageSize: 10 };
    expect(body.pager).toEqual(expected);
    const events = body.events as Obj[];
    expect(events).toHaveLength(10);
    expect(events[0]).toMatchObject({ program: CONTACTS, followup: false });
    expect('eventDate' in (events[0] ?? {})).toBe(true);
    expect('trackedEntityInstance' in (events[0] ?? {})).toBe(minor <= 37);
    const counted = await api.ok(
      `/api/events?program=${CONTACTS}&orgUnit=${ROOT}&ouMode=DESCENDANTS&pageSize=10&totalPages=true`,
    );
    expect(counted.pager).toMatchObject({
      page: 1,
      pageSize: 10,
      pageCount: expect.any(Number) as unknown,
      total: expect.any(Number) as unknown,
    });
    const skipped = await api.ok(
      `/api/events?program=${CONTACTS}&orgUnit=${ROOT}&ouMode=DESCENDANTS&skipPaging=true`,
    );
    expect(skipped.pager).toBeUndefined();
    const total = (skipped.events as Obj[]).length;
    if (minor >= 38) {
      const lastButOne = await api.ok(
        `/api/events?program=${CONTACTS}&orgUnit=${ROOT}&ouMode=DESCENDANTS&pageSize=${total - 1}`,
      );
      expect(lastButOne.pager).toMatchObject({ isLastPage: false });
      const whole = await api.ok(
        `/api/events?program=${CONTACTS}&orgUnit=${ROOT}&ouMode=DESCENDANTS&pageSize=${total}`,
      );
      expect(whole.pager).toMatchObject({ isLastPage: true });
    }
  });

  it.runIf(minor <= 41)('answers /api/relationships with a bare array of old-style sides', async () => {
    const contact =
      (
        await list(
          `/api/tracker/trackedEntities?program=${CONTACTS}&${ou(ROOT, 'DESCENDANTS')}&pageSize=2`,
          'trackedEntities',
        )
      )[1] ?? {};
    const body = await api.ok<unknown>(`/api/relationships?tei=${String(contact.trackedEntity)}`);
    expect(Array.isArray(body)).toBe(true);
    const r = (
      body as Array<{
        from: { trackedEntityInstance: { trackedEntityInstance: string } };
        to: { trackedEntityInstance: { trackedEntityInstance: string } };
      }>
    )[0];
    expect([
      r?.from.trackedEntityInstance.trackedEntityInstance,
      r?.to.trackedEntityInstance.trackedEntityInstance,
    ]).toContain(contact.trackedEntity);
    expect((await api.get('/api/relationships?tei=AAAAAAAAAAA')).status).toBe(404);
  });
});
