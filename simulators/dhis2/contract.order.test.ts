import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoDataset, startDhis2Simulator, type Dhis2Simulator } from './index.js';
import { RawClient, VERSIONS, minorOf, type RawResponse } from './testClient.js';

/**
 * Contract, event ordering: up to 2.40 /api/tracker/events reads `order` with the old Event's property names
 * (`lastUpdated`, `eventDate`, `created`, …): 2.36–2.38 drop other names silently, 2.39 rejects them with 409 and
 * 2.40 with 400; from 2.41 the new names (`updatedAt`, `occurredAt`, …) are the only ones (dhis2-core
 * RequestToSearchParamsMapper, TrackerEventCriteriaMapper, EventRequestParamsMapper at the release tags).
 */
const CASES = 'uYjxkTbwRNf';
const CONTACTS = 'DM9n1bUw8W8';
const CONTACT_DATE = 'jGh3SzagmVu';
const dataset = createDemoDataset({ cases: 40, contacts: 60, events: 10, seed: 23 });

// The supported names as dhis2-core joins its HashSet (order taken from a real java.util.HashSet).
const SUPPORTED_239 =
  'storedBy, attributeCategoryOptions, dueDate, assignedUserUsername, createdAtClient, program, lastUpdated, href, event, ' +
  'assignedUser, programStage, programType, occurredAt, created, orgUnit, completedDate, enrollment, trackedEntityInstance, ' +
  'followup, deleted, enrollmentStatus, attributeOptionCombo, assignedUserDisplayName, completedBy, status, orgUnitName, ' +
  'eventDate, lastUpdatedAtClient, enrolledAt';
const SUPPORTED_240 =
  'storedBy, attributeCategoryOptions, dueDate, assignedUserUsername, createdAtClient, program, lastUpdated, href, event, ' +
  'assignedUser, programStage, programType, occurredAt, created, orgUnit, completedDate, enrollment, trackedEntityInstance, ' +
  'followup, deleted, enrollmentStatus, attributeOptionCombo, assignedUserFirstName, assignedUserDisplayName, completedBy, ' +
  'status, orgUnitName, eventDate, lastUpdatedAtClient, assignedUserSurname, enrolledAt';
const NEW_FIELDS = (minor: number): string =>
  'assignedUser, assignedUserDisplayName, attributeOptionCombo, completedAt, completedBy, createdAt, createdAtClient, createdBy, ' +
  `deleted, enrolledAt, enrollment, enrollmentStatus, event, followUp, ${minor === 41 ? 'followup, ' : ''}occurredAt, orgUnit, ` +
  'program, programStage, scheduledAt, status, storedBy, trackedEntity, updatedAt, updatedAtClient, updatedBy';

type Event = {
  event: string;
  enrollment: string;
  updatedAt: string;
  occurredAt: string;
  dataValues?: Array<{ dataElement: string; value: string }>;
};

const ascending = (values: string[]): boolean =>
  values.every((v, i) => i === 0 || (values[i - 1] ?? '') <= v);
const descending = (values: string[]): boolean =>
  values.every((v, i) => i === 0 || (values[i - 1] ?? '') >= v);

