import { afterEach, describe, expect, it } from 'vitest';
import { startGoDataSimulator, type GoDataSimulator } from '../../simulators/godata/index.js';
import type { GoDataClient } from './client.js';
import { participantOf } from './relationships.js';
import {
  caseInput,
  CONFIRMED,
  contactInput,
  DISCARDED,
  exposureInput,
  outbreakInput,
  SIMULATED_VERSIONS,
  testClient,
} from './simulator-fixture.js';

let sim: GoDataSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function setUp(version: (typeof SIMULATED_VERSIONS)[number], caseExtra = {}) {
  sim = await startGoDataSimulator({ port: 0, version });
  const { client } = testClient(sim);
  const { id: outbreakId } = await client.outbreaks.create(outbreakInput('Contacts'));
  await client.persons.create('case', outbreakId, caseInput('case-1', caseExtra));
  return { client, outbreakId, sim };
}

const live = (s: GoDataSimulator) => ({
  contacts: s.inspect().persons.filter((p) => String(p.type).endsWith('_CONTACT') && p.deleted !== true),
  relationships: s.inspect().relationships.filter((r) => r.deleted !== true),
});

async function pairCount(client: GoDataClient, outbreakId: string, a: string, b: string): Promise<number> {
  return (await client.relationships.findAll(outbreakId, a, b)).length;
}

