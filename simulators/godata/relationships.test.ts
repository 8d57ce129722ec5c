import { afterEach, describe, expect, it } from 'vitest';
import { startGoDataSimulator, type GoDataSimulator, type GoDataSimulatorOptions } from './index.js';
import { activeOutbreak, errorOf, q, RawClient, type Rec } from './testing/client.js';

let sim: GoDataSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const CASE = 'LNG_REFERENCE_DATA_CATEGORY_PERSON_TYPE_CASE';
const CONTACT = 'LNG_REFERENCE_DATA_CATEGORY_PERSON_TYPE_CONTACT';
const EVENT = 'LNG_REFERENCE_DATA_CATEGORY_PERSON_TYPE_EVENT';

async function start(options: GoDataSimulatorOptions = {}): Promise<{ client: RawClient; base: string }> {
  sim = await startGoDataSimulator(options);
  const client = new RawClient(sim.url);
  await client.login();
  const id = await activeOutbreak(client, { periodOfFollowup: 21 });
  const base = `/api/outbreaks/${id}`;
  // Complete enough for the 2.48 required fields too.
  const common = {
    dateOfReporting: '2024-01-01',
    classification: 'LNG_REFERENCE_DATA_CATEGORY_CASE_CLASSIFICATION_CONFIRMED',
  };
  for (const [segment, body] of [
    ['cases', { id: 'c1', firstName: 'Case' }],
    ['cases', { id: 'c2', firstName: 'Other case' }],
    ['contacts', { id: 'k1', firstName: 'Contact' }],
    ['contacts', { id: 'k2', firstName: 'Contact 2' }],
    ['events', { id: 'e1', name: 'Event' }],
  ] as const) {
    const created = await client.post(`${base}/${segment}`, { ...common, ...body });
    if (created.status !== 200) throw new Error(created.text);
  }
  return { client, base };
}

const person = (id: string): Rec | undefined => sim?.inspect().persons.find((p) => p.id === id);

describe('relationship create', () => {
  it('uses persons[0].id only and lets the server decide the direction', async () => {
    const { client, base } = await start();
    const caseContact = await client.post<Rec>(`${base}/cases/c1/relationships`, {
      id: 'ignored',
      persons: [{ id: 'k1', type: 'whatever', source: true }, { id: 'nobody' }],
      contactDate: '2024-02-10T15:00:00.000Z',
      certaintyLevelId: 'LNG_REFERENCE_DATA_CATEGORY_CERTAINTY_LEVEL_1_LOW',
    });
    expect(caseContact.status).toBe(200);
    expect(caseContact.body.id).not.toBe('ignored');
    expect(caseContact.body).toMatchObject({
      persons: [
        { id: 'k1', type: CONTACT, target: true },
        { id: 'c1', type: CASE, source: true },
      ],
      contactDate: '2024-02-10T15:00:00.000Z',
      contactDateEstimated: false,
      active: true,
    });
    const fromContact = await client.post<Rec>(`${base}/contacts/k2/relationships`, {
      persons: [{ id: 'c2' }],
    });
    expect(fromContact.body.persons).toEqual([
      { id: 'c2', type: CASE, source: true },
      { id: 'k2', type: CONTACT, target: true },
    ]);
    const caseCase = await client.post<Rec>(`${base}/cases/c1/relationships`, { persons: [{ id: 'c2' }] });
    expect(caseCase.body.persons).toEqual([
      { id: 'c2', type: CASE, target: true },
      { id: 'c1', type: CASE, source: true },
    ]);
    const contactContact = await client.post<Rec>(`${base}/contacts/k1/relationships`, {
      persons: [{ id: 'k2' }],
    });
    expect(contactContact.body.persons).toEqual([
      { id: 'k2', type: CONTACT, target: true },
      { id: 'k1', type: CONTACT, source: true },
    ]);
    const eventContact = await client.post<Rec>(`${base}/events/e1/relationships`, {
      persons: [{ id: 'k1' }],
    });
    expect(eventContact.body.persons).toEqual([
      { id: 'k1', type: CONTACT, target: true },
      { id: 'e1', type: EVENT, source: true },
    ]);
  });

  it('refuses missing, self and unknown people', async () => {
    const { client, base } = await start();
    const noId = await client.post(`${base}/cases/c1/relationships`, { persons: [{}] });
    expect(errorOf(noId)).toEqual({
      statusCode: 422,
      name: 'Error',
      message: 'The `relationship` instance is not valid. Details: "persons[0]" must contain "id"',
      code: 'VALIDATION_ERROR',
      details: { model: 'relationship', details: '"persons[0]" must contain "id"' },
    });
    expect(
      errorOf(await client.post(`${base}/cases/c1/relationships`, { persons: [{ id: 'c1' }] })).details,
    ).toEqual({
      model: 'relationship',
      details: 'You cannot link a person to itself',
    });
    expect(
      errorOf(await client.post(`${base}/cases/c1/relationships`, { persons: [{ id: 'ghost' }] })),
    ).toMatchObject({
      statusCode: 404,
      code: 'MODEL_NOT_FOUND',
      message: 'Unknown `person` id `ghost`',
    });
    expect(
      errorOf(await client.post(`${base}/cases/ghost/relationships`, { persons: [{ id: 'k1' }] })),
    ).toMatchObject({
      statusCode: 404,
      code: 'MODEL_NOT_FOUND',
      message: 'Unknown `case` id `ghost`',
    });
    const noPersons = errorOf(await client.post(`${base}/cases/c1/relationships`, {}));
    expect(noPersons).toMatchObject({
      name: 'ValidationError',
      details: { codes: { persons: ['presence'] } },
    });
  });

  it('allows the same pair twice (no uniqueness) and finds pairs by persons.id', async () => {
    const { client, base } = await start();
    await client.post(`${base}/cases/c1/relationships`, { persons: [{ id: 'k1' }] });
    await client.post(`${base}/cases/c1/relationships`, { persons: [{ id: 'k1' }] });
    const pair = await client.get<Rec[]>(
      `${base}/relationships?${q('filter', { where: { and: [{ 'persons.id': 'c1' }, { 'persons.id': 'k1' }] } })}`,
    );
    expect(pair.body).toHaveLength(2);
    expect((await client.get(`${base}/relationships/count`)).body).toEqual({ count: 2 });
    expect((await client.get(`${base}/cases/c1/relationships/count`)).body).toEqual({ count: 2 });
    expect((await client.get<Rec[]>(`${base}/contacts/k1/relationships`)).body).toHaveLength(2);
    expect(person('c1')).toMatchObject({ hasRelationships: true, numberOfContacts: 2, numberOfExposures: 0 });
    expect(person('k1')).toMatchObject({ hasRelationships: true, numberOfContacts: 0, numberOfExposures: 2 });
  });
});

