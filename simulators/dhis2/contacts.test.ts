import { afterAll, describe, expect, it } from 'vitest';
import { createDemoDataset, startDhis2Simulator, type Dhis2Simulator, type PackageRelease } from './index.js';
import { GeneratorLayout } from './tracker/generator.js';
import { RawClient } from './testClient.js';

/**
 * Contacts are traced for suspected, probable and confirmed cases, never for discarded ones: no generated contact
 * may be related to a case whose lab result is negative (the default mapping discards those cases, and Go.Data
 * refuses exposures to discarded cases).
 */
const LAB_RESULT = 'ovY6E8BSdto';
const LAB_STAGE = 'dDHkBd3X8Ce';

type Side = { trackedEntity: { trackedEntity: string } };
type Te = {
  trackedEntity: string;
  enrollments: Array<{
    events: Array<{ programStage: string; dataValues: Array<{ dataElement: string; value: string }> }>;
  }>;
  relationships: Array<{ from: Side; to: Side }>;
};

describe.each<[PackageRelease, string]>([
  ['2021', 'Negative'],
  ['1.0.X', 'NEGATIVE'],
])('generated contacts with the %s package', (packageRelease, negative) => {
  const sims: Dhis2Simulator[] = [];
  afterAll(() => Promise.all(sims.map((s) => s.close())));

  it('relate only to cases whose lab result is not negative, and every case that tested negative has none', async () => {
    const sim = await startDhis2Simulator({
      version: '2.42',
      dataset: createDemoDataset({ cases: 150, contacts: 400, events: 0, seed: 31, packageRelease }),
    });
    sims.push(sim);
    const api = new RawClient(sim.url);
    const read = async (program: string, fields: string): Promise<Te[]> =>
      (
        await api.ok<{ trackedEntities: Te[] }>(
          `/api/tracker/trackedEntities?program=${program}&paging=false&fields=${fields}`,
        )
      ).trackedEntities;
    const cases = await read(
      'uYjxkTbwRNf',
      'trackedEntity,enrollments[events[programStage,dataValues[dataElement,value]]],relationships[from,to]',
    );
    const contacts = await read('DM9n1bUw8W8', 'trackedEntity,relationships[from,to]');

    const resultOf = new Map(
      cases.map((te) => {
        const lab = te.enrollments[0]?.events.find((e) => e.programStage === LAB_STAGE);
        return [te.trackedEntity, lab?.dataValues.find((d) => d.dataElement === LAB_RESULT)?.value];
      }),
    );
    const negatives = cases.filter((te) => resultOf.get(te.trackedEntity) === negative);
    expect(negatives.length).toBeGreaterThan(10);
    for (const te of negatives) expect(te.relationships, te.trackedEntity).toEqual([]);

    expect(contacts).toHaveLength(400);
    for (const contact of contacts) {
      expect(contact.relationships).toHaveLength(1);
      const r = contact.relationships[0];
      const ends = [r?.from.trackedEntity.trackedEntity, r?.to.trackedEntity.trackedEntity];
      const caseUid = ends.find((uid) => uid !== contact.trackedEntity) ?? '';
      expect(resultOf.has(caseUid), `case of ${contact.trackedEntity}`).toBe(true);
      expect(resultOf.get(caseUid)?.toLowerCase()).not.toBe('negative');
    }
    // Cases without a result yet (pending) and with other results keep their contacts too.
    const related = new Set(
      cases.filter((te) => te.relationships.length > 0).map((te) => resultOf.get(te.trackedEntity)),
    );
    expect(related.has(undefined)).toBe(true);
    expect([...related].some((v) => v !== undefined && v.toLowerCase() === 'positive')).toBe(true);
  });
});

describe('the contact → case layout at 200 000 records', () => {
  const layout = new GeneratorLayout(
    { cases: 200_000, contacts: 300_000, events: 0, seed: 9, endMs: Date.UTC(2025, 0, 1) },
    10,
  );

  it('gives every contact a case not tested negative, and each case exactly the contacts that name it', () => {
    // Plain checks in the loops: 200 000 expect() calls would dominate the run.
    let covered = 0;
    const wrong: string[] = [];
    for (let i = 0; i < layout.cases; i++) {
      const [first, end] = layout.contactsOfCase(i);
      if (layout.testedNegative(i) && end > first) wrong.push(`negative case ${i} has contacts`);
      // Ranges follow each other without gaps or overlaps.
      if (end > first) {
        if (first !== covered) wrong.push(`case ${i} starts at ${first}, not ${covered}`);
        covered = end;
      }
    }
    expect(covered).toBe(layout.contacts);
    for (let j = 0; j < layout.contacts; j += 7) {
      const i = layout.caseOfContact(j);
      const [first, end] = layout.contactsOfCase(i);
      if (layout.testedNegative(i) || j < first || j >= end)
        wrong.push(`contact ${j} → case ${i} [${first}, ${end})`);
    }
    expect(wrong.slice(0, 5)).toEqual([]);
  });

  it('always has a case for contacts, even when a single case is generated', () => {
    for (let seed = 0; seed < 200; seed++) {
      const tiny = new GeneratorLayout(
        { cases: 1, contacts: 3, events: 0, seed, endMs: Date.UTC(2025, 0, 1) },
        1,
      );
      expect(tiny.testedNegative(0)).toBe(false);
      expect(tiny.contactsOfCase(0)).toEqual([0, 3]);
    }
  });
});
