import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDemoDataset, loadDatasetFromDir, startDhis2Simulator } from './index.js';
import { RawClient } from './testClient.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function folder(files: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'dhis2-dataset-'));
  dirs.push(dir);
  for (const [name, content] of Object.entries(files)) {
    writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
  }
  return dir;
}

const ROOT = {
  id: 'RootUnit001',
  name: 'Country',
  shortName: 'Country',
  level: 1,
  path: '/RootUnit001',
  lastUpdated: '2024-01-01T00:00:00.000',
};
const DISTRICT = { id: 'District001', name: 'District', parent: { id: 'RootUnit001' } };
const CLINIC_OLD = {
  id: 'ClinicOld01',
  name: 'Clinic',
  parent: { id: 'District001' },
  featureType: 'POINT',
  coordinates: '[-11.79,8.26]',
};
const CLINIC_NEW = {
  id: 'ClinicNew01',
  name: 'New clinic',
  parent: { id: 'District001' },
  geometry: { type: 'Point', coordinates: [-11.5, 8.1] },
};
const metadata = { system: { version: '2.30' }, organisationUnits: [ROOT, DISTRICT, CLINIC_OLD, CLINIC_NEW] };

describe('loadDatasetFromDir', () => {
  it('loads a metadata subset, derives paths and levels, and serves the older coordinates form as given', async () => {
    const dataset = loadDatasetFromDir(folder({ 'metadata.json': metadata }));
    expect(dataset.metadata.organisationUnits).toHaveLength(4);
    const sim = await startDhis2Simulator({ version: '2.39', dataset });
    try {
      const api = new RawClient(sim.url);
      const units = await api.ok<{ organisationUnits: Array<Record<string, unknown>> }>(
        '/api/organisationUnits?paging=false&fields=id,level,path,parent[id],coordinates,featureType,geometry&order=level:asc',
      );
      const byId = Object.fromEntries(units.organisationUnits.map((u) => [u.id as string, u]));
      expect(byId.District001).toEqual({
        id: 'District001',
        level: 2,
        path: '/RootUnit001/District001',
        parent: { id: 'RootUnit001' },
      });
      expect(byId.ClinicOld01).toMatchObject({
        level: 3,
        featureType: 'POINT',
        coordinates: '[-11.79,8.26]',
      });
      expect(byId.ClinicOld01?.geometry).toBeUndefined();
      expect(byId.ClinicNew01).toMatchObject({ geometry: { type: 'Point', coordinates: [-11.5, 8.1] } });
      expect((await api.ok<{ programs: unknown[] }>('/api/programs')).programs).toEqual([]);
    } finally {
      await sim.close();
    }
  });

  it('loads tracker.json with nested enrollments, events and relationships', async () => {
    const demo = createDemoDataset({ cases: 0, contacts: 0, events: 0, seed: 1 });
    const tracker = {
      trackedEntities: [
        {
          trackedEntity: 'TeAaaaaaaa1',
          trackedEntityType: 'MCPQUTHX1Ze',
          orgUnit: 'DiszpKrYNg8',
          updatedAt: '2024-03-02T16:40:11.507',
          attributes: [{ attribute: 'sB1IHYu2xQT', value: 'Aminata' }],
          enrollments: [
            {
              enrollment: 'EnAaaaaaaa1',
              program: 'uYjxkTbwRNf',
              orgUnit: 'DiszpKrYNg8',
              enrolledAt: '2024-03-01T00:00:00.000',
              attributes: [{ attribute: 'Rv8WM2mTuS5', value: '34' }],
              events: [
                {
                  event: 'EvAaaaaaaa1',
                  programStage: 'dDHkBd3X8Ce',
                  orgUnit: 'DiszpKrYNg8',
                  dataValues: [{ dataElement: 'ovY6E8BSdto', value: 'Positive' }],
                },
              ],
            },
          ],
        },
        { trackedEntity: 'TeAaaaaaaa2', trackedEntityType: 'MCPQUTHX1Ze', orgUnit: 'DiszpKrYNg8' },
      ],
      relationships: [
        {
          relationship: 'RlAaaaaaaa1',
          relationshipType: 'ipjUWSTPKFt',
          from: { trackedEntity: { trackedEntity: 'TeAaaaaaaa2' } },
          to: { trackedEntity: 'TeAaaaaaaa1' },
        },
      ],
      events: [
        {
          event: 'EvBbbbbbbb1',
          programStage: 'duF07iN3Gos',
          orgUnit: 'DiszpKrYNg8',
          occurredAt: '2024-02-01',
        },
      ],
    };
    const dir = folder({ 'metadata.json': demo.metadata, 'tracker.json': tracker });
    const sim = await startDhis2Simulator({ version: '2.41', dataset: loadDatasetFromDir(dir) });
    try {
      const api = new RawClient(sim.url);
      const te = await api.ok(
        `/api/tracker/trackedEntities/TeAaaaaaaa1?program=uYjxkTbwRNf&fields=updatedAt,attributes[attribute,value],enrollments[events[dataValues],relationships]`,
      );
      expect(te.updatedAt).toBe('2024-03-02T16:40:11.507');
      expect(te.attributes).toEqual([
        { attribute: 'sB1IHYu2xQT', value: 'Aminata' },
        { attribute: 'Rv8WM2mTuS5', value: '34' },
      ]);
      const events = await api.ok<{ events: Array<{ event: string; program: string }> }>(
        '/api/tracker/events?program=PNClHaZARtz',
      );
      expect(events.events).toMatchObject([{ event: 'EvBbbbbbbb1', program: 'PNClHaZARtz' }]);
      const rel = await api.ok<{ relationships: unknown[] }>(
        '/api/tracker/relationships?trackedEntity=TeAaaaaaaa1',
      );
      expect(rel.relationships).toHaveLength(1);
    } finally {
      await sim.close();
    }
  });

  const broken: Array<[string, Record<string, unknown>, RegExp]> = [
    [
      'a file that is not JSON',
      { 'metadata.json': '{"organisationUnits": [' },
      /metadata\.json: is not valid JSON/,
    ],
    [
      'an invalid uid',
      { 'metadata.json': { organisationUnits: [ROOT, { ...DISTRICT, id: 'bad' }] } },
      /metadata\.json: organisationUnits\[1\] \(uid "bad"\): "id" is not a valid DHIS2 uid/,
    ],
    [
      'a parent that is not in the file',
      { 'metadata.json': { organisationUnits: [ROOT, { ...DISTRICT, parent: { id: 'Missing0001' } }] } },
      /organisationUnits\[1\] \(uid "District001"\): parent "Missing0001" is not an organisation unit/,
    ],
    [
      'broken GeoJSON',
      {
        'metadata.json': {
          organisationUnits: [
            ROOT,
            { ...CLINIC_NEW, parent: { id: 'RootUnit001' }, geometry: { type: 'Point', coordinates: ['x'] } },
          ],
        },
      },
      /organisationUnits\[1\] \(uid "ClinicNew01"\): Point geometry needs coordinates/,
    ],
    [
      'broken legacy coordinates',
      {
        'metadata.json': {
          organisationUnits: [ROOT, { ...CLINIC_OLD, parent: { id: 'RootUnit001' }, coordinates: '[[1,2' }],
        },
      },
      /organisationUnits\[1\] \(uid "ClinicOld01"\): coordinates "\[\[1,2" is not a coordinate text/,
    ],
    [
      'a duplicate uid',
      { 'metadata.json': { organisationUnits: [ROOT, ROOT] } },
      /organisationUnits\[1\] \(uid "RootUnit001"\): uid appears twice/,
    ],
    ['no metadata.json', {}, /metadata\.json: not found/],
    [
      'a tracked entity in an unknown org unit',
      {
        'metadata.json': metadata,
        'tracker.json': {
          trackedEntities: [
            { trackedEntity: 'TeAaaaaaaa1', trackedEntityType: 'MCPQUTHX1Ze', orgUnit: 'Nowhere0001' },
          ],
        },
      },
      /tracker\.json: trackedEntities\[0\] \(uid "TeAaaaaaaa1"\): orgUnit "Nowhere0001" is not an organisation unit in metadata\.json/,
    ],
    [
      'a nested event with a bad timestamp',
      {
        'metadata.json': metadata,
        'tracker.json': {
          trackedEntities: [
            {
              trackedEntity: 'TeAaaaaaaa1',
              trackedEntityType: 'MCPQUTHX1Ze',
              orgUnit: 'ClinicOld01',
              enrollments: [
                {
                  enrollment: 'EnAaaaaaaa1',
                  program: 'uYjxkTbwRNf',
                  orgUnit: 'ClinicOld01',
                  events: [
                    {
                      event: 'EvAaaaaaaa1',
                      programStage: 'dDHkBd3X8Ce',
                      orgUnit: 'ClinicOld01',
                      occurredAt: 'yesterday',
                    },
                  ],
                },
              ],
            },
          ],
        },
      },
      /tracker\.json: trackedEntities\[0\]\.enrollments\[0\]\.events\[0\] \(uid "EvAaaaaaaa1"\): occurredAt "yesterday" is not a DHIS2 timestamp/,
    ],
    [
      'a value that is not text',
      {
        'metadata.json': metadata,
        'tracker.json': {
          trackedEntities: [
            {
              trackedEntity: 'TeAaaaaaaa1',
              trackedEntityType: 'MCPQUTHX1Ze',
              orgUnit: 'ClinicOld01',
              attributes: [{ attribute: 'sB1IHYu2xQT', value: 3 }],
            },
          ],
        },
      },
      /trackedEntities\[0\]\.attributes\[0\] \(uid "TeAaaaaaaa1"\): value of sB1IHYu2xQT must be text/,
    ],
    [
      'a tracker file without records',
      { 'metadata.json': metadata, 'tracker.json': { instances: [] } },
      /tracker\.json: holds none of trackedEntities, enrollments, events, relationships/,
    ],
  ];

  it.each(broken)('names the file and the record for %s', (_what, files, message) => {
    expect(() => loadDatasetFromDir(folder(files))).toThrow(message);
  });
});

