import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGoDataSimulator, type GoDataSimulator } from './index.js';
import { activeOutbreak, errorOf, q, RawClient, type Rec } from './testing/client.js';

let sim: GoDataSimulator;
let client: RawClient;
let base: string;

const EXTERNAL = 'LNG_REFERENCE_DATA_CATEGORY_DOCUMENT_TYPE_EXTERNAL_ID';

beforeAll(async () => {
  sim = await startGoDataSimulator();
  client = new RawClient(sim.url);
  await client.login();
  base = `/api/outbreaks/${await activeOutbreak(client)}`;
  const people: Rec[] = [
    {
      id: 'p1',
      firstName: 'Ada',
      lastName: 'Lovelace',
      age: { years: 36, months: 0 },
      dateOfReporting: '2024-01-10',
      documents: [{ type: EXTERNAL, number: 'ab12' }],
      addresses: [{ locationId: 'loc-a' }],
    },
    {
      id: 'p2',
      firstName: 'Alan',
      lastName: 'Turing',
      age: { years: 41, months: 0 },
      dateOfReporting: '2024-02-10',
      documents: [{ type: 'OTHER', number: 'ab12' }],
    },
    {
      id: 'p3',
      firstName: 'Grace',
      lastName: 'Hopper',
      age: { years: 85, months: 0 },
      dateOfReporting: '2024-03-10',
      riskLevel: 'HIGH',
    },
    {
      id: 'p4',
      firstName: 'Edsger',
      lastName: 'Dijkstra',
      age: { years: 72, months: 0 },
      dateOfReporting: '2024-04-10',
      addresses: [{ locationId: 'loc-b' }],
    },
  ];
  for (const person of people) await client.post(`${base}/cases`, person);
  await client.del(`${base}/cases/p4`);
});
afterAll(async () => {
  await sim.close();
});

async function ids(filter: Rec): Promise<string[]> {
  const answer = await client.get<Rec[]>(`${base}/cases?${q('filter', filter)}`);
  expect(answer.status).toBe(200);
  return answer.body.map((c) => String(c.id));
}

describe('LoopBack where operators', () => {
  it('equality, comparison, between, inq/nin, neq', async () => {
    expect(await ids({ where: { firstName: 'Ada' } })).toEqual(['p1']);
    expect(await ids({ where: { 'age.years': { gt: 40 } }, order: 'id ASC' })).toEqual(['p2', 'p3']);
    expect(await ids({ where: { 'age.years': { gte: 41, lte: 41 } } })).toEqual(['p2']);
    expect(await ids({ where: { 'age.years': { lt: 40 } } })).toEqual(['p1']);
    expect(
      await ids({
        where: { dateOfReporting: { between: ['2024-02-01T00:00:00.000Z', '2024-03-31'] } },
        order: 'id ASC',
      }),
    ).toEqual(['p2', 'p3']);
    expect(await ids({ where: { dateOfReporting: { gt: '2024-02-10' } } })).toEqual(['p3']);
    expect(await ids({ where: { id: { inq: ['p1', 'p3', 'p4', 'nope'] } }, order: 'id ASC' })).toEqual([
      'p1',
      'p3',
    ]);
    expect(await ids({ where: { id: { nin: ['p1'] } }, order: 'id ASC' })).toEqual(['p2', 'p3']);
    expect(await ids({ where: { riskLevel: { neq: 'HIGH' } }, order: 'id ASC' })).toEqual(['p1', 'p2']);
  });

  it('like/nlike/regexp, exists, and/or, dotted paths into arrays, elemMatch', async () => {
    expect(await ids({ where: { lastName: { like: 'ov' } } })).toEqual(['p1']);
    expect(await ids({ where: { lastName: { like: 'LOVE', options: 'i' } } })).toEqual(['p1']);
    expect(await ids({ where: { lastName: { nlike: 'o' } } })).toEqual(['p2']);
    expect(await ids({ where: { firstName: { regexp: '/^a/i' } }, order: 'id ASC' })).toEqual(['p1', 'p2']);
    expect(await ids({ where: { riskLevel: { exists: true } } })).toEqual(['p3']);
    expect(
      await ids({ where: { or: [{ firstName: 'Ada' }, { lastName: 'Hopper' }] }, order: 'id ASC' }),
    ).toEqual(['p1', 'p3']);
    expect(await ids({ where: { and: [{ firstName: { like: '^A' } }, { lastName: 'Turing' }] } })).toEqual([
      'p2',
    ]);
    expect(await ids({ where: { 'documents.number': 'ab12' }, order: 'id ASC' })).toEqual(['p1', 'p2']);
    expect(await ids({ where: { 'addresses.locationId': 'loc-a' } })).toEqual(['p1']);
    expect(await ids({ where: { documents: { elemMatch: { type: EXTERNAL, number: 'ab12' } } } })).toEqual([
      'p1',
    ]);
  });
});

