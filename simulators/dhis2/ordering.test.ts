import { afterAll, describe, expect, it } from 'vitest';
import { createDemoDataset, startDhis2Simulator, type Dhis2Simulator } from './index.js';
import { RawClient } from './testClient.js';

/**
 * Orders whose first field is a stamp are served lazily over generated records; the later fields (the engine
 * walks with `updatedAt:asc,trackedEntity:asc`) must still decide between records that share the stamp.
 */
const CASES = 'uYjxkTbwRNf';
const PERSON = 'MCPQUTHX1Ze';

type Te = { trackedEntity: string; updatedAt: string };

describe('ordering by a stamp, then by more fields', () => {
  const sims: Dhis2Simulator[] = [];
  afterAll(() => Promise.all(sims.map((s) => s.close())));
  const start = async (dataset: ReturnType<typeof createDemoDataset>): Promise<RawClient> => {
    const sim = await startDhis2Simulator({ version: '2.42', dataset });
    sims.push(sim);
    return new RawClient(sim.url);
  };
  const page = async (api: RawClient, order: string): Promise<Te[]> =>
    (
      await api.ok<{ trackedEntities: Te[] }>(
        `/api/tracker/trackedEntities?program=${CASES}&order=${order}&pageSize=100&fields=trackedEntity,updatedAt`,
      )
    ).trackedEntities;

  it('breaks a tie between a generated and an explicit record by the next order field', async () => {
    const demo = createDemoDataset({ cases: 30, contacts: 0, events: 0, seed: 5 });
    const generated = (await page(await start(demo), 'updatedAt:asc'))[12];
    expect(generated).toBeDefined();
    const stamp = generated?.updatedAt ?? '';
    const orgUnit = (
      await new RawClient(sims[0]?.url ?? '').ok<{ orgUnit: string }>(
        `/api/tracker/trackedEntities/${generated?.trackedEntity}?fields=orgUnit`,
      )
    ).orgUnit;
    // One uid sorting before every generated uid, one after; both updated at the generated record's instant.
    const twins = ['AAAAAAAAAA1', 'zzzzzzzzzz1'].map((uid) => ({
      trackedEntity: uid,
      trackedEntityType: PERSON,
      orgUnit,
      createdAt: stamp,
      updatedAt: stamp,
      enrollments: [
        { program: CASES, orgUnit, enrolledAt: stamp.slice(0, 10), createdAt: stamp, updatedAt: stamp },
      ],
    }));
    const api = await start({ ...demo, tracker: { ...demo.tracker, trackedEntities: twins } });
    const tied = (list: Te[]): string[] =>
      list.filter((te) => te.updatedAt === stamp).map((te) => te.trackedEntity);
    const ascending = tied(await page(api, 'updatedAt:asc,trackedEntity:asc'));
    expect(ascending).toHaveLength(3);
    expect(ascending).toEqual([...ascending].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
    expect(tied(await page(api, 'updatedAt:asc,trackedEntity:desc'))).toEqual([...ascending].reverse());
    const all = await page(api, 'updatedAt:asc,trackedEntity:asc');
    expect(all.map((te) => te.updatedAt)).toEqual(all.map((te) => te.updatedAt).sort());
  });
});
