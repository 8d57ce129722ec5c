import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoDataset, startDhis2Simulator, type Dhis2Simulator } from './index.js';
import { RawClient, VERSIONS, ZONELESS } from './testClient.js';

/** Contract, part 2 (reference §4, §11): metadata lists, `fields`, `filter`, paging and single objects. */
const dataset = createDemoDataset({ cases: 1, contacts: 0, events: 0, seed: 5 });

type Pager = {
  page: number;
  pageCount: number;
  total: number;
  pageSize: number;
  nextPage?: string;
  prevPage?: string;
};
type OrgUnit = {
  id: string;
  name?: string;
  level?: number;
  path?: string;
  parent?: { id: string; name?: string };
  closedDate?: string;
};
type Units = { pager?: Pager; organisationUnits: OrgUnit[] };

describe.each(VERSIONS)('DHIS2 %s: metadata', (version) => {
  let sim: Dhis2Simulator;
  let api: RawClient;

  beforeAll(async () => {
    sim = await startDhis2Simulator({ version, dataset });
    api = new RawClient(sim.url);
  });
  afterAll(() => sim.close());

  it('pages org units with an absolute nextPage link that carries the other parameters', async () => {
    const first = await api.ok<Units>('/api/organisationUnits?fields=id,name&order=name:asc');
    expect(first.pager).toMatchObject({ page: 1, pageCount: 27, total: 1332, pageSize: 50 });
    expect(first.organisationUnits).toHaveLength(50);
    expect(first.pager?.prevPage).toBeUndefined();
    const next = first.pager?.nextPage ?? '';
    expect(next.startsWith(`${sim.url}/api/organisationUnits?page=2`)).toBe(true);
    const second = await api.ok<Units>(next.slice(sim.url.length));
    expect(second.pager?.page).toBe(2);
    expect(second.pager?.prevPage?.startsWith(`${sim.url}/api/organisationUnits`)).toBe(true);
    expect(second.organisationUnits[0]?.id).not.toBe(first.organisationUnits[0]?.id);
    const last = await api.ok<Units>('/api/organisationUnits?fields=id&page=27');
    expect(last.organisationUnits).toHaveLength(1332 - 26 * 50);
    expect(last.pager?.nextPage).toBeUndefined();
  });

  it('returns everything without a pager with paging=false, and echoes a custom pageSize in links', async () => {
    const all = await api.ok<Units>('/api/organisationUnits?paging=false&fields=id,level');
    expect(all.pager).toBeUndefined();
    expect(all.organisationUnits).toHaveLength(1332);
    expect(all.organisationUnits.filter((u) => u.level === 4)).toHaveLength(1166);
    const sized = await api.ok<Units>('/api/organisationUnits?pageSize=500&fields=id');
    expect(sized.pager).toMatchObject({ pageCount: 3, pageSize: 500 });
    expect(sized.pager?.nextPage).toContain('pageSize=500');
  });

  it('defaults list fields to id and displayName', async () => {
    const list = await api.ok<{ organisationUnits: Array<Record<string, unknown>> }>(
      '/api/organisationUnits?pageSize=3',
    );
    for (const unit of list.organisationUnits)
      expect(Object.keys(unit).sort()).toEqual(['displayName', 'id']);
  });

  it('selects nested, all and excluded fields', async () => {
    const unit = await api.ok<Record<string, unknown>>(
      '/api/organisationUnits/DiszpKrYNg8?fields=id,name,level,path,parent[id,name],children~size',
    );
    expect(unit).toEqual({
      id: 'DiszpKrYNg8',
      name: 'Ngelehun CHC',
      level: 4,
      path: '/ImspTQPwCqd/O6uvpzGd5pu/YuQRtpLP10I/DiszpKrYNg8',
      parent: { id: 'YuQRtpLP10I', name: 'Badjia' },
      children: 0,
    });
    const all = await api.ok<Record<string, unknown>>(
      '/api/organisationUnits/DiszpKrYNg8?fields=*,!translations,!attributeValues',
    );
    expect(all).toMatchObject({
      id: 'DiszpKrYNg8',
      code: 'OU_559',
      leaf: true,
      parent: { id: 'YuQRtpLP10I' },
    });
    expect(all.translations).toBeUndefined();
    expect(all.geometry).toMatchObject({ type: 'Point' });
    expect(all.coordinates).toBeUndefined();
    expect(String(all.lastUpdated)).toMatch(ZONELESS);
    const identifiable = await api.ok<Record<string, unknown>>(
      '/api/organisationUnits/DiszpKrYNg8?fields=:identifiable',
    );
    expect(Object.keys(identifiable).sort()).toEqual([
      'code',
      'created',
      'href',
      'id',
      'lastUpdated',
      'name',
    ]);
  });

  it('filters with eq, ilike, in, null / !null, dotted paths and OR', async () => {
    const ids = async (q: string): Promise<string[]> =>
      (await api.ok<Units>(`/api/organisationUnits?paging=false&fields=id&${q}`)).organisationUnits.map(
        (u) => u.id,
      );
    expect(await ids('filter=level:eq:2')).toHaveLength(13);
    expect(await ids('filter=parent.id:eq:YuQRtpLP10I')).toContain('DiszpKrYNg8');
    expect((await ids('filter=name:ilike:ngelehun')).sort()).toEqual(['DiszpKrYNg8', 'FwKJ7gYEv8U']);
    expect(await ids('filter=name:$ilike:ngelehun%20c')).toEqual(['DiszpKrYNg8']);
    expect((await ids('filter=id:in:[DiszpKrYNg8,g8upMTyEZGZ]')).sort()).toEqual([
      'DiszpKrYNg8',
      'g8upMTyEZGZ',
    ]);
    expect(await ids('filter=closedDate:!null')).toHaveLength(5);
    expect(await ids('filter=level:eq:4&filter=geometry:null')).toHaveLength(1166 - 601);
    expect(await ids('filter=level:eq:1&filter=level:eq:2&rootJunction=OR')).toHaveLength(14);
    expect(await ids('filter=level:ge:3&filter=level:lt:4')).toHaveLength(152);
    expect(await ids('filter=lastUpdated:ge:2030-01-01')).toHaveLength(0);
    expect(await ids('filter=name:!ilike:ngelehun')).toHaveLength(1330);
  });

  it('orders by the requested property', async () => {
    const list = await api.ok<Units>(
      '/api/organisationUnits?filter=level:eq:2&fields=name&order=name:desc&paging=false',
    );
    const names = list.organisationUnits.map((u) => u.name ?? '');
    expect(names[0]).toBe('Western Area');
    expect(names).toEqual([...names].sort().reverse());
  });

  it('answers an unknown uid with a 404 WebMessage', async () => {
    const res = await api.get('/api/organisationUnits/AAAAAAAAAAA');
    expect(res.status).toBe(404);
    expect(res.json).toMatchObject({
      httpStatus: 'Not Found',
      httpStatusCode: 404,
      status: 'ERROR',
      message: 'OrganisationUnit with id AAAAAAAAAAA could not be found.',
    });
  });

  it('serves levels, programs with stages and attributes, option sets and relationship types', async () => {
    const levels = await api.ok<{ organisationUnitLevels: Array<{ level: number; name: string }> }>(
      '/api/organisationUnitLevels?fields=level,name&order=level:asc&paging=false',
    );
    expect(levels.organisationUnitLevels.map((l) => l.name)).toEqual([
      'National',
      'District',
      'Chiefdom',
      'Facility',
    ]);
    const fields =
      'id,programType,trackedEntityType[id],programTrackedEntityAttributes[mandatory,trackedEntityAttribute[id,valueType,optionSet[id]]],programStages[id,repeatable,programStageDataElements[dataElement[id,valueType,optionSetValue]]]';
    const programs = await api.ok<{ programs: Array<Record<string, unknown>> }>(
      `/api/programs?paging=false&fields=${fields}`,
    );
    const byId = Object.fromEntries(programs.programs.map((p) => [p.id as string, p]));
    expect(Object.keys(byId).sort()).toEqual(['DM9n1bUw8W8', 'PNClHaZARtz', 'uYjxkTbwRNf']);
    expect(byId.uYjxkTbwRNf).toMatchObject({
      programType: 'WITH_REGISTRATION',
      trackedEntityType: { id: 'MCPQUTHX1Ze' },
    });
    expect(byId.PNClHaZARtz).toMatchObject({
      programType: 'WITHOUT_REGISTRATION',
      programStages: [{ id: 'duF07iN3Gos' }],
    });
    const cases = byId.uYjxkTbwRNf as {
      programStages: Array<{ id: string; programStageDataElements: Array<{ dataElement: { id: string } }> }>;
    };
    const lab = cases.programStages.find((s) => s.id === 'dDHkBd3X8Ce');
    expect(lab?.programStageDataElements.map((d) => d.dataElement)).toContainEqual({
      id: 'ovY6E8BSdto',
      valueType: 'TEXT',
      optionSetValue: true,
    });
    const sex = await api.ok<{ options: Array<{ code: string }> }>(
      '/api/optionSets/WDUwjiW2rGH?fields=options[code]',
    );
    expect(sex.options.map((o) => o.code)).toEqual(['Male', 'Female']);
    const types = await api.ok<{ relationshipTypes: Array<Record<string, unknown>> }>(
      '/api/relationshipTypes?fields=id,bidirectional,fromConstraint[*]',
    );
    expect(types.relationshipTypes).toContainEqual({
      id: 'ipjUWSTPKFt',
      bidirectional: true,
      fromConstraint: {
        relationshipEntity: 'TRACKED_ENTITY_INSTANCE',
        trackedEntityType: { id: 'MCPQUTHX1Ze' },
      },
    });
  });

  it('lists program org units through /api/programs/orgUnits', async () => {
    const assignments = await api.ok<Record<string, string[]>>(
      '/api/programs/orgUnits?programs=uYjxkTbwRNf,PNClHaZARtz',
    );
    expect(assignments.uYjxkTbwRNf).toHaveLength(1332);
    expect(assignments.PNClHaZARtz).toContain('DiszpKrYNg8');
  });
});
