import { afterEach, describe, expect, it } from 'vitest';
import { startGoDataSimulator, type GoDataSimulator, type GoDataSimulatorOptions } from './index.js';
import { activeOutbreak, errorOf, q, RawClient, type Rec } from './testing/client.js';

let sim: GoDataSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function start(options: GoDataSimulatorOptions = {}): Promise<RawClient> {
  sim = await startGoDataSimulator(options);
  const client = new RawClient(sim.url);
  await client.login();
  return client;
}

async function upload(client: RawClient, content: unknown): Promise<Awaited<ReturnType<RawClient['call']>>> {
  const form = new FormData();
  form.append(
    'file',
    new Blob([typeof content === 'string' ? content : JSON.stringify(content)], { type: 'application/json' }),
    'locations.json',
  );
  return client.call('POST', '/api/locations/import', form);
}

const ids = (docs: unknown): string[] => (docs as Rec[]).map((d) => String(d.id));

describe('locations', () => {
  it('creates with a server id unless allowCustomIDsOnCreate, and reads back', async () => {
    const client = await start();
    const created = await client.post<Rec>('/api/locations', {
      id: 'mine',
      name: 'Sierra Leone',
      geographicalLevelId: 'LNG_REFERENCE_DATA_CATEGORY_LOCATION_GEOGRAPHICAL_LEVEL_ADMIN_LEVEL_0',
      identifiers: [{ code: 'ImspTQPwCqd' }],
    });
    expect(created.status).toBe(200);
    expect(created.body.id).not.toBe('mine');
    expect(created.body).toMatchObject({
      active: true,
      parentLocationId: null,
      deleted: false,
      createdBy: 'sys_admin',
    });
    expect((await client.get(`/api/locations/${String(created.body.id)}`)).body).toMatchObject({
      name: 'Sierra Leone',
    });
    const missing = await client.get('/api/locations/nope');
    expect(errorOf(missing)).toEqual({
      statusCode: 404,
      name: 'Error',
      message: 'Unknown "location" id "nope".',
      code: 'MODEL_NOT_FOUND',
    });
    const byCode = await client.get(
      `/api/locations?${q('filter', { where: { 'identifiers.code': 'ImspTQPwCqd' } })}`,
    );
    expect(ids(byCode.body)).toEqual([created.body.id]);
    await sim?.close();

    const custom = await start({ allowCustomIDsOnCreate: true });
    expect((await custom.post('/api/locations', { id: 'mine', name: 'X' })).body).toMatchObject({
      id: 'mine',
    });
    expect(errorOf(await custom.post('/api/locations', { id: 'mine', name: 'Y' }))).toMatchObject({
      name: 'ValidationError',
      details: { codes: { id: ['uniqueness'] } },
    });
  });

  it('requires a name (ValidationError) and keeps sibling names and synonyms unique, case-insensitively', async () => {
    const client = await start();
    const noName = await client.post('/api/locations', {});
    expect(errorOf(noName)).toEqual({
      statusCode: 422,
      name: 'ValidationError',
      message: "The `location` instance is not valid. Details: `name` can't be blank (value: undefined).",
      details: { context: 'location', codes: { name: ['presence'] }, messages: { name: ["can't be blank"] } },
    });
    const root = await client.post<Rec>('/api/locations', { name: 'Bo', synonyms: ['Bo Town'] });
    const clash = await client.post('/api/locations', { name: 'BO' });
    expect(clash.status).toBe(400);
    expect(errorOf(clash)).toEqual({
      statusCode: 400,
      name: 'Error',
      message:
        "The `location` is invalid. Details: A location with name = 'Bo' and the same parentLocationId already exists.",
      code: 'MODEL_IDENTIFIERS_ARE_NOT_UNIQUE_IN_CONTEXT',
      details: {
        model: 'location',
        details: "A location with name = 'Bo' and the same parentLocationId already exists.",
      },
    });
    const synonym = await client.post('/api/locations', { name: 'Other', synonyms: ['bo town'] });
    expect(errorOf(synonym).message).toContain(
      "A location with a 'Bo Town' synonym and the same parentLocationId already exists.",
    );
    expect((await client.post('/api/locations', { name: 'Bo', parentLocationId: root.body.id })).status).toBe(
      200,
    );
  });

  it('updates with PATCH and PUT, refusing to deactivate a parent with active children', async () => {
    const client = await start();
    const parent = await client.post<Rec>('/api/locations', { name: 'Parent' });
    const child = await client.post<Rec>('/api/locations', {
      name: 'Child',
      parentLocationId: parent.body.id,
    });
    const refused = await client.patch(`/api/locations/${String(parent.body.id)}`, { active: false });
    expect(errorOf(refused)).toMatchObject({ statusCode: 400, code: 'DEACTIVATE_PARENT_MODEL' });
    expect(
      (await client.put(`/api/locations/${String(child.body.id)}`, { active: false })).body,
    ).toMatchObject({ active: false, name: 'Child' });
    expect(
      (
        await client.patch(`/api/locations/${String(parent.body.id)}`, {
          active: false,
          populationDensity: 3,
        })
      ).body,
    ).toMatchObject({ active: false, populationDensity: 3 });
    const geo = await client.patch(`/api/locations/${String(parent.body.id)}`, {
      geoLocation: { lat: 95, lng: 0 },
    });
    expect(geo.status).toBe(500);
    expect(errorOf(geo)).toMatchObject({
      code: 'INTERNAL_ERROR',
      details: { error: { code: 'ERR_ASSERTION', message: 'lat must be <= 90' } },
    });
  });

  it('soft-deletes with the descendants, refusing locations in use', async () => {
    const client = await start();
    const root = await client.post<Rec>('/api/locations', { name: 'Root' });
    const child = await client.post<Rec>('/api/locations', { name: 'Child', parentLocationId: root.body.id });
    const leaf = await client.post<Rec>('/api/locations', { name: 'Leaf', parentLocationId: child.body.id });
    const outbreakId = await activeOutbreak(client);
    const person = await client.post<Rec>(`/api/outbreaks/${outbreakId}/cases`, {
      firstName: 'A',
      addresses: [{ locationId: leaf.body.id }],
    });
    const inUse = await client.del(`/api/locations/${String(root.body.id)}`);
    expect(inUse.status).toBe(422);
    expect(errorOf(inUse)).toEqual({
      statusCode: 422,
      name: 'Error',
      message: `Model \`location\` id \`${String(root.body.id)}\` is in use.`,
      code: 'MODEL_IN_USE',
      details: { model: 'location', id: root.body.id },
    });
    await client.del(`/api/outbreaks/${outbreakId}/cases/${String(person.body.id)}`);
    expect((await client.del(`/api/locations/${String(root.body.id)}`)).body).toEqual({ count: 1 });
    expect((await client.get('/api/locations/count')).body).toEqual({ count: 0 });
    expect(
      (await client.get(`/api/locations/count?${q('where', { includeDeletedRecords: true })}`)).body,
    ).toEqual({ count: 3 });
    const deleted = await client.get<Rec[]>(
      `/api/locations?${q('filter', { deleted: true, order: 'name ASC' })}`,
    );
    expect(deleted.body.map((l) => [l.name, l.deleted])).toEqual([
      ['Child', true],
      ['Leaf', true],
      ['Root', true],
    ]);
  });

  it('lists the hierarchy', async () => {
    const client = await start();
    const b = await client.post<Rec>('/api/locations', { name: 'B' });
    await client.post('/api/locations', { name: 'A' });
    await client.post('/api/locations', { name: 'B2', parentLocationId: b.body.id });
    await client.post('/api/locations', { name: 'B1', parentLocationId: b.body.id });
    const tree = await client.get<Array<{ location: Rec; children: Array<{ location: Rec }> }>>(
      '/api/locations/hierarchical',
    );
    expect(tree.body.map((n) => n.location.name)).toEqual(['A', 'B']);
    expect(tree.body[1]?.children.map((n) => n.location.name)).toEqual(['B1', 'B2']);
    const roots = await client.get<Rec[]>(
      `/api/locations/hierarchical?${q('filter', { where: { includeChildren: false } })}`,
    );
    expect(roots.body).toHaveLength(2);
  });
});

