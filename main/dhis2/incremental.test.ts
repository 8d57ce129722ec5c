import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dhis2Simulator, GeneratedIndex } from '../../simulators/dhis2/index.js';
import type { Dhis2Client } from './client.js';
import { Dhis2Error } from './errors.js';
import { clientFor, collect, DEMO, startSim, VERSIONS } from './test-support.js';

const CASES = 'uYjxkTbwRNf';
const EVENT_PROGRAM = 'PNClHaZARtz';

/** Changes between and during reads: watermarks, deletions, rows moving while pages are read, faults, cancel. */
describe.each(VERSIONS)('incremental reads from DHIS2 %s', (version) => {
  let sim: Dhis2Simulator;
  let client: Dhis2Client;
  let generated: GeneratedIndex;
  beforeAll(async () => {
    sim = await startSim(version, { timeZone: 'America/New_York' });
    client = clientFor(sim);
    generated = sim.data.generated!;
  });
  afterAll(() => sim.close());

  it('reads only what changed since the watermark', async () => {
    const full = await collect(client.trackedEntities({ program: CASES }));
    const fullEvents = await collect(client.events({ program: EVENT_PROGRAM }));
    const changedCase = generated.caseUid(3);
    const changedEvent = generated.eventUid(5);
    sim.data.updateTrackedEntity(changedCase, { attributes: { sB1IHYu2xQT: 'Aminata' } });
    sim.data.updateEvent(changedEvent, { status: 'COMPLETED' });

    const since = full.progress.highestUpdatedAt!;
    const { rows, progress } = await collect(client.trackedEntities({ program: CASES, updatedAfter: since }));
    expect(rows.map((te) => te.trackedEntity)).toContain(changedCase);
    // The filter is inclusive: the row at the watermark itself comes back, nothing older does.
    expect(rows.length).toBeLessThanOrEqual(2);
    expect(rows.every((te) => Date.parse(te.updatedAt!) >= Date.parse(since))).toBe(true);
    expect(rows.find((te) => te.trackedEntity === changedCase)?.attributes).toContainEqual(
      expect.objectContaining({ attribute: 'sB1IHYu2xQT', value: 'Aminata' }),
    );
    expect(Date.parse(progress.highestUpdatedAt!)).toBe(sim.data.trackedEntity(changedCase)!.updatedAt);

    const events = await collect(
      client.events({ program: EVENT_PROGRAM, updatedAfter: fullEvents.progress.highestUpdatedAt }),
    );
    expect(events.rows.find((e) => e.event === changedEvent)?.status).toBe('COMPLETED');
    expect(events.rows.length).toBeLessThanOrEqual(2);
  });

  it('misses no row when rows change while the pages are read', async () => {
    const walk = client.trackedEntities({ program: CASES, pageSize: 10 });
    const seen = new Map<string, number>();
    let first = true;
    for await (const page of walk) {
      for (const te of page) seen.set(te.trackedEntity, (seen.get(te.trackedEntity) ?? 0) + 1);
      if (first) {
        // Rows of the page just read move to the end; with offset paging the next page would skip rows.
        for (const te of page.slice(0, 3)) sim.data.updateTrackedEntity(te.trackedEntity, { inactive: true });
        first = false;
      }
    }
    expect(seen.size).toBe(DEMO.cases);
    expect([...seen.values()].filter((n) => n === 2)).toHaveLength(3);
  });

  it('shows deleted tracked entities only when asked to', async () => {
    const deletedCase = generated.caseUid(7);
    const before = (await collect(client.trackedEntities({ program: CASES }))).progress.highestUpdatedAt;
    sim.data.deleteTrackedEntity(deletedCase);
    const visible = await collect(client.trackedEntities({ program: CASES }));
    expect(visible.rows.map((te) => te.trackedEntity)).not.toContain(deletedCase);
    const withDeleted = await collect(
      client.trackedEntities({ program: CASES, updatedAfter: before, includeDeleted: true }),
    );
    expect(withDeleted.rows.find((te) => te.trackedEntity === deletedCase)).toMatchObject({
      deleted: true,
      enrollments: [expect.objectContaining({ program: CASES, deleted: true })],
    });
  });

  it('shows deleted events only when asked to', async () => {
    const deletedEvent = generated.eventUid(8);
    sim.data.deleteEvent(deletedEvent);
    const events = await collect(client.events({ program: EVENT_PROGRAM }));
    expect(events.rows.map((e) => e.event)).not.toContain(deletedEvent);
    expect(events.rows).toHaveLength(DEMO.events - 1);
    const withDeleted = await collect(client.events({ program: EVENT_PROGRAM, includeDeleted: true }));
    expect(withDeleted.rows.find((e) => e.event === deletedEvent)).toMatchObject({ deleted: true });
  });

  it('no longer lists a deleted relationship', async () => {
    const contact = generated.contactUid(1);
    const [relationship] = await client.relationships(contact);
    sim.data.deleteRelationship(relationship!.relationship);
    const after = await client.relationships(contact);
    expect(after.map((r) => r.relationship)).not.toContain(relationship!.relationship);
  });

  it('survives 5xx, 429 and connection resets in the middle of a walk', async () => {
    const expected = (await collect(client.trackedEntities({ program: CASES, pageSize: 10 }))).rows.length;
    sim.faults.configure({ retryAfterSeconds: 0 });
    sim.faults.script({ kind: '5xx', times: 2, match: /trackedEntities/ });
    sim.faults.script({ kind: '429', match: /trackedEntities/ });
    sim.faults.script({ kind: 'reset', match: /trackedEntities/ });
    sim.faults.script({ kind: 'reset', phase: 'after', match: /trackedEntities/ });
    const { rows } = await collect(client.trackedEntities({ program: CASES, pageSize: 10 }));
    expect(rows).toHaveLength(expected);
    expect(new Set(rows.map((te) => te.trackedEntity)).size).toBe(expected);
    expect(sim.faults.stats.injected).toMatchObject({ '5xx': 2, '429': 1, reset: 2 });
    sim.faults.clear();
  });

  it('stops a walk at once when cancelled', async () => {
    const controller = new AbortController();
    const pages: number[] = [];
    const walk = client.trackedEntities({ program: CASES, pageSize: 10, signal: controller.signal });
    const error = await (async () => {
      for await (const page of walk) {
        pages.push(page.length);
        controller.abort();
      }
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Dhis2Error);
    expect((error as Dhis2Error).kind).toBe('cancelled');
    expect(pages).toEqual([10]);
  });
});