describe('createDemoDataset', () => {
  it('serves the 2021 install with readable option codes, or the 1.0.X package with its own', async () => {
    for (const [release, male] of [
      ['2021', 'Male'],
      ['1.0.X', 'MALE'],
    ] as const) {
      const sim = await startDhis2Simulator({
        version: '2.40',
        dataset: createDemoDataset({ cases: 3, contacts: 0, events: 2, seed: 9, packageRelease: release }),
      });
      try {
        const api = new RawClient(sim.url);
        const sex = await api.ok<{ options: Array<{ code: string }> }>(
          '/api/optionSets/WDUwjiW2rGH?fields=options[code]',
        );
        expect(sex.options[0]?.code).toBe(male);
        const tes = await api.ok<{
          instances: Array<{ attributes: Array<{ attribute: string; value: string }> }>;
        }>('/api/tracker/trackedEntities?program=uYjxkTbwRNf&ouMode=ACCESSIBLE');
        const values = tes.instances.map(
          (t) => t.attributes.find((a) => a.attribute === 'oindugucx72')?.value,
        );
        expect(values.every((v) => v === male || v === (release === '2021' ? 'Female' : 'FEMALE'))).toBe(
          true,
        );
        const rt = await api.ok<{ relationshipTypes: unknown[] }>('/api/relationshipTypes');
        expect(rt.relationshipTypes).toHaveLength(1);
        const pg = await api.ok<{ programs: Array<{ id: string }> }>('/api/programs?fields=id,lastUpdated');
        expect(pg.programs.map((p) => p.id).sort()).toEqual(['DM9n1bUw8W8', 'PNClHaZARtz', 'uYjxkTbwRNf']);
      } finally {
        await sim.close();
      }
    }
  });

  it('refuses impossible sizes with a clear message', () => {
    expect(() => createDemoDataset({ cases: -1, contacts: 0, events: 0, seed: 1 })).toThrow(
      /cases must be a whole number/,
    );
    expect(() => createDemoDataset({ cases: 0, contacts: 3, events: 0, seed: 1 })).toThrow(
      /contacts need at least one case/,
    );
  });
});
