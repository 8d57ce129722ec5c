import { afterEach, describe, expect, it } from 'vitest';
import { startGoDataSimulator, type GoDataSimulator, type GoDataSimulatorOptions } from './index.js';
import { activeOutbreak, errorOf, q, RawClient, type Rec } from './testing/client.js';

let sim: GoDataSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function start(
  options: GoDataSimulatorOptions = {},
  outbreak: Rec = {},
): Promise<{ client: RawClient; base: string }> {
  sim = await startGoDataSimulator(options);
  const client = new RawClient(sim.url);
  await client.login();
  const id = await activeOutbreak(client, outbreak);
  return { client, base: `/api/outbreaks/${id}` };
}

const USUAL = 'LNG_REFERENCE_DATA_CATEGORY_ADDRESS_TYPE_USUAL_PLACE_OF_RESIDENCE';
const PREVIOUS = 'LNG_REFERENCE_DATA_CATEGORY_ADDRESS_TYPE_PREVIOUS_USUAL_PLACE_OF_RESIDENCE';
const DISCARDED = 'LNG_REFERENCE_DATA_CATEGORY_CASE_CLASSIFICATION_NOT_A_CASE_DISCARDED';

describe('person create and read', () => {
  it('keeps the client id, drops read-only fields, hides type, stores dates as ISO UTC', async () => {
    const { client, base } = await start();
    const answer = await client.post<Rec>(`${base}/cases`, {
      id: 'case-1',
      firstName: 'Ada',
      outbreakId: 'elsewhere',
      type: 'LNG_REFERENCE_DATA_CATEGORY_PERSON_TYPE_CONTACT',
      createdAt: '2000-01-01T00:00:00.000Z',
      deleted: true,
      classificationHistory: [{ classification: 'x' }],
      dateOfReporting: '2024-03-05T10:00:00+02:00',
      dob: '1980-02-01',
      customField: { kept: true },
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      id: 'case-1',
      outbreakId: base.split('/')[3],
      deleted: false,
      dateOfReporting: '2024-03-05T08:00:00.000Z',
      dob: '1980-02-01T00:00:00.000Z',
      customField: { kept: true },
      hasRelationships: false,
      classificationHistory: [{}],
    });
    expect(answer.body).not.toHaveProperty('type');
    expect(answer.body.createdAt).not.toBe('2000-01-01T00:00:00.000Z');
    expect(sim?.inspect().persons[0]?.type).toBe('LNG_REFERENCE_DATA_CATEGORY_PERSON_TYPE_CASE');
    const read = await client.get(`${base}/cases/case-1`);
    expect(read.body).toMatchObject({ id: 'case-1', firstName: 'Ada' });
    const missing = await client.get(`${base}/cases/nope`);
    expect(errorOf(missing)).toEqual({
      statusCode: 404,
      name: 'Error',
      message: 'No instance with id nope found for case',
    });
    // A case is not a contact.
    expect((await client.get(`${base}/contacts/case-1`)).status).toBe(404);
  });

  it('rejects unparseable dates as a ValidationError "date"', async () => {
    const { client, base } = await start();
    const answer = await client.post(`${base}/cases`, {
      firstName: 'A',
      dateOfOnset: 'yesterday-ish',
      dob: { no: 1 },
    });
    expect(errorOf(answer)).toEqual({
      statusCode: 422,
      name: 'ValidationError',
      message:
        'The `case` instance is not valid. Details: `dob` is not a valid date (value: Invalid Date); `dateOfOnset` is not a valid date (value: Invalid Date).',
      details: {
        context: 'case',
        codes: { dob: ['date'], dateOfOnset: ['date'] },
        messages: { dob: ['is not a valid date'], dateOfOnset: ['is not a valid date'] },
      },
    });
  });

  it('answers a duplicate live id with 422 uniqueness, a soft-deleted or other-type id with 409 (configurable)', async () => {
    const { client, base } = await start();
    await client.post(`${base}/cases`, { id: 'p1', firstName: 'A' });
    const live = await client.post(`${base}/cases`, { id: 'p1', firstName: 'B' });
    expect(errorOf(live)).toEqual({
      statusCode: 422,
      name: 'ValidationError',
      message: 'The `case` instance is not valid. Details: `id` is not unique (value: "p1").',
      details: { context: 'case', codes: { id: ['uniqueness'] }, messages: { id: ['is not unique'] } },
    });
    const otherType = await client.post(`${base}/contacts`, { id: 'p1', firstName: 'C' });
    expect(errorOf(otherType)).toEqual({
      statusCode: 409,
      name: 'Error',
      message: 'Model with id `p1` already exists',
      code: 'MODEL_CONFLICT',
      details: { id: 'p1' },
    });
    await client.del(`${base}/cases/p1`);
    expect(errorOf(await client.post(`${base}/cases`, { id: 'p1', firstName: 'D' })).code).toBe(
      'MODEL_CONFLICT',
    );
    await sim?.close();

    const internal = await start({ quirks: { duplicatePersonId: 'internal' } });
    await internal.client.post(`${internal.base}/cases`, { id: 'p1' });
    const answer = await internal.client.post(`${internal.base}/contacts`, { id: 'p1' });
    expect(answer.status).toBe(500);
    expect(errorOf(answer)).toMatchObject({
      code: 'INTERNAL_ERROR',
      details: { error: { code: 11000, name: 'MongoServerError' } },
    });
    expect(errorOf(answer)).not.toHaveProperty('name');
  });

  it('creates events with their single address', async () => {
    const { client, base } = await start();
    const event = await client.post<Rec>(`${base}/events`, {
      id: 'ev1',
      name: 'Funeral',
      date: '2024-04-01',
      address: { locationId: 'loc-1' },
    });
    expect(event.body).toMatchObject({
      id: 'ev1',
      name: 'Funeral',
      usualPlaceOfResidenceLocationId: 'loc-1',
      address: { typeId: USUAL, locationId: 'loc-1' },
    });
    expect((await client.get(`${base}/events/ev1`)).body).toMatchObject({ name: 'Funeral' });
    expect((await client.get(`${base}/events/filtered-count`)).body).toEqual({ count: 1 });
  });
});