describe('derived contact fields', () => {
  it('recomputes the follow-up window and dateOfLastContact from the newest active exposure', async () => {
    const { client, base } = await start();
    await client.post(`${base}/cases/c1/relationships`, {
      persons: [{ id: 'k1' }],
      contactDate: '2024-02-10T15:00:00.000Z',
    });
    expect(person('k1')).toMatchObject({
      dateOfLastContact: '2024-02-10T15:00:00.000Z',
      active: true,
      followUp: {
        status: 'LNG_REFERENCE_DATA_CONTACT_FINAL_FOLLOW_UP_STATUS_TYPE_UNDER_FOLLOW_UP',
        originalStartDate: '2024-02-11T00:00:00.000Z',
        startDate: '2024-02-11T00:00:00.000Z',
        endDate: '2024-03-02T00:00:00.000Z',
      },
    });
    const newer = await client.post<Rec>(`${base}/cases/c2/relationships`, {
      persons: [{ id: 'k1' }],
      contactDate: '2024-02-20',
    });
    expect(person('k1')).toMatchObject({
      dateOfLastContact: '2024-02-20T00:00:00.000Z',
      followUp: {
        originalStartDate: '2024-02-11T00:00:00.000Z',
        startDate: '2024-02-21T00:00:00.000Z',
        endDate: '2024-03-12T00:00:00.000Z',
      },
    });
    await client.put(`${base}/cases/c2/relationships/${String(newer.body.id)}`, {
      contactDate: '2024-02-01',
    });
    expect(person('k1')).toMatchObject({
      dateOfLastContact: '2024-02-10T15:00:00.000Z',
      followUp: { startDate: '2024-02-11T00:00:00.000Z' },
    });
    const read = await client.get<Rec>(`${base}/contacts/k1/relationships/${String(newer.body.id)}`);
    expect(read.body).toMatchObject({
      contactDate: '2024-02-01T00:00:00.000Z',
      createdByUser: { id: 'sys_admin' },
    });
    expect(
      errorOf(await client.get(`${base}/contacts/k2/relationships/${String(newer.body.id)}`)),
    ).toMatchObject({
      statusCode: 404,
      code: 'MODEL_NOT_FOUND_IN_CONTEXT',
      details: { model: 'relationship', id: newer.body.id, contextModel: 'contact', contextId: 'k2' },
    });
  });

  it("refuses to delete a contact's last exposure, allows it while another remains", async () => {
    const { client, base } = await start();
    const first = await client.post<Rec>(`${base}/cases/c1/relationships`, { persons: [{ id: 'k1' }] });
    const refused = await client.del(`${base}/cases/c1/relationships/${String(first.body.id)}`);
    expect(errorOf(refused)).toEqual({
      statusCode: 422,
      name: 'Error',
      message:
        "Cannot delete the last relationship exposure because the person with ID c1 doesn't have an additional relationship exposure.",
      code: 'DELETE_CONTACT_LAST_RELATIONSHIP',
      details: { contactIDs: ['c1'] },
    });
    await client.post(`${base}/events/e1/relationships`, { persons: [{ id: 'k1' }] });
    expect((await client.del(`${base}/cases/c1/relationships/${String(first.body.id)}`)).body).toEqual({
      count: 1,
    });
    expect((await client.del(`${base}/cases/c1/relationships/${String(first.body.id)}`)).status).toBe(204);
    expect(person('k1')).toMatchObject({ numberOfExposures: 1 });
  });
});