describe('filter shape', () => {
  it('fields, order, limit, skip and offset', async () => {
    const page = await client.get<Rec[]>(
      `${base}/cases?${q('filter', { fields: { id: true, lastName: true }, order: ['lastName DESC'], limit: 2, skip: 1 })}`,
    );
    expect(page.body).toEqual([
      { id: 'p1', lastName: 'Lovelace' },
      { id: 'p3', lastName: 'Hopper' },
    ]);
    expect(await ids({ order: 'id DESC', offset: 2 })).toEqual(['p1']);
    const arrayFields = await client.get<Rec[]>(
      `${base}/cases?${q('filter', { fields: ['firstName'], where: { id: 'p2' } })}`,
    );
    expect(arrayFields.body).toEqual([{ id: 'p2', firstName: 'Alan' }]);
    // sanitizeLimit: a negative or junk limit means no limit.
    expect(await ids({ limit: -5 })).toHaveLength(3);
  });

  it('includes soft-deleted rows only with top-level deleted:true', async () => {
    expect(await ids({ where: { id: 'p4' } })).toEqual([]);
    expect(await ids({ where: { id: 'p4' }, deleted: true })).toEqual(['p4']);
  });

  it('serves POST …/filter with the filter in the body', async () => {
    const answer = await client.post<Rec[]>(`${base}/cases/filter`, {
      filter: { where: { firstName: 'Grace' } },
    });
    expect(answer.body.map((c) => c.id)).toEqual(['p3']);
    const notAnObject = await client.post(`${base}/cases/filter`, { filter: 'x' });
    expect(errorOf(notAnObject)).toEqual({
      statusCode: 400,
      name: 'Error',
      message: 'Value is not an object.',
    });
  });
});

describe('counts', () => {
  it('/cases/count → {count}; filtered-count → {count} plus hasMore when a limit applies', async () => {
    expect((await client.get(`${base}/cases/count`)).body).toEqual({ count: 3 });
    expect((await client.get(`${base}/cases/count?${q('where', { 'age.years': { gt: 40 } })}`)).body).toEqual(
      { count: 2 },
    );
    expect((await client.get(`${base}/cases/filtered-count`)).body).toEqual({ count: 3 });
    expect(
      (await client.get(`${base}/cases/filtered-count?${q('filter', { where: { firstName: 'Ada' } })}`)).body,
    ).toEqual({ count: 1 });
    expect((await client.get(`${base}/cases/filtered-count?${q('filter', { limit: 2 })}`)).body).toEqual({
      count: 2,
      hasMore: true,
    });
    expect(
      (
        await client.get(
          `${base}/cases/filtered-count?${q('filter', { flags: { applyHasMoreLimit: true } })}`,
        )
      ).body,
    ).toEqual({ count: 3, hasMore: false });
    expect((await client.post(`${base}/cases/filtered-count`, { filter: { deleted: true } })).body).toEqual({
      count: 4,
    });
    expect((await client.get(`${base}/contacts/filtered-count`)).body).toEqual({ count: 0 });
  });

  it('has no /contacts/count or /events/count (they hit the by-id route)', async () => {
    expect(errorOf(await client.get(`${base}/contacts/count`))).toEqual({
      statusCode: 404,
      name: 'Error',
      message: 'No instance with id count found for contact',
    });
    expect((await client.get(`${base}/events/count`)).status).toBe(404);
    expect((await client.post(`${base}/events/filtered-count`, {})).status).toBe(404);
  });

  it('pre-filters persons without relationships', async () => {
    expect(await ids({ where: { noRelationships: true }, order: 'id ASC' })).toEqual(['p1', 'p2', 'p3']);
  });
});
