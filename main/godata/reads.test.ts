import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGoDataSimulator, type GoDataSimulator } from '../../simulators/godata/index.js';
import type { GoDataClient } from './client.js';
import { GoDataError } from './errors.js';
import { paginate, parseCount } from './filter.js';
import { caseInput, outbreakInput, testClient } from './simulator-fixture.js';

let sim: GoDataSimulator;
let client: GoDataClient;

beforeAll(async () => {
  sim = await startGoDataSimulator({ port: 0, version: '2.50' });
  client = testClient(sim).client;
});
afterAll(() => sim.close());

describe('Go.Data reads', () => {
  it('lists reference data of a category, by short or full category id', async () => {
    const genders = await client.referenceData.byCategory('GENDER');
    expect(genders.map((g) => g.id)).toEqual(
      expect.arrayContaining([
        'LNG_REFERENCE_DATA_CATEGORY_GENDER_MALE',
        'LNG_REFERENCE_DATA_CATEGORY_GENDER_FEMALE',
      ]),
    );
    const full = await client.referenceData.byCategory('LNG_REFERENCE_DATA_CATEGORY_GENDER');
    expect(full.map((g) => g.id).sort()).toEqual(genders.map((g) => g.id).sort());
    // A long category (about 200 countries) comes back whole.
    expect((await client.referenceData.byCategory('COUNTRY')).length).toBeGreaterThan(100);
  });

  it('reads model definitions and calls an unknown model a validation error', async () => {
    const definition = await client.referenceData.modelDefinition('case');
    expect(definition).toMatchObject({ firstName: 'string', classification: 'string' });
    const error = await client.referenceData.modelDefinition('noSuchModel').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GoDataError);
    expect(error).toMatchObject({ kind: 'validation', status: 500 });
  });

  it('accepts counts as {count}, {count, hasMore} or a bare number', () => {
    expect(parseCount(3, '/x')).toBe(3);
    expect(parseCount({ count: 4 }, '/x')).toBe(4);
    expect(parseCount({ count: 5, hasMore: false }, '/x')).toBe(5);
    expect(() => parseCount('<html>', '/x')).toThrow(GoDataError);
  });

  it('pages with a stable order and stops at a given limit', async () => {
    const seen: Array<{ skip?: number; limit?: number; order?: unknown }> = [];
    const rows = Array.from({ length: 7 }, (_, i) => i);
    const pages: number[][] = [];
    const source = paginate(
      (filter) => {
        seen.push({ skip: filter.skip, limit: filter.limit, order: filter.order });
        return Promise.resolve(rows.slice(filter.skip, (filter.skip ?? 0) + (filter.limit ?? 0)));
      },
      { skip: 1, limit: 5 },
      2,
    );
    for await (const page of source) pages.push(page);
    expect(pages).toEqual([[1, 2], [3, 4], [5]]);
    expect(seen.every((s) => s.order === 'id ASC')).toBe(true);
  });

  it('cancels a create waiting on a slow server, and the outbreak queue keeps going', async () => {
    const { id: outbreakId } = await client.outbreaks.create(outbreakInput('Cancelled'));
    await client.ensureActiveOutbreak(outbreakId);
    sim.faults.configure({ latencyMs: 2_000 });
    const controller = new AbortController();
    const pending = client.persons
      .create('case', outbreakId, caseInput('slow'), controller.signal)
      .catch((e: unknown) => e);
    setTimeout(() => controller.abort(), 20);
    expect(await pending).toMatchObject({ kind: 'cancelled' });
    sim.faults.clear();
    expect((await client.persons.create('case', outbreakId, caseInput('next'))).outcome).toBe('created');
  });
});