describe('bulk contacts with exposure', () => {
  it('creates contact + relationship pairs', async () => {
    const { client, base } = await start();
    const answer = await client.post<Rec[]>(`${base}/cases/c1/contacts`, [
      {
        contact: { id: 'n1', firstName: 'New 1' },
        relationship: { contactDate: '2024-03-01', persons: [{ id: 'c2' }] },
      },
      { contact: { id: 'n2', firstName: 'New 2' }, relationship: { contactDate: '2024-03-02' } },
    ]);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject([
      {
        recordNo: 0,
        contact: { id: 'n1', createdOn: 'BULK' },
        relationship: {
          persons: [
            { id: 'n1', type: CONTACT, target: true },
            { id: 'c1', type: CASE, source: true },
          ],
        },
      },
      { recordNo: 1, contact: { id: 'n2' }, relationship: { contactDate: '2024-03-02T00:00:00.000Z' } },
    ]);
    expect(person('n1')).toMatchObject({ followUp: { startDate: '2024-03-02T00:00:00.000Z' } });
  });

  it('reports partial failures; a contact whose relationship failed is soft-deleted', async () => {
    const { client, base } = await start({ version: '2.48' });
    const empty = await client.post(`${base}/cases/c1/contacts`, []);
    expect(errorOf(empty)).toEqual({
      statusCode: 422,
      name: 'Error',
      message: 'Both contact and relationship are required when creating a contact',
      code: 'CONTACT_AND_RELATIONSHIP_REQUIRED',
    });
    const answer = await client.post(`${base}/cases/c1/contacts`, [
      {
        contact: { id: 'ok', firstName: 'Ok', dateOfReporting: '2024-03-01' },
        relationship: { contactDate: '2024-03-01', certaintyLevelId: 'x' },
      },
      {
        contact: { id: 'half', firstName: 'Half', dateOfReporting: '2024-03-01' },
        relationship: { contactDate: '2024-03-01' },
      },
      { contact: { id: 'bad' }, relationship: { contactDate: '2024-03-01', certaintyLevelId: 'x' } },
      { contact: { id: 'lonely', firstName: 'L', dateOfReporting: '2024-03-01' } },
    ]);
    expect(answer.status).toBe(422);
    const error = errorOf(answer);
    expect(error).toMatchObject({
      code: 'MULTIPLE_CONTACTS_CREATION_PARTIAL_SUCCESS',
      message: 'Multiple contact creation partial Success. Some contact instances failed to be created.',
    });
    const details = error.details as { failed: Rec[]; success: Rec[] };
    expect(details.success).toMatchObject([{ recordNo: 0, contact: { id: 'ok' } }]);
    expect(details.failed).toMatchObject([
      {
        recordNo: 1,
        error: {
          name: 'ValidationError',
          statusCode: 422,
          details: { context: 'relationship', codes: { certaintyLevelId: ['presence'] } },
        },
      },
      {
        recordNo: 2,
        error: {
          name: 'ValidationError',
          details: { codes: { firstName: ['presence'], dateOfReporting: ['presence'] } },
        },
      },
      { recordNo: 3, error: { code: 'CONTACT_AND_RELATIONSHIP_REQUIRED' } },
    ]);
    expect(person('half')).toMatchObject({ deleted: true });
    expect(person('bad')).toBeUndefined();
    // The soft-deleted id now blocks re-creation until restored.
    expect(
      errorOf(
        await client.post(`${base}/contacts`, { id: 'half', firstName: 'H', dateOfReporting: '2024-03-01' }),
      ).code,
    ).toBe('MODEL_CONFLICT');
    expect((await client.post(`${base}/contacts/half/restore`)).status).toBe(200);
  });
});

describe('cascades', () => {
  it('deleting a case deletes its relationships and contacts left without exposure; restore brings them back', async () => {
    const { client, base } = await start();
    await client.post(`${base}/cases/c1/relationships`, {
      persons: [{ id: 'k1' }],
      contactDate: '2024-01-05',
    });
    await client.post(`${base}/cases/c1/relationships`, {
      persons: [{ id: 'k2' }],
      contactDate: '2024-01-05',
    });
    await client.post(`${base}/cases/c2/relationships`, {
      persons: [{ id: 'k2' }],
      contactDate: '2024-01-06',
    });
    expect((await client.del(`${base}/cases/c1`)).status).toBe(204);
    expect(person('k1')).toMatchObject({ deleted: true, deletedByParent: 'c1' });
    expect(person('k2')).toMatchObject({ deleted: false, numberOfExposures: 1 });
    expect((await client.get(`${base}/relationships/count`)).body).toEqual({ count: 1 });
    const restored = await client.post(`${base}/cases/c1/restore`);
    expect(restored.status).toBe(200);
    expect(person('k1')).toMatchObject({ deleted: false, deletedByParent: null });
    expect((await client.get(`${base}/relationships/count`)).body).toEqual({ count: 3 });
  });
});
