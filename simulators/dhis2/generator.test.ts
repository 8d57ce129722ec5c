import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoDataset, startDhis2Simulator, type Dhis2Simulator } from './index.js';
import { RawClient, ZONELESS } from './testClient.js';

type Obj = Record<string, unknown>;
type Te = {
  trackedEntity: string;
  orgUnit: string;
  createdAt: string;
  updatedAt: string;
  attributes: Array<{ attribute: string; value: string }>;
  enrollments: Enrollment[];
  relationships: Relationship[];
};
type Enrollment = {
  enrollment: string;
  program: string;
  events: Array<{
    programStage: string;
    occurredAt: string;
    dataValues: Array<{ dataElement: string; value: string }>;
  }>;
};
type Relationship = {
  relationshipType: string;
  from: { trackedEntity: { trackedEntity: string } };
  to: { trackedEntity: { trackedEntity: string } };
};

const FULL = 'fields=*,enrollments[*,events[*]],relationships[relationshipType,from,to]';

async function pageOf(sim: Dhis2Simulator, query: string): Promise<Obj> {
  return new RawClient(sim.url).ok(`/api/tracker/trackedEntities?${query}`);
}

describe('generated COVID-19 records', () => {
  const sims: Dhis2Simulator[] = [];
  const start = async (seed: number): Promise<Dhis2Simulator> => {
    const sim = await startDhis2Simulator({
      version: '2.42',
      dataset: createDemoDataset({ cases: 40, contacts: 60, events: 20, seed }),
    });
    sims.push(sim);
    return sim;
  };
  afterAll(() => Promise.all(sims.map((s) => s.close())));

  it('are the same for the same seed and differ for another seed', async () => {
    const [a, b, c] = [await start(77), await start(77), await start(78)];
    const query = `program=uYjxkTbwRNf&pageSize=40&${FULL}`;
    const first = await pageOf(a, query);
    expect(await pageOf(b, query)).toEqual(first);
    expect(await pageOf(c, query)).not.toEqual(first);
    const events = (sim: Dhis2Simulator): Promise<Obj> =>
      new RawClient(sim.url).ok('/api/tracker/events?program=PNClHaZARtz&pageSize=20');
    expect(await events(b)).toEqual(await events(a));
  });

  it('hold plausible people, stage events with package codes, and contacts related to cases both ways', async () => {
    const sim = await start(5);
    const api = new RawClient(sim.url);
    const cases = (await pageOf(sim, `program=uYjxkTbwRNf&paging=false&${FULL}`)).trackedEntities as Te[];
    const contacts = (await pageOf(sim, `program=DM9n1bUw8W8&paging=false&${FULL}`)).trackedEntities as Te[];
    expect(cases).toHaveLength(40);
    expect(contacts).toHaveLength(60);
    const facilities = new Set(
      (
        await api.ok<{ organisationUnits: Array<{ id: string }> }>(
          '/api/organisationUnits?paging=false&filter=level:eq:4&fields=id',
        )
      ).organisationUnits.map((u) => u.id),
    );
    const now = Date.now();
    for (const te of cases) {
      const value = (uid: string): string | undefined =>
        te.attributes.find((a) => a.attribute === uid)?.value;
      expect(value('sB1IHYu2xQT')).toMatch(/^[A-Z][a-z]+$/);
      expect(value('ENRjVGxVL6l')).toMatch(/^[A-Z][a-z]+$/);
      expect(['Male', 'Female']).toContain(value('oindugucx72'));
      expect(value('Rv8WM2mTuS5') ?? value('NI0QRzJvQ0k')).toBeDefined();
      expect(value('HAZ7VQ730yn')).toMatch(/^COVID19_\d{7}$/);
      expect(facilities.has(te.orgUnit)).toBe(true);
      expect(te.createdAt <= te.updatedAt).toBe(true);
      expect(Date.parse(`${te.updatedAt}Z`)).toBeLessThan(now);
      const enrollment = te.enrollments[0];
      expect(enrollment?.program).toBe('uYjxkTbwRNf');
      const clinical = enrollment?.events.find((e) => e.programStage === 'LpWNjNGvCO5');
      expect(clinical?.occurredAt).toMatch(ZONELESS);
      const lab = enrollment?.events.find((e) => e.programStage === 'dDHkBd3X8Ce');
      const result = lab?.dataValues.find((d) => d.dataElement === 'ovY6E8BSdto')?.value;
      if (lab) expect(['Positive', 'Negative', 'Inconclusive', 'Unknown']).toContain(result);
    }
    expect(
      cases.some((te) =>
        te.enrollments[0]?.events.some((e) => e.dataValues.some((d) => d.dataElement === 's3eoonJ8OJb')),
      ),
    ).toBe(true);
    const caseIds = new Set(cases.map((c) => c.trackedEntity));
    let caseFirst = 0;
    for (const contact of contacts) {
      expect(contact.relationships).toHaveLength(1);
      const r = contact.relationships[0];
      const ends = [r?.from.trackedEntity.trackedEntity, r?.to.trackedEntity.trackedEntity];
      expect(ends).toContain(contact.trackedEntity);
      expect(ends.some((e) => e !== undefined && caseIds.has(e))).toBe(true);
      if (caseIds.has(ends[0] ?? '')) caseFirst++;
      const followUp = contact.enrollments[0]?.events.find((e) => e.programStage === 'sAV9jAajr8x');
      expect(followUp?.dataValues.find((d) => d.dataElement === 'jGh3SzagmVu')?.value).toMatch(
        /^\d{4}-\d{2}-\d{2}$/,
      );
    }
    expect(caseFirst).toBeGreaterThan(0);
    expect(caseFirst).toBeLessThan(60);
    const events = await api.ok<{
      events: Array<{ enrollment: string; dataValues: Array<{ dataElement: string; value: string }> }>;
    }>('/api/tracker/events?program=PNClHaZARtz&paging=false');
    expect(events.events).toHaveLength(20);
    const classes = new Set(
      events.events.map((e) => e.dataValues.find((d) => d.dataElement === 'Z5z8vFQy0w0')?.value),
    );
    expect(
      [...classes].every((c) =>
        ['Laboratory Confirmed Case', 'Probable Case', 'Suspected Case'].includes(c ?? ''),
      ),
    ).toBe(true);
    expect(new Set(events.events.map((e) => e.enrollment)).size).toBe(1);
  });
});