describe.each(SIMULATED_VERSIONS)('Go.Data contacts and relationships against simulated %s', (version) => {
  it('creates contacts with their exposure to the case through the bulk route', async () => {
    const { client, outbreakId, sim } = await setUp(version);
    const items = ['k1', 'k2', 'k3'].map((id) => ({
      contact: contactInput(id),
      relationship: exposureInput(),
    }));
    const results = await client.contacts.createWithExposures(
      outbreakId,
      { kind: 'case', id: 'case-1' },
      items,
    );
    expect(results.map((r) => [r.index, r.contactId, r.ok && r.outcome])).toEqual([
      [0, 'k1', 'created'],
      [1, 'k2', 'created'],
      [2, 'k3', 'created'],
    ]);
    const rel = await client.relationships.find(outbreakId, 'case-1', 'k2');
    expect(rel?.persons).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: 'case-1', source: true }),
        expect.objectContaining({ id: 'k2', target: true }),
      ]),
    );
    expect(live(sim).relationships).toHaveLength(3);
  });

  it('reports a partial failure per item and keeps the items that succeeded', async () => {
    const { client, outbreakId, sim } = await setUp(version);
    const twoHomes = contactInput('bad', { addresses: [{ locationId: 'l1' }, { locationId: 'l2' }] });
    const results = await client.contacts.createWithExposures(outbreakId, { kind: 'case', id: 'case-1' }, [
      { contact: contactInput('good-1'), relationship: exposureInput() },
      { contact: twoHomes, relationship: exposureInput() },
      { contact: contactInput('good-2'), relationship: exposureInput() },
    ]);
    expect(results.map((r) => r.ok)).toEqual([true, false, true]);
    const failed = results[1];
    if (failed?.ok !== false) throw new Error('item 1 should have failed');
    expect(failed.error).toMatchObject({
      kind: 'validation',
      code: 'ADDRESS_MULTIPLE_USUAL_PLACE_OF_RESIDENCE',
    });
    expect(
      live(sim)
        .contacts.map((c) => c.id)
        .sort(),
    ).toEqual(['good-1', 'good-2']);
  });

  it('restores contacts Go.Data rolled back after their relationship failed, on the next try', async () => {
    const { client, outbreakId, sim } = await setUp(version, { classification: DISCARDED });
    const items = ['r1', 'r2'].map((id) => ({ contact: contactInput(id), relationship: exposureInput() }));
    const refused = await client.contacts.createWithExposures(
      outbreakId,
      { kind: 'case', id: 'case-1' },
      items,
    );
    expect(refused.every((r) => !r.ok && r.error.code === 'INVALID_RELATIONSHIP_WITH_DISCARDED_CASE')).toBe(
      true,
    );
    await expect.poll(() => live(sim).contacts.length).toBe(0);

    await client.persons.update('case', outbreakId, 'case-1', { classification: CONFIRMED });
    const retried = await client.contacts.createWithExposures(
      outbreakId,
      { kind: 'case', id: 'case-1' },
      items,
    );
    expect(retried.map((r) => r.ok && r.outcome)).toEqual(['restored', 'restored']);
    expect(
      live(sim)
        .contacts.map((c) => c.id)
        .sort(),
    ).toEqual(['r1', 'r2']);
    expect(await pairCount(client, outbreakId, 'case-1', 'r1')).toBe(1);
    expect(sim.inspect().persons.filter((p) => p.id === 'r1')).toHaveLength(1);
  });

  it('settles a bulk request whose answer was lost: one contact and one relationship each', async () => {
    const { client, outbreakId, sim } = await setUp(version);
    await client.ensureActiveOutbreak(outbreakId);
    sim.faults.script({ kind: 'reset', phase: 'after', match: /POST .*cases\/case-1\/contacts/ });
    const items = ['l1', 'l2'].map((id) => ({ contact: contactInput(id), relationship: exposureInput() }));
    const results = await client.contacts.createWithExposures(
      outbreakId,
      { kind: 'case', id: 'case-1' },
      items,
    );
    expect(results.map((r) => r.ok && r.outcome)).toEqual(['created', 'created']);
    expect(live(sim).contacts).toHaveLength(2);
    expect(await pairCount(client, outbreakId, 'case-1', 'l1')).toBe(1);
    expect(await pairCount(client, outbreakId, 'case-1', 'l2')).toBe(1);
  });

  it('finds a relationship by its pair before creating one, updates and deletes it', async () => {
    const { client, outbreakId } = await setUp(version);
    await client.persons.create('case', outbreakId, caseInput('case-2'));
    await client.persons.create('contact', outbreakId, contactInput('c1'));
    const from = { kind: 'case', id: 'case-1' } as const;
    const first = await client.relationships.ensure(outbreakId, from, 'c1', exposureInput());
    const second = await client.relationships.ensure(
      outbreakId,
      from,
      'c1',
      exposureInput({ comment: 'again' }),
    );
    expect(first.outcome).toBe('created');
    expect(second).toMatchObject({
      outcome: 'updated',
      relationship: { id: first.relationship.id, comment: 'again' },
    });
    expect(await pairCount(client, outbreakId, 'c1', 'case-1')).toBe(1);

    const via = participantOf(first.relationship);
    expect(via).toBeDefined();
    if (!via || !first.relationship.id) return;
    const socialRelationshipTypeId = 'LNG_REFERENCE_DATA_CATEGORY_CONTEXT_OF_TRANSMISSION_FAMILY';
    const updated = await client.relationships.update(outbreakId, via, first.relationship.id, {
      socialRelationshipTypeId,
    });
    expect(updated.socialRelationshipTypeId).toBe(socialRelationshipTypeId);

    // The contact's only exposure cannot go; once it has another one, it can.
    const refused = await client.relationships
      .delete(outbreakId, via, first.relationship.id)
      .catch((e: unknown) => e);
    expect(refused).toMatchObject({ kind: 'validation', code: 'DELETE_CONTACT_LAST_RELATIONSHIP' });
    await client.relationships.ensure(outbreakId, { kind: 'case', id: 'case-2' }, 'c1', exposureInput());
    expect(await client.relationships.delete(outbreakId, via, first.relationship.id)).toBe('deleted');
    expect(await client.relationships.find(outbreakId, 'case-1', 'c1')).toBeUndefined();
  });

  it('lists contacts under an event too', async () => {
    const { client, outbreakId } = await setUp(version);
    const event = {
      id: 'ev-1',
      name: 'Market day',
      date: '2024-01-10T00:00:00.000Z',
      dateOfReporting: '2024-01-11T00:00:00.000Z',
    };
    await client.persons.create('event', outbreakId, event);
    const results = await client.contacts.createWithExposures(outbreakId, { kind: 'event', id: 'ev-1' }, [
      { contact: contactInput('e1'), relationship: exposureInput() },
    ]);
    expect(results[0]).toMatchObject({ ok: true, outcome: 'created', contactId: 'e1' });
    expect(await client.persons.count('contact', outbreakId)).toBe(1);
  });
});
