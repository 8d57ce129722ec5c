import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoDataset, startDhis2Simulator, type Dhis2Simulator } from './index.js';
import { RawClient, VERSIONS, ZONELESS, minorOf } from './testClient.js';

/**
 * Contract, part 3 (reference §0, §6, §9, §12): the new tracker API per version — envelopes, paging switches and
 * their silent ignores, parameter names, validation statuses, object shapes, `fields`, ordering and windows.
 */
const CASES = 'uYjxkTbwRNf';
const CONTACTS = 'DM9n1bUw8W8';
const ROOT = 'ImspTQPwCqd';
const BO = 'O6uvpzGd5pu';
const dataset = createDemoDataset({ cases: 60, contacts: 80, events: 30, seed: 11 });

type Obj = Record<string, unknown>;

describe.each(VERSIONS)('DHIS2 %s: new tracker API', (version) => {
  const minor = minorOf(version);
  const listKey = minor <= 40 ? 'instances' : 'trackedEntities';
  /** Org-unit parameters under the names this version reads. */
  const ou = (unit: string, mode: string): string =>
    minor <= 40 ? `orgUnit=${unit}&ouMode=${mode}` : `orgUnits=${unit}&orgUnitMode=${mode}`;
  let sim: Dhis2Simulator;
  let api: RawClient;
  const items = (body: Obj, key = listKey): Obj[] => (Array.isArray(body) ? body : (body[key] as Obj[]));

  beforeAll(async () => {
    sim = await startDhis2Simulator({ version, dataset, timeZone: 'Asia/Kolkata' });
    api = new RawClient(sim.url);
  });
  afterAll(() => sim.close());

  it('wraps a page in the envelope of the version', async () => {
    const body = await api.ok(
      `/api/tracker/trackedEntities?program=${CASES}&${ou(ROOT, 'DESCENDANTS')}&page=2&pageSize=10&totalPages=true`,
    );
    const page = { page: 2, pageSize: 10, total: 60, ...(minor >= 38 ? { pageCount: 6 } : {}) };
    expect(items(body)).toHaveLength(10);
    if (minor <= 40) expect(Object.keys(body).sort()).toEqual([listKey, ...Object.keys(page)].sort());
    if (minor <= 40) expect(body).toMatchObject(page);
    if (minor === 41) expect(body).toMatchObject({ pager: page, ...page });
    if (minor >= 42) {
      expect(body).toMatchObject({ pager: page });
      expect(Object.keys(body).sort()).toEqual(['pager', 'trackedEntities']);
    }
  });

  it.runIf(minor === 36)('adds page keys on 2.36 only when the request asked for paging', async () => {
    const body = await api.ok(`/api/tracker/trackedEntities?program=${CASES}&${ou(ROOT, 'DESCENDANTS')}`);
    expect(Object.keys(body)).toEqual(['instances']);
    expect(items(body)).toHaveLength(50);
  });

  it('turns paging off only with the switch the version knows, and silently ignores the other', async () => {
    const query = (extra: string): Promise<Obj> =>
      api.ok(`/api/tracker/trackedEntities?program=${CASES}&${ou(ROOT, 'DESCENDANTS')}&${extra}`);
    const pagingFalse = await query('paging=false');
    const skipPaging = await query('skipPaging=true');
    const unpaged = (body: Obj): void => {
      expect(items(body)).toHaveLength(60);
      expect(Object.keys(body)).toEqual([listKey]);
    };
    const firstPage = (body: Obj): void => {
      expect(items(body)).toHaveLength(50);
      expect(minor >= 41 ? body.pager : body.page).toBeDefined();
    };
    if (minor === 36) [pagingFalse, skipPaging].forEach(unpaged);
    if (minor >= 37 && minor <= 40) {
      unpaged(skipPaging);
      firstPage(pagingFalse);
    }
    if (minor === 41) [pagingFalse, skipPaging].forEach(unpaged);
    if (minor >= 42) {
      unpaged(pagingFalse);
      firstPage(skipPaging);
    }
  });

  it.runIf(minor >= 41)('rejects contradictory paging parameters with 400', async () => {
    const base = `/api/tracker/trackedEntities?program=${CASES}`;
    expect((await api.get(`${base}&paging=false&page=2`)).status).toBe(400);
    expect((await api.get(`${base}&page=0`)).status).toBe(400);
    expect((await api.get(`${base}&pageSize=0`)).status).toBe(400);
    if (minor === 41) expect((await api.get(`${base}&paging=false&skipPaging=false`)).status).toBe(400);
  });

  it.runIf(minor >= 42)(
    'links pages with prevPage/nextPage and leaves nextPage out on the last page',
    async () => {
      const first = await api.ok(
        `/api/tracker/trackedEntities?program=${CASES}&pageSize=25&fields=trackedEntity`,
      );
      const pager = first.pager as { nextPage?: string; prevPage?: string };
      expect(pager.prevPage).toBeUndefined();
      const second = await api.ok((pager.nextPage ?? '').slice(sim.url.length));
      expect((second.pager as Obj).page).toBe(2);
      const third = await api.ok(
        ((second.pager as { nextPage?: string }).nextPage ?? '').slice(sim.url.length),
      );
      expect(items(third)).toHaveLength(10);
      expect((third.pager as Obj).nextPage).toBeUndefined();
      expect((third.pager as Obj).prevPage).toContain('page=2');
      const seen = new Set([first, second, third].flatMap((b) => items(b).map((t) => t.trackedEntity)));
      expect(seen.size).toBe(60);
      const oneShort = await api.ok(
        `/api/tracker/trackedEntities?program=${CASES}&pageSize=59&fields=trackedEntity`,
      );
      expect((oneShort.pager as Obj).nextPage).toContain('page=2');
      const exact = await api.ok(
        `/api/tracker/trackedEntities?program=${CASES}&pageSize=60&fields=trackedEntity`,
      );
      expect((exact.pager as Obj).nextPage).toBeUndefined();
    },
  );

  it('reads the org-unit parameter names of its version and ignores the others', async () => {
    const units = await api.ok<{ organisationUnits: Array<{ id: string; path: string }> }>(
      '/api/organisationUnits?paging=false&fields=id,path',
    );
    const paths = new Map(units.organisationUnits.map((u) => [u.id, u.path]));
    const all = items(
      await api.ok(
        `/api/tracker/trackedEntities?program=${CASES}&${ou(ROOT, 'DESCENDANTS')}&paging=${minor <= 40 && minor > 36 ? 'true&skipPaging=true' : 'false'}&fields=trackedEntity,orgUnit`,
      ),
    );
    const inBo = all.filter((t) => paths.get(t.orgUnit as string)?.includes(BO)).length;
    expect(inBo).toBeGreaterThan(0);
    expect(inBo).toBeLessThan(60);
    const total = async (params: string): Promise<number | string> => {
      const res = await api.get(
        `/api/tracker/trackedEntities?program=${CASES}&${params}&totalPages=true&pageSize=1`,
      );
      if (res.status !== 200) return res.status;
      const body = res.json as Obj;
      return ((minor >= 41 ? body.pager : body) as { total: number }).total;
    };
    expect(await total(ou(BO, 'DESCENDANTS'))).toBe(inBo);
    if (minor <= 40) expect(await total(`orgUnits=${BO}&orgUnitMode=DESCENDANTS`)).toBe(409);
    if (minor === 41) {
      expect(await total(`orgUnit=${BO}&ouMode=DESCENDANTS`)).toBe(inBo);
      expect(await total(`orgUnit=${BO}&orgUnits=${BO}`)).toBe(400);
    }
    if (minor >= 42) expect(await total(`orgUnit=${BO}&ouMode=DESCENDANTS`)).toBe(60);
  });

  it('requires a program or tracked entity type from 2.37: 409 up to 2.41, 400 after', async () => {
    const res = await api.get(`/api/tracker/trackedEntities?${ou(ROOT, 'DESCENDANTS')}`);
    const expected = minor === 36 ? 200 : minor <= 41 ? 409 : 400;
    expect(res.status).toBe(expected);
    if (expected === 409)
      expect(res.json).toMatchObject({
        httpStatus: 'Conflict',
        httpStatusCode: 409,
        status: 'ERROR',
        message: 'Either Program or Tracked entity type should be specified',
      });
    if (expected === 400)
      expect(res.json).toMatchObject({ httpStatus: 'Bad Request', httpStatusCode: 400, status: 'ERROR' });
  });

  it('makes program mandatory on events and enrollments in 2.43 only', async () => {
    const events = await api.get('/api/tracker/events?pageSize=1');
    const enrollments = await api.get(`/api/tracker/enrollments?${ou(ROOT, 'DESCENDANTS')}&pageSize=1`);
    expect(events.status).toBe(minor >= 43 ? 400 : 200);
    expect(enrollments.status).toBe(minor >= 43 ? 400 : 200);
    if (minor >= 43)
      expect(events.json).toMatchObject({ httpStatusCode: 400, message: 'Program is mandatory' });
  });

  it('removes the old tracker routes in 2.42', async () => {
    const old = ['/api/trackedEntityInstances', '/api/events', '/api/enrollments', '/api/relationships'];
    for (const path of old) {
      const res = await api.get(path);
      if (minor >= 42) expect(res.status).toBe(404);
      else expect(res.status).not.toBe(404);
    }
  });

  it('shapes relationship sides flat on 2.36/2.37 and nested from 2.38', async () => {
    const contacts = items(
      await api.ok(
        `/api/tracker/trackedEntities?program=${CONTACTS}&${ou(ROOT, 'DESCENDANTS')}&pageSize=3&fields=trackedEntity`,
      ),
    );
    const contact = String(contacts[0]?.trackedEntity);
    const param = minor <= 37 ? 'tei' : 'trackedEntity';
    const body = await api.ok<Obj | Obj[]>(`/api/tracker/relationships?${param}=${contact}`);
    if (minor === 36) expect(Array.isArray(body)).toBe(true);
    const list = Array.isArray(body) ? body : items(body, minor <= 40 ? 'instances' : 'relationships');
    expect(list).toHaveLength(1);
    const r = list[0] as { relationshipType: string; from: Obj; to: Obj };
    expect(r.relationshipType).toBe('ipjUWSTPKFt');
    const uidOf = (side: Obj): unknown =>
      minor <= 37 ? side.trackedEntity : (side.trackedEntity as Obj).trackedEntity;
    if (minor <= 37) expect(typeof r.from.trackedEntity).toBe('string');
    else expect(typeof r.from.trackedEntity).toBe('object');
    expect([uidOf(r.from), uidOf(r.to)]).toContain(contact);
    expect((await api.get('/api/tracker/relationships')).status).toBe(400);
  });

  it('names the follow-up flag and org-unit name as the version does', async () => {
    const body = await api.ok(`/api/tracker/events?program=${CASES}&pageSize=5`);
    for (const event of items(body, minor <= 40 ? 'instances' : 'events')) {
      expect('followup' in event).toBe(minor <= 41);
      expect('followUp' in event).toBe(minor >= 41);
      expect('orgUnitName' in event).toBe(minor <= 40);
      expect('trackedEntity' in event).toBe(minor !== 37 && minor !== 38);
      expect(String(event.updatedAt)).toMatch(ZONELESS);
    }
  });

  it('returns program attributes only when the request names the program', async () => {
    const withProgram = items(
      await api.ok(`/api/tracker/trackedEntities?program=${CASES}&${ou(ROOT, 'DESCENDANTS')}&pageSize=5`),
    );
    const withType = items(
      await api.ok(
        `/api/tracker/trackedEntities?trackedEntityType=MCPQUTHX1Ze&${ou(ROOT, 'DESCENDANTS')}&pageSize=5`,
      ),
    );
    const attrs = (te: Obj): string[] =>
      (te.attributes as Array<{ attribute: string }>).map((a) => a.attribute);
    for (const te of withProgram) expect(attrs(te)).toContain('HAZ7VQ730yn');
    for (const te of withType) {
      expect(attrs(te)).not.toContain('HAZ7VQ730yn');
      expect(
        attrs(te).every((a) => ['sB1IHYu2xQT', 'he05i8FUwu3', 'oindugucx72', 'ENRjVGxVL6l'].includes(a)),
      ).toBe(true);
    }
  });

  it('filters fields down to nested enrollments and events (2.37+), or only toggles lists (2.36)', async () => {
    const fields =
      'trackedEntity,enrollments[enrollment,program,events[event,programStage,dataValues[dataElement,value]]]';
    const list = items(
      await api.ok(
        `/api/tracker/trackedEntities?program=${CASES}&${ou(ROOT, 'DESCENDANTS')}&pageSize=5&fields=${fields}`,
      ),
    );
    const te = list[0] ?? {};
    const enrollment = (te.enrollments as Obj[])[0] ?? {};
    const event = (enrollment.events as Obj[])[0] ?? {};
    if (minor === 36) {
      expect(te.attributes).toBeDefined();
      expect(event.dataValues).toBeDefined();
    } else {
      expect(Object.keys(te).sort()).toEqual(['enrollments', 'trackedEntity']);
      expect(Object.keys(enrollment).sort()).toEqual(['enrollment', 'events', 'program']);
      expect(Object.keys(event).sort()).toEqual(['dataValues', 'event', 'programStage']);
      expect(Object.keys((event.dataValues as Obj[])[0] ?? {}).sort()).toEqual(['dataElement', 'value']);
    }
    expect(enrollment.program).toBe(CASES);
    if (minor >= 38) {
      const defaults =
        items(
          await api.ok(`/api/tracker/trackedEntities?program=${CASES}&${ou(ROOT, 'DESCENDANTS')}&pageSize=1`),
        )[0] ?? {};
      expect(defaults.enrollments).toBeUndefined();
      expect(defaults.relationships).toBeUndefined();
      expect(defaults.attributes).toBeDefined();
    }
  });

  it('orders by last update (lastUpdated up to 2.40, updatedAt after) and treats updatedAfter as inclusive', async () => {
    const key = minor <= 40 ? 'instances' : 'events';
    const order = minor <= 40 ? 'lastUpdated:asc' : 'updatedAt:asc';
    const page = items(
      await api.ok(
        `/api/tracker/events?program=${CONTACTS}&order=${order}&pageSize=200&fields=event,updatedAt`,
      ),
      key,
    );
    const stamps = page.map((e) => String(e.updatedAt));
    expect(stamps).toEqual([...stamps].sort());
    const pivot = page[10] as { event: string; updatedAt: string };
    const after = items(
      await api.ok(
        `/api/tracker/events?program=${CONTACTS}&order=${order}&updatedAfter=${pivot.updatedAt}&pageSize=200&fields=event,updatedAt`,
      ),
      key,
    );
    expect(after[0]?.event).toBe(pivot.event);
    expect(after).toHaveLength(page.length - 10);
  });

  it('answers unknown tracker uids with a 404 WebMessage', async () => {
    for (const path of ['trackedEntities', 'events', 'enrollments', 'relationships']) {
      const res = await api.get(`/api/tracker/${path}/AAAAAAAAAAA`);
      expect(res.status).toBe(404);
      expect(res.json).toMatchObject({ httpStatusCode: 404, status: 'ERROR' });
    }
  });
});