describe('paging through 200 000 generated cases', () => {
  let sim: Dhis2Simulator;
  let api: RawClient;
  type Page = {
    pager: { page: number; pageSize: number; total?: number; nextPage?: string; prevPage?: string };
    trackedEntities: Array<{ trackedEntity: string; updatedAt: string }>;
  };
  const page = (n: number, extra = ''): Promise<Page> =>
    api.ok<Page>(
      `/api/tracker/trackedEntities?program=uYjxkTbwRNf&order=updatedAt:asc&pageSize=1000&page=${n}&fields=trackedEntity,updatedAt${extra}`,
    );

  beforeAll(async () => {
    sim = await startDhis2Simulator({
      version: '2.42',
      dataset: createDemoDataset({ cases: 200_000, contacts: 2_000, events: 1_000, seed: 2024 }),
    });
    api = new RawClient(sim.url);
  });
  afterAll(() => sim.close());

  it('counts them and returns ordered, distinct pages at the start, middle and end', async () => {
    const first = await page(1, '&totalPages=true');
    expect(first.pager).toMatchObject({ page: 1, pageSize: 1000, total: 200_000 });
    const middle = await page(100);
    const next = await page(101);
    const last = await page(200);
    for (const p of [first, middle, next, last]) {
      const stamps = p.trackedEntities.map((t) => t.updatedAt);
      expect(p.trackedEntities).toHaveLength(1000);
      expect(stamps).toEqual([...stamps].sort());
      expect(new Set(p.trackedEntities.map((t) => t.trackedEntity)).size).toBe(1000);
    }
    expect(
      (middle.trackedEntities.at(-1)?.updatedAt ?? '') <= (next.trackedEntities[0]?.updatedAt ?? ''),
    ).toBe(true);
    expect(middle.pager.nextPage).toContain('page=101');
    expect(last.pager.nextPage).toBeUndefined();
    expect((await page(201)).trackedEntities).toHaveLength(0);
    expect(sim.data.generated?.caseUid(199_999)).toBe(last.trackedEntities.at(-1)?.trackedEntity);
    expect(sim.data.generated?.caseUid(99_000)).toBe(middle.trackedEntities[0]?.trackedEntity);
  });

  it('resumes from a watermark in the middle with updatedAfter', async () => {
    const middle = await page(150);
    const pivot = middle.trackedEntities[500];
    const resumed = await api.ok<Page>(
      `/api/tracker/trackedEntities?program=uYjxkTbwRNf&order=updatedAt:asc&pageSize=10&updatedAfter=${pivot?.updatedAt}&fields=trackedEntity&totalPages=true`,
    );
    expect(resumed.trackedEntities[0]?.trackedEntity).toBe(pivot?.trackedEntity);
    expect(resumed.pager.total).toBe(200_000 - 149_500);
  });

  it('finds any generated record by uid, with its enrollment and events', async () => {
    const uid = sim.data.generated?.caseUid(123_456) ?? '';
    const te = await api.ok<Te>(
      `/api/tracker/trackedEntities/${uid}?program=uYjxkTbwRNf&fields=trackedEntity,enrollments[enrollment,events[event]]`,
    );
    expect(te.trackedEntity).toBe(uid);
    expect(te.enrollments[0]?.enrollment).toBe(sim.data.generated?.caseEnrollmentUid(123_456));
    expect(te.enrollments[0]?.events.length).toBeGreaterThan(0);
  });
});