describe('required fields by version', () => {
  it('2.50 accepts empty persons and relationships', async () => {
    const { client, base } = await start({ version: '2.50' });
    expect((await client.post(`${base}/cases`, {})).status).toBe(200);
    expect((await client.post(`${base}/contacts`, {})).status).toBe(200);
    expect((await client.post(`${base}/events`, {})).status).toBe(200);
  });

  it('2.48 requires firstName, classification, dateOfReporting, event name, address locationId, relationship fields', async () => {
    const { client, base } = await start({ version: '2.48' });
    const kase = errorOf(await client.post(`${base}/cases`, { addresses: [{ city: 'Bo' }] }));
    expect(kase).not.toHaveProperty('code');
    expect(kase.name).toBe('ValidationError');
    expect((kase.details as { codes: Rec }).codes).toEqual({
      firstName: ['presence'],
      dateOfReporting: ['presence'],
      classification: ['presence'],
      'addresses[0].locationId': ['presence'],
    });
    expect(kase.message).toBe(
      "The `case` instance is not valid. Details: `firstName` can't be blank (value: undefined); `dateOfReporting` can't be blank (value: undefined); `classification` can't be blank (value: undefined); `addresses[0].locationId` can't be blank (value: undefined).",
    );
    const contact = errorOf(await client.post(`${base}/contacts`, {}));
    expect(Object.keys((contact.details as { codes: Rec }).codes)).toEqual(['firstName', 'dateOfReporting']);
    const event = errorOf(await client.post(`${base}/events`, {}));
    expect(Object.keys((event.details as { codes: Rec }).codes)).toEqual(['name', 'dateOfReporting']);
    const ok = await client.post(`${base}/cases`, {
      id: 'c1',
      firstName: 'A',
      classification: 'LNG_REFERENCE_DATA_CATEGORY_CASE_CLASSIFICATION_CONFIRMED',
      dateOfReporting: '2024-01-02',
    });
    expect(ok.status).toBe(200);
    await client.post(`${base}/contacts`, { id: 'k1', firstName: 'K', dateOfReporting: '2024-01-02' });
    const rel = errorOf(await client.post(`${base}/cases/c1/relationships`, { persons: [{ id: 'k1' }] }));
    expect((rel.details as { codes: Rec }).codes).toEqual({
      contactDate: ['presence'],
      certaintyLevelId: ['presence'],
    });
  });
});

