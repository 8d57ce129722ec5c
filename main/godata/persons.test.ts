import { afterEach, describe, expect, it } from 'vitest';
import { startGoDataSimulator, type GoDataSimulator } from '../../simulators/godata/index.js';
import { GoDataClient } from './client.js';
import { ADMIN, caseInput, outbreakInput, SIMULATED_VERSIONS, testClient } from './simulator-fixture.js';

let sim: GoDataSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const casesWithId = (s: GoDataSimulator, id: string) => s.inspect().persons.filter((p) => p.id === id);

describe.each(SIMULATED_VERSIONS)('Go.Data outbreaks and persons against simulated %s', (version) => {
  it('finds an outbreak by its exact name, creates one and updates it', async () => {
    sim = await startGoDataSimulator({ port: 0, version });
    const { client } = testClient(sim);
    expect(await client.outbreaks.findByName('Measles 2024')).toBeUndefined();
    const created = await client.outbreaks.create({
      ...outbreakInput('Measles 2024'),
      id: 'ignored-by-server',
    });
    expect(created.id).not.toBe('ignored-by-server');
    expect((await client.outbreaks.findByName('Measles 2024'))?.id).toBe(created.id);
    expect(await client.outbreaks.findByName('measles 2024')).toBeUndefined();
    expect((await client.outbreaks.update(created.id, { description: 'from DHIS2' })).description).toBe(
      'from DHIS2',
    );
    expect((await client.outbreaks.get(created.id))?.description).toBe('from DHIS2');
    expect(await client.outbreaks.get('no-such-outbreak')).toBeUndefined();
  });

  it('opens the active-outbreak gate before writing, also after another session moved it', async () => {
    sim = await startGoDataSimulator({ port: 0, version });
    const { client, events } = testClient(sim);
    const a = await client.outbreaks.create(outbreakInput('A'));
    const b = await client.outbreaks.create(outbreakInput('B'));
    await client.persons.create('case', a.id, caseInput('in-a'));
    await client.persons.create('case', a.id, caseInput('in-a-2'));
    await client.persons.create('case', b.id, caseInput('in-b'));
    expect(
      events
        .filter((e) => e.type === 'active-outbreak')
        .map((e) => e.type === 'active-outbreak' && e.outbreakId),
    ).toEqual([a.id, b.id]);

    // The same account logs in elsewhere (our token dies) and switches the active outbreak back to A.
    const other = new GoDataClient({ baseUrl: sim.url, credentials: ADMIN });
    await other.ensureActiveOutbreak(a.id);
    const written = await client.persons.update('case', b.id, 'in-b', { lastName: 'Still written' });
    expect(written.lastName).toBe('Still written');
    expect(sim.inspect().users.find((u) => u.id === 'sys_admin')?.activeOutbreakId).toBe(b.id);
    // Our token was replaced (one session per user), then the 403 ACCESS_DENIED re-opened the gate once.
    expect(events.filter((e) => e.type === 'login').length).toBe(2);
    const switches = events.filter((e) => e.type === 'active-outbreak');
    expect(switches.map((e) => e.type === 'active-outbreak' && e.outbreakId)).toEqual([a.id, b.id, b.id]);
  });

  it('creates, reads, updates, deletes and restores a case with its own id', async () => {
    sim = await startGoDataSimulator({ port: 0, version });
    const { client } = testClient(sim);
    const { id: outbreakId } = await client.outbreaks.create(outbreakInput('Cases'));
    const documents = [
      { type: 'LNG_REFERENCE_DATA_CATEGORY_DOCUMENT_TYPE_EXTERNAL_ID', number: 'dhis2-uid-1' },
    ];
    const created = await client.persons.create(
      'case',
      outbreakId,
      caseInput('case-1', { documents, gender: 'LNG_REFERENCE_DATA_CATEGORY_GENDER_FEMALE' }),
    );
    expect(created).toMatchObject({ outcome: 'created', record: { id: 'case-1', outbreakId } });

    const updated = await client.persons.update('case', outbreakId, 'case-1', {
      lastName: 'Doe',
      documents: [],
    });
    expect(updated).toMatchObject({
      lastName: 'Doe',
      gender: 'LNG_REFERENCE_DATA_CATEGORY_GENDER_FEMALE',
      documents: [],
    });
    expect(await client.persons.count('case', outbreakId)).toBe(1);

    expect(await client.persons.delete('case', outbreakId, 'case-1')).toBe('deleted');
    expect(await client.persons.get('case', outbreakId, 'case-1')).toBeUndefined();
    expect(await client.persons.get('case', outbreakId, 'case-1', { includeDeleted: true })).toMatchObject({
      deleted: true,
    });
    expect(await client.persons.delete('case', outbreakId, 'case-1')).toBe('not-found');

    expect((await client.persons.restore('case', outbreakId, 'case-1')).deleted).not.toBe(true);
    expect((await client.persons.get('case', outbreakId, 'case-1'))?.lastName).toBe('Doe');
  });

  it('treats a create whose answer was lost after the server stored it as created: exactly one case', async () => {
    sim = await startGoDataSimulator({ port: 0, version });
    const { client } = testClient(sim);
    const { id: outbreakId } = await client.outbreaks.create(outbreakInput('Lost answers'));
    await client.ensureActiveOutbreak(outbreakId);
    sim.faults.script({ kind: 'reset', phase: 'after', match: /POST .*cases/ });
    const result = await client.persons.create('case', outbreakId, caseInput('lost-1'));
    expect(result).toMatchObject({ outcome: 'created', record: { id: 'lost-1' } });
    expect(casesWithId(sim, 'lost-1')).toHaveLength(1);
    expect(sim.faults.stats.injected.reset).toBe(1);
  });

  it('repeats a create that was lost before the server stored it', async () => {
    sim = await startGoDataSimulator({ port: 0, version });
    const { client } = testClient(sim);
    const { id: outbreakId } = await client.outbreaks.create(outbreakInput('Lost requests'));
    await client.ensureActiveOutbreak(outbreakId);
    sim.faults.script({ kind: 'reset', phase: 'before', match: /POST .*cases$/ });
    expect((await client.persons.create('case', outbreakId, caseInput('lost-2'))).outcome).toBe('created');
    expect(casesWithId(sim, 'lost-2')).toHaveLength(1);
  });

  it('re-creating an existing id updates it; re-creating a soft-deleted id restores and updates it', async () => {
    sim = await startGoDataSimulator({ port: 0, version });
    const { client } = testClient(sim);
    const { id: outbreakId } = await client.outbreaks.create(outbreakInput('Re-runs'));
    await client.persons.create('case', outbreakId, caseInput('again'));
    const again = await client.persons.create(
      'case',
      outbreakId,
      caseInput('again', { lastName: 'Second run' }),
    );
    expect(again).toMatchObject({ outcome: 'updated', record: { lastName: 'Second run' } });

    await client.persons.delete('case', outbreakId, 'again');
    const back = await client.persons.create(
      'case',
      outbreakId,
      caseInput('again', { lastName: 'Third run' }),
    );
    expect(back).toMatchObject({ outcome: 'restored', record: { lastName: 'Third run' } });
    expect(casesWithId(sim, 'again')).toHaveLength(1);
    expect(casesWithId(sim, 'again')[0]?.deleted).toBe(false);
  });

  it('also restores a soft-deleted id when the server reports the duplicate as a 500 E11000', async () => {
    sim = await startGoDataSimulator({ port: 0, version, quirks: { duplicatePersonId: 'internal' } });
    const { client } = testClient(sim);
    const { id: outbreakId } = await client.outbreaks.create(outbreakInput('Duplicate keys'));
    await client.persons.create('case', outbreakId, caseInput('dup'));
    await client.persons.delete('case', outbreakId, 'dup');
    expect((await client.persons.create('case', outbreakId, caseInput('dup'))).outcome).toBe('restored');
    // An id held by another kind of person is a real conflict, reported as it is.
    const clash = await client.persons
      .create('contact', outbreakId, {
        id: 'dup',
        firstName: 'X',
        dateOfReporting: '2024-02-01T00:00:00.000Z',
      })
      .catch((e: unknown) => e);
    expect(clash).toMatchObject({ kind: 'conflict', status: 500, code: 'INTERNAL_ERROR' });
  });

  it('creates persons of one outbreak one at a time, so auto-numbered visualIds never collide', async () => {
    sim = await startGoDataSimulator({ port: 0, version });
    const { client } = testClient(sim, { concurrency: 8 });
    const { id: outbreakId } = await client.outbreaks.create(outbreakInput('Numbering'));
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        client.persons.create('case', outbreakId, caseInput(`n-${i}`, { visualId: 'CA-9999999999' })),
      ),
    );
    const visualIds = results.map((r) => r.record.visualId);
    expect(new Set(visualIds).size).toBe(12);
    const event = await client.persons.create('event', outbreakId, {
      id: 'ev-1',
      name: 'Wedding',
      date: '2024-01-20T00:00:00.000Z',
      dateOfReporting: '2024-01-21T00:00:00.000Z',
    });
    expect(event.record).toMatchObject({ id: 'ev-1', name: 'Wedding' });
    const pages: string[] = [];
    for await (const page of client.persons.pages('case', outbreakId, { fields: { id: true } }, 5))
      pages.push(...page.map((p) => p.id));
    expect(pages).toHaveLength(12);
  });
});