describe('hierarchical import', () => {
  const file = [
    {
      location: {
        id: 'sl',
        name: 'Sierra Leone',
        geographicalLevelId: 'LNG_REFERENCE_DATA_CATEGORY_LOCATION_GEOGRAPHICAL_LEVEL_ADMIN_LEVEL_0',
      },
      children: [
        {
          location: { id: 'bo', name: 'Bo' },
          children: [{ location: { id: 'badjia', name: 'Badjia' }, children: [] }],
        },
        { location: { id: 'kenema', name: 'Kenema', identifiers: [{ code: 'kJq2mPyFEHo' }] }, children: [] },
      ],
    },
  ];

  it('creates the tree keeping ids, parents from the nesting', async () => {
    const client = await start();
    const answer = await upload(client, file);
    expect(answer.status).toBe(200);
    expect(ids(answer.body)).toEqual(['sl', 'bo', 'badjia', 'kenema']);
    const state = sim?.inspect().locations ?? [];
    expect(state.find((l) => l.id === 'badjia')).toMatchObject({
      parentLocationId: 'bo',
      createdOn: 'IMPORT',
      active: true,
    });
    expect(state.find((l) => l.id === 'sl')).toMatchObject({ parentLocationId: null });
  });

  it('fails pre-validation with the exact details and writes nothing', async () => {
    const client = await start();
    await client.post('/api/locations', { name: 'Sierra Leone' });
    const duplicateInFile = [
      { location: { id: 'a', name: 'Same' }, children: [{ location: { id: 'c', name: '' } }] },
      { location: { id: 'b', name: 'same' } },
    ];
    const answer = await upload(client, duplicateInFile);
    expect(answer.status).toBe(422);
    expect(errorOf(answer)).toEqual({
      statusCode: 422,
      name: 'Error',
      message: 'Pre-validation failed',
      code: 'IMPORT_PARTIAL_SUCCESS_WITH_DETAILS',
      details: {
        failed: [
          {
            error: { code: 'PRE_VALIDATION' },
            recordNo: "'1' & '2'",
            message: 'LNG_PAGE_IMPORT_DATA_ERROR_DUPLICATE_FILE_NAME',
            data: {
              file: [
                { recordNo: '1', location: { id: 'a', name: 'Same' } },
                { recordNo: '2', location: { id: 'b', name: 'same' } },
              ],
            },
          },
          {
            error: { code: 'PRE_VALIDATION' },
            recordNo: "'1 - 1'",
            message: 'LNG_PAGE_IMPORT_DATA_ERROR_INVALID_NAME',
            data: { file: { id: 'c', name: '', parentLocationId: 'a' } },
          },
        ],
      },
    });
    const againstDb = await upload(client, file);
    expect(errorOf(againstDb).details).toMatchObject({
      failed: [{ recordNo: "'1'", message: 'LNG_PAGE_IMPORT_DATA_ERROR_DUPLICATE_DB_NAME' }],
    });
    const sameId = await upload(client, [
      { location: { id: 'x', name: 'X1' } },
      { location: { id: 'x', name: 'X2' } },
    ]);
    expect(errorOf(sameId).details).toMatchObject({
      failed: [{ recordNo: "'1' & '2'", message: 'LNG_PAGE_IMPORT_DATA_ERROR_SAME_ID' }],
    });
    const orphan = await upload(client, [{ location: { id: 'y', name: 'Y', parentLocationId: 'ghost' } }]);
    expect(errorOf(orphan).details).toMatchObject({
      failed: [{ message: 'LNG_PAGE_IMPORT_DATA_ERROR_PARENT_MISSING' }],
    });
    expect(sim?.inspect().locations).toHaveLength(1);
    const notArray = await upload(client, { location: {} });
    expect(errorOf(notArray)).toMatchObject({
      statusCode: 422,
      code: 'INVALID_CONTENT_OF_TYPE',
      message: 'Invalid JSON content: it should contain an array',
    });
  });

  it('upserts by id, soft-deleted rows included, following updatedAt', async () => {
    const client = await start();
    await upload(client, file);
    const renamed = structuredClone(file);
    const root = renamed[0] as { location: Rec; children: Array<{ location: Rec }> };
    root.location.name = 'Sierra Leone (new)';
    const bo = root.children[0] as { location: Rec };
    bo.location.name = 'Bo (old)';
    bo.location.updatedAt = '2000-01-01T00:00:00.000Z';
    const answer = await upload(client, renamed);
    expect(answer.status).toBe(200);
    const byId = new Map((sim?.inspect().locations ?? []).map((l) => [l.id, l]));
    expect(byId.get('sl')?.name).toBe('Sierra Leone (new)');
    expect(byId.get('bo')?.name).toBe('Bo');
    expect(byId.size).toBe(4);

    await client.del('/api/locations/kenema');
    await upload(client, [{ location: { id: 'kenema', name: 'Kenema', parentLocationId: 'sl' } }]);
    expect(sim?.inspect().locations.find((l) => l.id === 'kenema')?.deleted).toBe(true);
    await upload(client, [
      { location: { id: 'kenema', name: 'Kenema', parentLocationId: 'sl', deleted: false } },
    ]);
    expect(sim?.inspect().locations.find((l) => l.id === 'kenema')).toMatchObject({
      deleted: false,
      deletedAt: null,
    });
  });
});