describe('person updates, deletes and restores', () => {
  it('PUT merges top-level fields and replaces arrays', async () => {
    const { client, base } = await start();
    await client.post(`${base}/cases`, {
      id: 'c1',
      firstName: 'Ada',
      lastName: 'L',
      documents: [
        { type: 'A', number: '1' },
        { type: 'B', number: '2' },
      ],
    });
    const updated = await client.put<Rec>(`${base}/cases/c1`, {
      lastName: 'Lovelace',
      documents: [{ type: 'C', number: '3' }],
      createdBy: 'x',
    });
    expect(updated.body).toMatchObject({
      firstName: 'Ada',
      lastName: 'Lovelace',
      documents: [{ type: 'C', number: '3' }],
      createdBy: 'sys_admin',
    });
    const changedId = await client.put(`${base}/cases/c1`, { id: 'c2' });
    expect(errorOf(changedId)).toEqual({
      statusCode: 400,
      name: 'Error',
      message: 'id cannot be updated from c1 to c2 when forceId is set to true',
    });
    expect((await client.put(`${base}/cases/nope`, {})).status).toBe(404);
  });

  it('soft-deletes (204), archives the visualId, hides the row unless deleted:true, and restores', async () => {
    const { client, base } = await start();
    await client.post(`${base}/cases`, { id: 'c1', firstName: 'A', visualId: 'CA-9999999999' });
    const deleted = await client.del(`${base}/cases/c1`);
    expect(deleted.status).toBe(204);
    expect((await client.get(`${base}/cases/c1`)).status).toBe(404);
    expect((await client.get(`${base}/cases/count`)).body).toEqual({ count: 0 });
    expect(
      (await client.get(`${base}/cases/count?${q('where', { includeDeletedRecords: true })}`)).body,
    ).toEqual({ count: 1 });
    const withDeleted = await client.get<Rec[]>(`${base}/cases?${q('filter', { deleted: true })}`);
    expect(withDeleted.body[0]).toMatchObject({
      id: 'c1',
      deleted: true,
      visualId: null,
      documents: [{ type: 'LNG_REFERENCE_DATA_CATEGORY_DOCUMENT_TYPE_ARCHIVED_ID', number: 'CA-0000000001' }],
    });
    expect(typeof withDeleted.body[0]?.deletedAt).toBe('string');
    // The number is free again.
    expect(
      (await client.post<Rec>(`${base}/cases`, { firstName: 'B', visualId: 'CA-0000000001' })).body.visualId,
    ).toBe('CA-0000000001');
    const restored = await client.post<Rec>(`${base}/cases/c1/restore`);
    expect(restored.body).toMatchObject({ id: 'c1', deleted: false, deletedAt: null });
    const again = await client.post(`${base}/cases/c1/restore`);
    expect(errorOf(again)).toEqual({
      statusCode: 404,
      name: 'Error',
      message: 'Unknown `case` id `c1`',
      code: 'MODEL_NOT_FOUND',
      details: { model: 'case', id: 'c1' },
    });
  });

  it('updates many cases with PUT /cases/bulk, reporting failures per record', async () => {
    const { client, base } = await start();
    await client.post(`${base}/cases`, { id: 'c1', firstName: 'A' });
    await client.post(`${base}/cases`, { id: 'c2', firstName: 'B' });
    const ok = await client.put<Rec[]>(`${base}/cases/bulk`, [
      { id: 'c1', lastName: 'X' },
      { id: 'c2', lastName: 'Y' },
    ]);
    expect(ok.body).toMatchObject([
      { recordNo: 0, contact: { id: 'c1', lastName: 'X' } },
      { recordNo: 1, contact: { id: 'c2', lastName: 'Y' } },
    ]);
    const partial = await client.put(`${base}/cases/bulk`, [
      { lastName: 'no id' },
      { id: 'ghost' },
      { id: 'c1', lastName: 'Z' },
    ]);
    expect(errorOf(partial)).toMatchObject({
      statusCode: 422,
      code: 'MULTIPLE_CONTACTS_UPDATE_PARTIAL_SUCCESS',
      details: {
        failed: [
          { recordNo: 0, error: { code: 'CONTACT_ID_REQUIRED', statusCode: 422 } },
          { recordNo: 1, error: { code: 'MODEL_NOT_FOUND', message: 'Unknown `case` id `ghost`' } },
        ],
        success: [{ recordNo: 2, contact: { id: 'c1', lastName: 'Z' } }],
      },
    });
  });
});

describe('quirks', () => {
  it('can clear visualId on a PUT without it, and stop enforcing nested 2.48 fields', async () => {
    const { client, base } = await start({
      version: '2.48',
      quirks: { clearVisualIdOnUpdateWithout: true, enforceNestedRequired: false },
    });
    const body = {
      id: 'c1',
      firstName: 'A',
      classification: 'X',
      dateOfReporting: '2024-01-01',
      visualId: 'CA-9999999999',
      addresses: [{ city: 'Bo' }],
    };
    expect((await client.post<Rec>(`${base}/cases`, body)).body.visualId).toBe('CA-0000000001');
    expect((await client.put<Rec>(`${base}/cases/c1`, { lastName: 'B' })).body.visualId).toBeNull();
  });
});