describe.each(VERSIONS)('DHIS2 %s: order on /api/tracker/events', (version) => {
  const minor = minorOf(version);
  const key = minor <= 40 ? 'instances' : 'events';
  let sim: Dhis2Simulator;
  let api: RawClient;
  const get = (
    program: string,
    order: string,
    fields = 'event,enrollment,updatedAt,occurredAt',
  ): Promise<RawResponse> =>
    api.get(`/api/tracker/events?program=${program}&order=${order}&pageSize=100&fields=${fields}`);
  const events = async (program: string, order: string, fields?: string): Promise<Event[]> => {
    const res = await get(program, order, fields);
    expect(res.status, res.text).toBe(200);
    return (res.json as Record<string, Event[]>)[key] ?? [];
  };

  beforeAll(async () => {
    sim = await startDhis2Simulator({ version, dataset });
    api = new RawClient(sim.url);
  });
  afterAll(() => sim.close());

  it('sorts by lastUpdated up to 2.40; from 2.41 lastUpdated is an unknown uid', async () => {
    if (minor <= 40) {
      const page = await events(CONTACTS, 'lastUpdated:asc,event:asc');
      expect(page.length).toBeGreaterThan(50);
      expect(ascending(page.map((e) => e.updatedAt))).toBe(true);
      return;
    }
    // `lastUpdated` has the shape of a uid, so it passes the name check and fails as neither data element nor attribute.
    const res = await get(CONTACTS, 'lastUpdated:asc,event:asc');
    expect(res.status).toBe(400);
    expect(res.json).toEqual({
      httpStatus: 'Bad Request',
      httpStatusCode: 400,
      status: 'ERROR',
      message:
        "Cannot order by 'lastUpdated' as its neither a data element nor a tracked entity attribute. Events can be ordered by event fields, data elements and tracked entity attributes.",
    });
  });

  it('drops updatedAt silently on 2.36–2.38, rejects it on 2.39 (409) and 2.40 (400), sorts by it from 2.41', async () => {
    if (minor <= 38) {
      // Dropped: the default order (newest update first) applies, or what else the order names.
      expect(descending((await events(CONTACTS, 'updatedAt:asc')).map((e) => e.updatedAt))).toBe(true);
      // Text sorts as PostgreSQL's usual collation does: letter case second.
      expect(
        ascending((await events(CONTACTS, 'updatedAt:asc,event:asc')).map((e) => e.event.toLowerCase())),
      ).toBe(true);
    } else if (minor <= 40) {
      const res = await get(CONTACTS, 'updatedAt:asc,event:asc');
      const status = minor === 39 ? 409 : 400;
      expect(res.status).toBe(status);
      expect(res.json).toEqual({
        httpStatus: minor === 39 ? 'Conflict' : 'Bad Request',
        httpStatusCode: status,
        status: 'ERROR',
        message: `Order by property \`updatedAt\` is not supported. Supported are \`${minor === 39 ? SUPPORTED_239 : SUPPORTED_240}\``,
      });
      // scheduledAt has the shape of a uid (11 characters), so the check lets it through.
      const several = await get(CONTACTS, 'scheduledAt:asc,updatedAt:desc,createdAt:asc');
      expect((several.json as { message: string }).message).toMatch(
        /^Order by property `createdAt, updatedAt` is not supported/,
      );
    } else {
      expect(ascending((await events(CONTACTS, 'updatedAt:asc,event:asc')).map((e) => e.updatedAt))).toBe(
        true,
      );
    }
  });

  it('accepts the old names up to 2.40 only, and names the supported fields when it refuses one', async () => {
    if (minor <= 40) {
      expect(ascending((await events(CASES, 'eventDate:asc')).map((e) => e.occurredAt))).toBe(true);
      expect(descending((await events(CASES, 'created:desc')).map((e) => e.updatedAt))).toBe(true);
      return;
    }
    const res = await get(CASES, 'eventDate:asc');
    expect(res.status).toBe(400);
    expect((res.json as { message: string }).message).toBe(
      `order parameter is invalid. Cannot order by 'eventDate'. Supported are data element and attribute UIDs and fields '${NEW_FIELDS(minor)}'. All of which can at most be specified once.`,
    );
    const repeated = await get(CASES, 'updatedAt:asc,updatedAt:desc');
    expect(repeated.status).toBe(400);
    expect((repeated.json as { message: string }).message).toMatch(
      /^order parameter is invalid\. 'updatedAt' are repeated\. Supported are/,
    );
  });

  it('sorts occurredAt by the event from 2.40, by the enrollment in 2.39, and not at all before', async () => {
    const page = await events(CASES, 'occurredAt:asc');
    if (minor <= 38) {
      expect(descending(page.map((e) => e.updatedAt))).toBe(true);
      return;
    }
    if (minor === 39) {
      // JdbcEventStore 2.39 maps occurredAt onto the enrollment's incident date (pi_incidentdate).
      const enrollments = await api.ok<{ instances: Array<{ enrollment: string; occurredAt: string }> }>(
        `/api/tracker/enrollments?program=${CASES}&ouMode=ACCESSIBLE&skipPaging=true&fields=enrollment,occurredAt`,
      );
      const occurred = new Map(enrollments.instances.map((e) => [e.enrollment, e.occurredAt]));
      expect(ascending(page.map((e) => occurred.get(e.enrollment) ?? ''))).toBe(true);
      expect(ascending(page.map((e) => e.occurredAt))).toBe(false);
      return;
    }
    expect(ascending(page.map((e) => e.occurredAt))).toBe(true);
  });

  it('puts data element orders first up to 2.40 and keeps the given order from 2.41', async () => {
    const order = `${minor <= 40 ? 'lastUpdated' : 'updatedAt'}:desc,${CONTACT_DATE}:asc`;
    const page = await events(CONTACTS, order, 'event,updatedAt,dataValues[dataElement,value]');
    const dates = page.map((e) => e.dataValues?.find((d) => d.dataElement === CONTACT_DATE)?.value ?? '');
    if (minor <= 40) expect(ascending(dates)).toBe(true);
    else expect(descending(page.map((e) => e.updatedAt))).toBe(true);
  });

  it.runIf(minor >= 41)(
    'words refused tracked-entity and enrollment orders as RequestParamsValidator does',
    async () => {
      const message = async (path: string): Promise<string> => {
        const res = await api.get(path);
        expect(res.status).toBe(400);
        return (res.json as { message: string }).message;
      };
      expect(await message(`/api/tracker/trackedEntities?program=${CASES}&order=name:asc`)).toBe(
        "order parameter is invalid. Cannot order by 'name'. Supported are attribute UIDs and fields 'createdAt, createdAtClient, enrolledAt, inactive, trackedEntity, updatedAt, updatedAtClient'. All of which can at most be specified once.",
      );
      expect(await message(`/api/tracker/trackedEntities?program=${CASES}&order=lastUpdated:asc`)).toBe(
        "Cannot order by 'lastUpdated' as its not a tracked entity attribute. Tracked entities can be ordered by fields and tracked entity attributes.",
      );
      expect(await message(`/api/tracker/enrollments?program=${CASES}&order=lastUpdated:asc`)).toBe(
        "order parameter is invalid. Cannot order by 'lastUpdated'. Supported fields are 'completedAt, createdAt, createdAtClient, enrolledAt, updatedAt, updatedAtClient'. All of which can at most be specified once.",
      );
      // An attribute uid is a valid order.
      expect(
        (await api.get(`/api/tracker/trackedEntities?program=${CASES}&order=sB1IHYu2xQT:asc&pageSize=5`))
          .status,
      ).toBe(200);
    },
  );
});
