import { afterEach, describe, expect, it } from 'vitest';
import { startGoDataSimulator, type GoDataSimulator, type GoDataSimulatorOptions } from './index.js';
import { errorOf, q, RawClient, type Rec } from './testing/client.js';

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

describe('system routes', () => {
  it('gates /system-settings/version behind api-key on 2.50 only', async () => {
    const client = await start({ apiKey: 'secret' });
    const refused = await client.get('/api/system-settings/version');
    expect(refused.status).toBe(401);
    expect(errorOf(refused)).toEqual({
      statusCode: 401,
      name: 'Error',
      message: 'Unauthorized: Invalid API Key',
    });
    expect((await client.get('/api/system-settings/version', { 'api-key': 'wrong' })).status).toBe(401);
    const ok = await client.get('/api/system-settings/version', { 'api-key': 'secret' });
    expect(ok.body).toMatchObject({ version: '2.50.3', timezone: 'UTC', tokenTTL: 600 });
    await sim?.close();

    const old = await start({ version: '2.48', apiKey: 'secret' });
    expect((await old.get('/api/system-settings/version')).body).toMatchObject({ version: '2.48.0' });
  });

  it('describes models and fails unknown ones with 500 INTERNAL_ERROR (no name)', async () => {
    const client = await start();
    const definition = await client.get('/api/system-settings/model-definition?model=case');
    expect(definition.body).toMatchObject({
      firstName: 'string',
      dateOfReporting: 'date',
      addresses: [{ locationId: 'string', geoLocation: { lat: 'number', lng: 'number' } }],
      documents: [{ type: 'string', number: 'string' }],
    });
    const unknown = await client.get('/api/system-settings/model-definition?model=nope');
    expect(unknown.status).toBe(500);
    const error = errorOf(unknown);
    expect(error).not.toHaveProperty('name');
    expect(error.code).toBe('INTERNAL_ERROR');
    expect(error.message).toMatch(
      /^Internal error: `Invalid model type: nope\. Supported options: .*case.*`$/,
    );
  });

  it('serves /status outside /api, and LoopBack 404s for unknown REST routes', async () => {
    const client = await start();
    expect((await client.get('/status')).body).toHaveProperty('uptime');
    const missing = await client.get('/api/nothing/here?x=1');
    expect(missing.status).toBe(404);
    expect(errorOf(missing)).toEqual({
      statusCode: 404,
      name: 'Error',
      message: 'There is no method to handle GET /nothing/here?x=1',
    });
    const contactsCount = await client.get('/api/outbreaks/none/contacts/count');
    expect(contactsCount.status).toBe(404);
  });

  it('rejects malformed JSON bodies and filters, and bodies over 10 MB', async () => {
    const client = await start();
    const bad = await client.call('POST', '/api/outbreaks', '{"name": ', {
      'content-type': 'application/json',
    });
    expect(bad.status).toBe(400);
    expect(errorOf(bad).name).toBe('SyntaxError');
    const badFilter = await client.get('/api/outbreaks?filter={oops}');
    expect(errorOf(badFilter)).toEqual({
      statusCode: 400,
      name: 'Error',
      message: 'Cannot parse JSON-encoded object value.',
    });
    const huge = await client.post('/api/outbreaks', { name: 'x'.repeat(10 * 1024 * 1024 + 10) });
    expect(huge.status).toBe(413);
    expect(errorOf(huge)).toMatchObject({
      name: 'PayloadTooLargeError',
      message: 'request entity too large',
    });
  });

  it('exposes a read-only state snapshot outside /api', async () => {
    const client = await start();
    const state = await client.get<Rec>('/__simulator/state');
    expect(state.body).toMatchObject({ version: '2.50', tokens: 1, locations: [] });
  });
});

