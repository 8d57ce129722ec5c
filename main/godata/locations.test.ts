import { afterEach, describe, expect, it } from 'vitest';
import { startGoDataSimulator, type GoDataSimulator } from '../../simulators/godata/index.js';
import type { GoDataLocation } from './model.js';
import { caseInput, outbreakInput, SIMULATED_VERSIONS, testClient } from './simulator-fixture.js';

let sim: GoDataSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const loc = (id: string, name: string, parentLocationId?: string): GoDataLocation => ({
  id,
  name,
  parentLocationId,
  active: true,
  geographicalLevelId: `LNG_REFERENCE_DATA_CATEGORY_LOCATION_GEOGRAPHICAL_LEVEL_ADMIN_LEVEL_${parentLocationId ? 1 : 0}`,
  identifiers: [{ code: `ou-${id}` }],
});

/** A country, three regions, two districts per region — given children-first to prove the ordering. */
function tree(): GoDataLocation[] {
  const regions = ['r1', 'r2', 'r3'].map((id) => loc(id, `Region ${id}`, 'country'));
  const districts = regions.flatMap((r) => [
    loc(`${r.id}-d1`, `District 1 of ${r.id}`, r.id),
    loc(`${r.id}-d2`, `District 2 of ${r.id}`, r.id),
  ]);
  return [...districts, ...regions, loc('country', 'Country')];
}

describe.each(SIMULATED_VERSIONS)('Go.Data locations against simulated %s', (version) => {
  it('imports a tree in batches with the bridge’s own ids, and upserts on a re-run', async () => {
    sim = await startGoDataSimulator({ port: 0, version });
    const { client } = testClient(sim);
    const progress: number[] = [];
    const result = await client.locations.import(tree(), {
      batchSize: 4,
      onBatch: (p) => progress.push(p.stored),
    });
    expect(result.failed).toEqual([]);
    expect(result.storedIds.sort()).toEqual(
      tree()
        .map((l) => l.id)
        .sort(),
    );
    expect(progress).toEqual([4, 8, 10]);
    expect(await client.locations.get('r2-d1')).toMatchObject({
      name: 'District 1 of r2',
      parentLocationId: 'r2',
    });
    const [root] = await client.locations.hierarchical();
    expect(root?.location.id).toBe('country');
    expect(root?.children.map((c) => c.location.id).sort()).toEqual(['r1', 'r2', 'r3']);

    const renamed = tree().map((l) => (l.id === 'r3' ? { ...l, name: 'Region three' } : l));
    expect((await client.locations.import(renamed, { batchSize: 4 })).failed).toEqual([]);
    expect((await client.locations.get('r3'))?.name).toBe('Region three');
    expect(await client.locations.count()).toBe(10);
    const paged: string[] = [];
    for await (const page of client.locations.pages({}, 3)) paged.push(...page.map((l) => l.id));
    expect(paged.sort()).toEqual(
      tree()
        .map((l) => l.id)
        .sort(),
    );
  });

  it('maps a pre-validation failure to its records, sets their children aside, and stores the rest', async () => {
    sim = await startGoDataSimulator({ port: 0, version });
    const { client } = testClient(sim);
    await client.locations.import([loc('country', 'Country'), loc('north', 'North', 'country')]);
    const result = await client.locations.import([
      loc('north-again', 'NORTH', 'country'),
      loc('north-again-d', 'Under the clash', 'north-again'),
      loc('south', 'South', 'country'),
      loc('south-d', 'South district', 'south'),
    ]);
    expect(result.storedIds.sort()).toEqual(['south', 'south-d']);
    expect(result.failed).toEqual([
      expect.objectContaining({
        id: 'north-again',
        name: 'NORTH',
        reason: 'LNG_PAGE_IMPORT_DATA_ERROR_DUPLICATE_DB_NAME',
      }),
      expect.objectContaining({ id: 'north-again-d', reason: 'PARENT_FAILED' }),
    ]);
    expect(await client.locations.get('north-again')).toBeUndefined();
    expect(await client.locations.get('south-d')).toMatchObject({ parentLocationId: 'south' });
  });

  it('updates one location and deletes one, reporting a location still in use', async () => {
    sim = await startGoDataSimulator({ port: 0, version });
    const { client } = testClient(sim);
    await client.locations.import(tree());
    expect((await client.locations.update('r1', { name: 'Region one' })).name).toBe('Region one');
    const outbreak = await client.outbreaks.create(outbreakInput('Locations in use'));
    await client.persons.create(
      'case',
      outbreak.id,
      caseInput('c1', { addresses: [{ locationId: 'r1-d1' }] }),
    );

    const refused = await client.locations.delete('r1');
    expect(refused.outcome).toBe('in-use');
    if (refused.outcome === 'in-use') expect(refused.error.code).toBe('MODEL_IN_USE');
    expect(await client.locations.delete('r2')).toEqual({ outcome: 'deleted' });
    expect(await client.locations.get('r2-d2')).toBeUndefined();
    expect(await client.locations.list({ where: { parentLocationId: 'country' } })).toHaveLength(2);
  });
});
