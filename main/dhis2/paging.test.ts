import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Dhis2Client } from './client.js';
import { ADMIN, collect } from './test-support.js';

/**
 * A DHIS2 2.40 that ignores `order` (as 2.36–2.38 do with a name they do not know) and answers newest first:
 * the walk must notice and page by offset instead of moving its updatedAt window past unread rows.
 */
const ROWS = Array.from({ length: 25 }, (_, i) => ({
  trackedEntity: `TE${String(i).padStart(9, '0')}`,
  trackedEntityType: 'MCPQUTHX1Ze',
  orgUnit: 'DiszpKrYNg8',
  updatedAt: `2024-03-01T10:00:${String(i).padStart(2, '0')}.000`,
  attributes: [],
  enrollments: [],
  relationships: [],
}));

let app: FastifyInstance;
let url: string;
const requests: string[] = [];

beforeAll(async () => {
  app = Fastify();
  app.get('/api/system/info', () => ({ version: '2.40.1', serverTimeZoneId: 'Etc/UTC' }));
  app.get('/api/me', () => ({ id: 'M5zQapPyTZI', username: 'admin' }));
  app.get('/api/tracker/trackedEntities', (request) => {
    const query = request.query as Record<string, string>;
    requests.push(`page=${query.page} updatedAfter=${query.updatedAfter ?? ''}`);
    const after = query.updatedAfter ?? '';
    const matching = ROWS.filter((row) => row.updatedAt >= after).reverse();
    const page = Number(query.page);
    const pageSize = Number(query.pageSize);
    return { page, pageSize, instances: matching.slice((page - 1) * pageSize, page * pageSize) };
  });
  url = await app.listen({ port: 0, host: '127.0.0.1' });
});

afterAll(() => app.close());

describe('a server that ignores the requested order', () => {
  it('is walked by offset, and every row still arrives once', async () => {
    const client = new Dhis2Client({ baseUrl: url, auth: ADMIN });
    const { rows, progress } = await collect(
      client.trackedEntities({ program: 'uYjxkTbwRNf', pageSize: 10 }),
    );
    expect(rows.map((te) => te.trackedEntity).sort()).toEqual(ROWS.map((row) => row.trackedEntity));
    expect(progress).toEqual({
      pages: 3,
      read: 25,
      duplicates: 0,
      highestUpdatedAt: '2024-03-01T10:00:24.000Z',
    });
    expect(requests).toEqual(['page=1 updatedAfter=', 'page=2 updatedAfter=', 'page=3 updatedAfter=']);
  });
});
