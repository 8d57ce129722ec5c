import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoDataset, startDhis2Simulator, type Dhis2Simulator } from './index.js';
import { RawClient, VERSIONS, minorOf } from './testClient.js';

/**
 * Contract, tracked-entity search by events (reference §6.3; dhis2-core TrackedEntityCriteriaMapper,
 * TrackedEntityRequestParamsMapper and the TE stores at the release tags): `programStage`, `eventStatus`,
 * `eventOccurredAfter/Before` filter on the events of the program's enrollment, and only when `eventStatus` is
 * given; how they are validated and how the date bounds are read changes with the version.
 */
const CASES = 'uYjxkTbwRNf';
const LAB_RESULT_STAGE = 'dDHkBd3X8Ce';
const FOLLOW_UP_STAGE = 'sAV9jAajr8x';
const WIDE = 'eventOccurredAfter=2000-01-01&eventOccurredBefore=2100-01-01';
const DAY = 86_400_000;

type Event = { programStage: string; status: string; occurredAt: string };
type Te = { trackedEntity: string; enrollments: Array<{ events: Event[] }> };

describe.each(VERSIONS)('DHIS2 %s: tracked entities by their events', (version) => {
  const minor = minorOf(version);
  const listKey = minor <= 40 ? 'instances' : 'trackedEntities';
  const unpaged = minor <= 40 && minor > 36 ? 'skipPaging=true' : 'paging=false';
  const scope = minor <= 40 ? 'ouMode=ACCESSIBLE' : 'orgUnitMode=ACCESSIBLE';
  let sim: Dhis2Simulator;
  let api: RawClient;
  let all: Te[];
  const search = async (params: string): Promise<string[]> => {
    const body = await api.ok<Record<string, Te[]>>(
      `/api/tracker/trackedEntities?program=${CASES}&${scope}&${unpaged}&fields=trackedEntity&${params}`,
    );
    return (body[listKey] ?? []).map((te) => te.trackedEntity).sort();
  };
  const withEvent = (test: (e: Event) => boolean): string[] =>
    all
      .filter((te) => te.enrollments.some((en) => en.events.some(test)))
      .map((te) => te.trackedEntity)
      .sort();
  const problem = async (params: string): Promise<{ status: number; message: string }> => {
    const res = await api.get(`/api/tracker/trackedEntities?program=${CASES}&${scope}&${params}`);
    return { status: res.status, message: (res.json as { message?: string } | undefined)?.message ?? '' };
  };

  beforeAll(async () => {
    sim = await startDhis2Simulator({
      version,
      dataset: createDemoDataset({ cases: 80, contacts: 0, events: 0, seed: 4 }),
      timeZone: 'Africa/Nairobi',
    });
    api = new RawClient(sim.url);
    const body = await api.ok<Record<string, Te[]>>(
      `/api/tracker/trackedEntities?program=${CASES}&${scope}&${unpaged}&fields=trackedEntity,enrollments[events[programStage,status,occurredAt]]`,
    );
    all = body[listKey] ?? [];
  });
  afterAll(() => sim.close());

  it('keeps the cases with an event of that stage and status in the window', async () => {
    expect(all).toHaveLength(80);
    const completedLab = withEvent((e) => e.programStage === LAB_RESULT_STAGE && e.status === 'COMPLETED');
    expect(completedLab.length).toBeGreaterThan(0);
    expect(completedLab.length).toBeLessThan(80);
    expect(await search(`programStage=${LAB_RESULT_STAGE}&eventStatus=COMPLETED&${WIDE}`)).toEqual(
      completedLab,
    );
    expect(await search(`eventStatus=ACTIVE&${WIDE}`)).toEqual(withEvent((e) => e.status === 'ACTIVE'));
    expect(await search(`eventStatus=VISITED&${WIDE}`)).toEqual(withEvent((e) => e.status === 'ACTIVE'));
    expect(await search(`eventStatus=SKIPPED&${WIDE}`)).toEqual([]);
  });

  it('filters nothing without eventStatus: a stage alone (and, up to 2.41, dates alone) are ignored', async () => {
    const everyone = all.map((te) => te.trackedEntity).sort();
    expect(await search(`programStage=${LAB_RESULT_STAGE}`)).toEqual(everyone);
    if (minor <= 41) expect(await search(WIDE.replace('2100', '2000'))).toEqual(everyone);
  });

  it('reads the bounds as dates up to 2.40 and as instants from 2.41', async () => {
    const completed = all
      .flatMap((te) => te.enrollments.flatMap((en) => en.events))
      .filter((e) => e.status === 'COMPLETED');
    const day = completed[7]?.occurredAt.slice(0, 10) ?? '';
    const completedOnDay = withEvent((e) => e.occurredAt.startsWith(day) && e.status === 'COMPLETED');
    expect(completedOnDay.length).toBeGreaterThan(0);
    // Generated events happen at midnight: noon to 23:00 of that day holds none of them, unless the time is cut.
    const noon = `eventStatus=COMPLETED&eventOccurredAfter=${day}T12:00:00&eventOccurredBefore=${day}T23:00:00`;
    expect(await search(noon)).toEqual(minor <= 40 ? completedOnDay : []);
    // A bare date as upper bound: midnight up to 2.41, the whole day from 2.42 — the same for midnight events.
    expect(
      await search(`eventStatus=COMPLETED&eventOccurredAfter=${day}&eventOccurredBefore=${day}`),
    ).toEqual(completedOnDay);
  });

  it('validates the combination as the version words it', async () => {
    const noDates = await problem('eventStatus=ACTIVE');
    if (minor <= 40)
      expect(noDates).toEqual({
        status: 409,
        message: 'Event start and end date must be specified when event status is specified',
      });
    else if (minor === 41)
      expect(noDates).toEqual({
        status: 400,
        message:
          '`eventOccurredAfter` and `eventOccurredBefore` must be specified when `eventStatus` is specified',
      });
    else
      expect(noDates).toEqual({
        status: 400,
        message: '`eventOccurredAfter`, `eventOccurredBefore` and `eventStatus` must be specified together',
      });
    const datesOnly = await problem(WIDE);
    expect(datesOnly.status).toBe(minor >= 42 ? 400 : 200);
    const wrongStage = await problem(`programStage=${FOLLOW_UP_STAGE}`);
    expect(wrongStage).toEqual({
      status: minor <= 39 ? 409 : 400,
      message: `Program does not contain the specified programStage: ${FOLLOW_UP_STAGE}`,
    });
  });

  it('finds scheduled, overdue and skipped events written through sim.data', async () => {
    const [soon, late, skipped] = [0, 1, 2].map((i) => sim.data.generated?.caseUid(i) ?? '');
    const now = Date.now();
    const add = (caseIndex: number, status: 'SCHEDULE' | 'SKIPPED', dueInDays: number): void => {
      sim.data.addEvent({
        programStage: LAB_RESULT_STAGE,
        enrollment: sim.data.generated?.caseEnrollmentUid(caseIndex) ?? '',
        orgUnit: sim.data.trackedEntity(sim.data.generated?.caseUid(caseIndex) ?? '')?.orgUnit ?? '',
        status,
        scheduledAt: new Date(now + dueInDays * DAY).toISOString().slice(0, 10),
      });
    };
    add(0, 'SCHEDULE', 5);
    add(1, 'SCHEDULE', -5);
    add(2, 'SKIPPED', 3);
    const window = `eventOccurredAfter=${new Date(now - 30 * DAY).toISOString().slice(0, 10)}&eventOccurredBefore=${new Date(now + 30 * DAY).toISOString().slice(0, 10)}`;
    expect(await search(`eventStatus=SCHEDULE&${window}`)).toEqual(
      minor >= 43 ? [soon] : [soon, skipped].sort(),
    );
    expect(await search(`eventStatus=OVERDUE&${window}`)).toEqual([late]);
    expect(await search(`eventStatus=SKIPPED&programStage=${LAB_RESULT_STAGE}&${window}`)).toEqual([skipped]);
  });
});
