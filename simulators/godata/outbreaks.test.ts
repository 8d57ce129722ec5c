import { afterEach, describe, expect, it } from 'vitest';
import { startGoDataSimulator, type GoDataSimulator, type GoDataSimulatorOptions } from './index.js';
import { activeOutbreak, errorOf, OUTBREAK_BODY, q, RawClient, type Rec } from './testing/client.js';

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

const REQUIRED = [
  'name',
  'startDate',
  'longPeriodsBetweenCaseOnset',
  'periodOfFollowup',
  'frequencyOfFollowUpPerDay',
  'noDaysAmongContacts',
  'noDaysInChains',
  'noDaysNotSeen',
  'noLessContacts',
];

describe('outbreaks', () => {
  for (const version of ['2.48', '2.50'] as const) {
    it(`requires the follow-up settings on ${version} (LoopBack ValidationError, no code)`, async () => {
      const client = await start({ version });
      const answer = await client.post('/api/outbreaks', {});
      expect(answer.status).toBe(422);
      const error = errorOf(answer);
      expect(error).not.toHaveProperty('code');
      expect(error.name).toBe('ValidationError');
      expect(Object.keys((error.details as { codes: Rec }).codes)).toEqual(REQUIRED);
      expect(error.message).toMatch(
        /^The `outbreak` instance is not valid\. Details: `name` can't be blank \(value: undefined\); `startDate`/,
      );
    });
  }

  it('creates with defaults, a server id, and unique names', async () => {
    const client = await start();
    const created = await client.post<Rec>('/api/outbreaks', {
      id: 'mine',
      name: 'COVID-19',
      disease: 'LNG_REFERENCE_DATA_CATEGORY_DISEASE_2019_N_CO_V',
      ...OUTBREAK_BODY,
    });
    expect(created.status).toBe(200);
    expect(created.body.id).not.toBe('mine');
    expect(created.body).toMatchObject({
      caseIdMask: 'CA-9999999999',
      contactIdMask: 'CO-9999999999',
      eventIdMask: 'EV-9999999999',
      frequencyOfFollowUp: 1,
      caseInvestigationTemplate: [],
      startDate: '2024-01-01T00:00:00.000Z',
      deleted: false,
    });
    const duplicate = await client.post('/api/outbreaks', { name: 'COVID-19', ...OUTBREAK_BODY });
    expect(errorOf(duplicate)).toEqual({
      statusCode: 422,
      name: 'ValidationError',
      message: 'The `outbreak` instance is not valid. Details: `name` is not unique (value: "COVID-19").',
      details: {
        context: 'outbreak',
        codes: { name: ['uniqueness'] },
        messages: { name: ['is not unique'] },
      },
    });
    expect((await client.post('/api/outbreaks', { name: 'covid-19', ...OUTBREAK_BODY })).status).toBe(200);
  });

  it('checks the mask format and date validity', async () => {
    const client = await start();
    const answer = await client.post('/api/outbreaks', {
      name: 'M',
      ...OUTBREAK_BODY,
      caseIdMask: 'CA-99-99',
      startDate: 'not a date',
    });
    const error = errorOf(answer);
    expect(error.details).toMatchObject({
      codes: { startDate: ['date'], caseIdMask: ['format'] },
      messages: {
        startDate: ['is not a valid date'],
        caseIdMask: ['format is invalid. It should match /^(?:9*[^9()]*|[^9()]*9*[^9()]*|[^9()]*9*)$/'],
      },
    });
    expect(error.message).toContain('`startDate` is not a valid date (value: Invalid Date)');
  });

  it('reads, finds, counts, updates and 404s', async () => {
    const client = await start();
    const a = await client.post<Rec>('/api/outbreaks', { name: 'B outbreak', ...OUTBREAK_BODY });
    await client.post('/api/outbreaks', { name: 'A outbreak', ...OUTBREAK_BODY });
    const list = await client.get<Rec[]>('/api/outbreaks');
    expect(list.body.map((o) => o.name)).toEqual(['A outbreak', 'B outbreak']);
    const filtered = await client.post<Rec[]>('/api/outbreaks/filter', {
      filter: { where: { name: { like: '^B' } }, fields: ['id', 'name'] },
    });
    expect(filtered.body).toEqual([{ id: a.body.id, name: 'B outbreak' }]);
    expect((await client.get(`/api/outbreaks/count?${q('where', { name: 'A outbreak' })}`)).body).toEqual({
      count: 1,
    });
    const id = String(a.body.id);
    expect(
      (await client.patch(`/api/outbreaks/${id}`, { periodOfFollowup: 21, id: 'other' })).body,
    ).toMatchObject({ id, periodOfFollowup: 21, name: 'B outbreak' });
    expect((await client.put(`/api/outbreaks/${id}`, { description: 'd' })).body).toMatchObject({
      description: 'd',
      periodOfFollowup: 21,
    });
    expect(errorOf(await client.get('/api/outbreaks/nope'))).toEqual({
      statusCode: 404,
      name: 'Error',
      message: 'Unknown "outbreak" id "nope".',
      code: 'MODEL_NOT_FOUND',
    });
  });

  it('soft-deletes (not while active for a user) and restores', async () => {
    const client = await start();
    const id = await activeOutbreak(client);
    const refused = await client.del(`/api/outbreaks/${id}`);
    expect(errorOf(refused)).toEqual({
      statusCode: 422,
      name: 'Error',
      message: `The outbreak (id: \`${id}\`) is active for at least another user. Cannot delete an active outbreak.`,
      code: 'DELETE_ACTIVE_OUTBREAK',
      details: { id },
    });
    await client.patch('/api/users/sys_admin', { activeOutbreakId: null });
    expect((await client.del(`/api/outbreaks/${id}`)).body).toEqual({ count: 1 });
    expect((await client.get('/api/outbreaks')).body).toEqual([]);
    expect((await client.get<Rec[]>(`/api/outbreaks?${q('filter', { deleted: true })}`)).body).toHaveLength(
      1,
    );
    // Sub-routes of a deleted outbreak are 404 (LoopBack sharedCtor).
    const sub = await client.get(`/api/outbreaks/${id}/cases`);
    expect(errorOf(sub)).toEqual({
      statusCode: 404,
      name: 'Error',
      message: `could not find a model with id ${id}`,
      code: 'MODEL_NOT_FOUND',
    });
    expect((await client.post<Rec>(`/api/outbreaks/${id}/restore`)).body).toMatchObject({
      id,
      deleted: false,
      deletedAt: null,
    });
    expect(errorOf(await client.post(`/api/outbreaks/${id}/restore`)).code).toBe('MODEL_NOT_FOUND');
    expect((await client.get(`/api/outbreaks/${id}/cases`)).status).toBe(200);
  });

  it('404s any sub-route of an unknown outbreak (writes are refused by the gate first)', async () => {
    const client = await start();
    await activeOutbreak(client);
    expect(errorOf(await client.get('/api/outbreaks/ghost/cases/count')).message).toBe(
      'could not find a model with id ghost',
    );
    expect(errorOf(await client.get('/api/outbreaks/ghost/relationships')).code).toBe('MODEL_NOT_FOUND');
    expect(errorOf(await client.post('/api/outbreaks/ghost/cases', {})).code).toBe('ACCESS_DENIED');
    await client.patch('/api/users/sys_admin', { activeOutbreakId: 'ghost' });
    expect(errorOf(await client.post('/api/outbreaks/ghost/cases', {})).code).toBe('MODEL_NOT_FOUND');
  });

  it('keeps ids when allowCustomIDsOnCreate', async () => {
    const client = await start({ allowCustomIDsOnCreate: true });
    expect(
      (await client.post('/api/outbreaks', { id: 'mine', name: 'X', ...OUTBREAK_BODY })).body,
    ).toMatchObject({ id: 'mine' });
  });
});