describe('addresses', () => {
  it('needs exactly one usual place of residence and dated previous ones', async () => {
    const { client, base } = await start();
    const none = await client.post(`${base}/cases`, {
      addresses: [{ typeId: 'LNG_REFERENCE_DATA_CATEGORY_ADDRESS_TYPE_OTHER' }],
    });
    expect(errorOf(none)).toMatchObject({
      statusCode: 422,
      code: 'ADDRESS_MUST_HAVE_USUAL_PLACE_OF_RESIDENCE',
      message: 'One of the addresses must be set as Current address',
    });
    const two = await client.post(`${base}/cases`, { addresses: [{ city: 'a' }, { city: 'b' }] });
    expect(errorOf(two).code).toBe('ADDRESS_MULTIPLE_USUAL_PLACE_OF_RESIDENCE');
    const undated = await client.post(`${base}/cases`, {
      addresses: [{ typeId: USUAL }, { typeId: PREVIOUS }],
    });
    expect(errorOf(undated).code).toBe('ADDRESS_PREVIOUS_PLACE_OF_RESIDENCE_MUST_HAVE_DATE');
    const ok = await client.post<Rec>(`${base}/cases`, {
      addresses: [
        { typeId: USUAL, locationId: 'l1', geoLocation: { lat: '8.5', lng: -13.2 } },
        { typeId: PREVIOUS, date: '2023-01-01' },
      ],
    });
    expect(ok.body).toMatchObject({
      usualPlaceOfResidenceLocationId: 'l1',
      addresses: [
        { geoLocation: { lat: 8.5, lng: -13.2 }, geoLocationAccurate: false },
        { date: '2023-01-01T00:00:00.000Z' },
      ],
    });
  });
});

describe('discarded cases', () => {
  it('refuse new relationships and deactivate existing ones', async () => {
    const { client, base } = await start();
    await client.post(`${base}/cases`, {
      id: 'c1',
      classification: 'LNG_REFERENCE_DATA_CATEGORY_CASE_CLASSIFICATION_CONFIRMED',
    });
    await client.post(`${base}/contacts`, { id: 'k1' });
    const rel = await client.post<Rec>(`${base}/cases/c1/relationships`, {
      persons: [{ id: 'k1' }],
      contactDate: '2024-02-01',
    });
    expect(rel.body.active).toBe(true);
    await client.put(`${base}/cases/c1`, { classification: DISCARDED });
    const stored = sim?.inspect().relationships[0];
    expect(stored?.active).toBe(false);
    expect(sim?.inspect().persons.find((p) => p.id === 'k1')).toMatchObject({
      active: false,
      followUp: { status: 'LNG_REFERENCE_DATA_CONTACT_FINAL_FOLLOW_UP_STATUS_TYPE_UNDER_FOLLOW_UP' },
    });
    const refused = await client.post(`${base}/cases/c1/relationships`, { persons: [{ id: 'k1' }] });
    expect(errorOf(refused)).toEqual({
      statusCode: 422,
      name: 'Error',
      message: 'Cannot create/modify relationships with discarded cases (case id: `c1` )',
      code: 'INVALID_RELATIONSHIP_WITH_DISCARDED_CASE',
      details: { id: 'c1' },
    });
    expect(
      errorOf(await client.post(`${base}/contacts/k1/relationships`, { persons: [{ id: 'c1' }] })).code,
    ).toBe('INVALID_RELATIONSHIP_WITH_DISCARDED_CASE');
    await client.put(`${base}/cases/c1`, {
      classification: 'LNG_REFERENCE_DATA_CATEGORY_CASE_CLASSIFICATION_PROBABLE',
    });
    expect(sim?.inspect().relationships[0]?.active).toBe(true);
    const history = sim?.inspect().persons.find((p) => p.id === 'c1')?.classificationHistory as Rec[];
    expect(history.map((h) => h.classification)).toEqual([
      'LNG_REFERENCE_DATA_CATEGORY_CASE_CLASSIFICATION_CONFIRMED',
      DISCARDED,
      'LNG_REFERENCE_DATA_CATEGORY_CASE_CLASSIFICATION_PROBABLE',
    ]);
  });
});