describe('reference data', () => {
  it('is seeded with the default items, ids being the tokens', async () => {
    const client = await start();
    for (const id of [
      'LNG_REFERENCE_DATA_CATEGORY_DISEASE_2019_N_CO_V',
      'LNG_REFERENCE_DATA_CATEGORY_LOCATION_GEOGRAPHICAL_LEVEL_ADMIN_LEVEL_0',
      'LNG_REFERENCE_DATA_CATEGORY_LOCATION_GEOGRAPHICAL_LEVEL_ADMIN_LEVEL_9',
      'LNG_REFERENCE_DATA_CATEGORY_CASE_CLASSIFICATION_NOT_A_CASE_DISCARDED',
      'LNG_REFERENCE_DATA_CATEGORY_EXPOSURE_FREQUENCY_1_5_TIMES',
      'LNG_REFERENCE_DATA_CATEGORY_CERTAINTY_LEVEL_1_LOW',
      'LNG_REFERENCE_DATA_CATEGORY_DISEASE_MIDDLE_EASI_RESPIRATORY_SYNDROME_CORONAVIRUS_MERS_CO_V',
      'LNG_REFERENCE_DATA_CATEGORY_COUNTRY_SIERRA_LEONE',
      'LNG_REFERENCE_DATA_CONTACT_FINAL_FOLLOW_UP_STATUS_TYPE_UNDER_FOLLOW_UP',
    ]) {
      const item = await client.get(`/api/reference-data/${id}`);
      expect(item.status, id).toBe(200);
      expect(item.body).toMatchObject({ id, value: id });
    }
    expect((await client.get('/api/reference-data/nope')).status).toBe(404);
  });

  it('filters, counts and lists categories', async () => {
    const client = await start();
    const levels = await client.get<Rec[]>(
      `/api/reference-data?${q('filter', { where: { categoryId: 'LNG_REFERENCE_DATA_CATEGORY_LOCATION_GEOGRAPHICAL_LEVEL' }, order: 'order ASC' })}`,
    );
    expect(levels.body.map((i) => i.id)).toEqual(
      Array.from(
        { length: 10 },
        (_, i) => `LNG_REFERENCE_DATA_CATEGORY_LOCATION_GEOGRAPHICAL_LEVEL_ADMIN_LEVEL_${i}`,
      ),
    );
    const genders = await client.get(
      `/api/reference-data/count?${q('where', { categoryId: 'LNG_REFERENCE_DATA_CATEGORY_GENDER' })}`,
    );
    expect(genders.body).toEqual({ count: 2 });
    const categories = await client.get<Rec[]>('/api/reference-data/available-categories');
    expect(categories.body).toContainEqual({
      id: 'LNG_REFERENCE_DATA_CATEGORY_DISEASE',
      name: 'LNG_REFERENCE_DATA_CATEGORY_DISEASE',
      description: 'LNG_REFERENCE_DATA_CATEGORY_DISEASE_DESCRIPTION',
    });
  });

  it('creates items with a derived id and refuses a label already in the category', async () => {
    const client = await start();
    const created = await client.post('/api/reference-data', {
      categoryId: 'LNG_REFERENCE_DATA_CATEGORY_EVENT_CATEGORY',
      value: 'Mass gathering',
      id: 'ignored',
    });
    expect(created.body).toMatchObject({
      id: 'LNG_REFERENCE_DATA_CATEGORY_EVENT_CATEGORY_MASS_GATHERING',
      value: 'LNG_REFERENCE_DATA_CATEGORY_EVENT_CATEGORY_MASS_GATHERING',
      active: true,
      readOnly: false,
    });
    const again = await client.post('/api/reference-data', {
      categoryId: 'LNG_REFERENCE_DATA_CATEGORY_EVENT_CATEGORY',
      value: 'Mass gathering',
    });
    expect(again.status).toBe(409);
    expect(errorOf(again)).toMatchObject({ code: 'MODEL_CONFLICT', name: 'Error' });
    const seeded = await client.post('/api/reference-data', {
      categoryId: 'LNG_REFERENCE_DATA_CATEGORY_GENDER',
      value: 'Male',
    });
    expect(seeded.status).toBe(409);
    const badCategory = await client.post('/api/reference-data', { categoryId: 'NOPE', value: 'x' });
    expect(errorOf(badCategory)).toMatchObject({
      name: 'ValidationError',
      details: { codes: { categoryId: ['inclusion'] } },
    });
  });

  it('refuses to delete system items', async () => {
    const client = await start();
    const answer = await client.del(
      '/api/reference-data/LNG_REFERENCE_DATA_CATEGORY_CASE_CLASSIFICATION_CONFIRMED',
    );
    expect(answer.status).toBe(422);
    expect(errorOf(answer).code).toBe('MODEL_NOT_EDITABLE');
  });
});
