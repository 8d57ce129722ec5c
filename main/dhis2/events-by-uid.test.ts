import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dhis2Simulator, GeneratedIndex } from '../../simulators/dhis2/index.js';
import type { Dhis2Client } from './client.js';
import type { WalkProgress } from './paging.js';
import { clientFor, collect, DEMO, startSim, VERSIONS } from './test-support.js';

const CASES = 'uYjxkTbwRNf';
const EVENT_PROGRAM = 'PNClHaZARtz';
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

/** Reading events by uid: the parameter and separator of each version, and requests of a few dozen uids. */
describe.each(VERSIONS)('events by uid from DHIS2 %s', (version) => {
  let sim: Dhis2Simulator;
  let client: Dhis2Client;
  let generated: GeneratedIndex;
  beforeAll(async () => {
    sim = await startSim(version, { timeZone: 'Africa/Lagos' });
    client = clientFor(sim);
    generated = sim.data.generated!;
  });
  afterAll(() => sim.close());

  it('reads only the events asked for, however many, in requests of 50 uids', async () => {
    // 60 of the 70 events, one twice, and one uid DHIS2 does not know.
    const asked = range(60).map((i) => generated.eventUid(i));
    const reports: WalkProgress[] = [];
    const { rows, progress } = await collect(
      client.events({
        program: EVENT_PROGRAM,
        events: [...asked, asked[0]!, 'xxxxxxxxxxx'],
        onProgress: (p) => reports.push(p),
      }),
    );
    expect(rows.map((e) => e.event).sort()).toEqual([...asked].sort());
    expect(progress).toMatchObject({ pages: 2, read: 60, duplicates: 0 });
    const newest = Math.max(...asked.map((uid) => sim.data.event(uid)!.updatedAt));
    expect(Date.parse(progress.highestUpdatedAt!)).toBe(newest);
    expect(reports.map((p) => p.read)).toEqual([50, 60]);
    for (const event of rows) expect(event.program).toBe(EVENT_PROGRAM);
  });

  it('keeps the other filters: program, org unit, deleted events only when asked', async () => {
    const [gone, kept] = [generated.eventUid(61), generated.eventUid(62)];
    sim.data.deleteEvent(gone);
    const both = [gone, kept];
    const live = await collect(client.events({ program: EVENT_PROGRAM, events: both }));
    expect(live.rows.map((e) => e.event)).toEqual([kept]);
    const withDeleted = await collect(
      client.events({ program: EVENT_PROGRAM, events: both, includeDeleted: true }),
    );
    expect(withDeleted.rows.map((e) => [e.event, e.deleted]).sort()).toEqual(
      [
        [gone, true],
        [kept, false],
      ].sort(),
    );
    const unit = sim.data.event(kept)!.orgUnit;
    const elsewhere = range(DEMO.events)
      .map((i) => generated.eventUid(i))
      .filter((uid) => sim.data.event(uid)!.orgUnit !== unit && !sim.data.event(uid)!.deleted);
    const narrowed = await collect(
      client.events({ program: EVENT_PROGRAM, orgUnit: unit, events: [kept, ...elsewhere.slice(0, 3)] }),
    );
    expect(narrowed.rows.map((e) => e.event)).toEqual([kept]);
    const otherProgram = await collect(client.events({ program: CASES, events: [kept] }));
    expect(otherProgram.rows).toEqual([]);
  });

  it('reads events of a tracker program by uid, with their enrollment', async () => {
    const te = generated.caseUid(0);
    const enrollment = sim.data.enrollmentsOf(te)[0]!;
    const event = sim.data.eventsOf(enrollment.enrollment).find((e) => !e.deleted)!;
    const { rows } = await collect(
      client.events({ program: CASES, events: [event.event], eventProgram: false }),
    );
    expect(rows).toHaveLength(1);
    // 2.37.0–2.38.2 leave the owner out of events; the enrollment is always there.
    expect(rows[0]).toMatchObject({ event: event.event, enrollment: enrollment.enrollment });
  });

  it('asks nothing for an empty list', async () => {
    const { rows, progress } = await collect(client.events({ program: EVENT_PROGRAM, events: [] }));
    expect(rows).toEqual([]);
    expect(progress).toMatchObject({ pages: 0, read: 0 });
  });
});
