import { Dhis2Error } from './errors.js';
import { record, records, type Json } from './json.js';
import {
  toOptionSet,
  toOrgUnit,
  toOrgUnitLevel,
  toProgram,
  toRelationshipType,
} from './metadata-normalise.js';
import type {
  Dhis2Metadata,
  OptionSet,
  OrgUnit,
  OrgUnitLevel,
  Program,
  RelationshipType,
  Uid,
} from './model.js';
import type { WalkProgress } from './paging.js';
import type { Dhis2Session } from './session.js';
import type { Dhis2Transport, QueryParams } from './transport.js';

/** Metadata reads (dhis2-api.md §4). Lists are always paged explicitly and ordered, whatever their size. */
export interface MetadataContext {
  transport: Dhis2Transport;
  session: Dhis2Session;
}

const ORG_UNIT_FIELDS =
  // coordinates/featureType: the pre-2.32 geometry form; servers that no longer have them ignore the names.
  'id,code,name,shortName,level,path,parent[id],openingDate,closedDate,geometry,coordinates,featureType,lastUpdated';
const PROGRAM_FIELDS = [
  'id,name,code,version,lastUpdated,programType,trackedEntityType[id]',
  'programTrackedEntityAttributes[mandatory,sortOrder,trackedEntityAttribute[id,name,code,valueType,optionSet[id]]]',
  'programStages[id,name,sortOrder,repeatable,programStageDataElements[compulsory,sortOrder,' +
    'dataElement[id,name,code,formName,valueType,optionSet[id]]]]',
].join(',');
const DEFAULT_PAGE_SIZE = 500;
/** uids per `id:in:[…]` filter, to keep URLs well under common proxy limits. */
const IDS_PER_REQUEST = 100;

interface MetadataListRequest {
  path: string;
  collection: string;
  params: QueryParams;
  pageSize?: number;
  signal?: AbortSignal;
}

/** Pages of one metadata list; ends when the pager has no `nextPage` (or there is no pager at all). */
export async function* metadataPages(
  transport: Dhis2Transport,
  request: MetadataListRequest,
): AsyncGenerator<Json[]> {
  const pageSize = request.pageSize ?? DEFAULT_PAGE_SIZE;
  for (let page = 1; ; page++) {
    const body = record(
      await transport.getJson(request.path, { ...request.params, page, pageSize }, request.signal),
    );
    const items = body[request.collection];
    if (!Array.isArray(items)) {
      throw new Dhis2Error({
        kind: 'not-dhis2',
        message: `DHIS2 answered ${request.path} without the "${request.collection}" list it always sends.`,
      });
    }
    yield records(items);
    const pager = record(body.pager);
    if (typeof pager.nextPage !== 'string' || items.length === 0) return;
  }
}

async function readAll<T>(
  context: MetadataContext,
  request: MetadataListRequest,
  convert: (raw: Json) => T | undefined,
): Promise<T[]> {
  const out: T[] = [];
  for await (const page of metadataPages(context.transport, request)) {
    for (const raw of page) {
      const item = convert(raw);
      if (item !== undefined) out.push(item);
    }
  }
  return out;
}

export interface OrgUnitReadOptions {
  /** Read only these units and their descendants; the whole tree when absent or empty. */
  roots?: Uid[];
  pageSize?: number;
  signal?: AbortSignal;
  onProgress?: (progress: WalkProgress) => void;
}

/** Org units page by page, parents before children (ordered by level). */
export async function* readOrgUnits(
  context: MetadataContext,
  options: OrgUnitReadOptions = {},
): AsyncGenerator<OrgUnit[], WalkProgress> {
  const progress: WalkProgress = { pages: 0, read: 0, duplicates: 0 };
  const seen = new Set<Uid>();
  const roots = options.roots?.length ? options.roots : [undefined];
  for (const root of roots) {
    const params: QueryParams = { fields: ORG_UNIT_FIELDS, order: 'level:asc,id:asc' };
    // `path` contains every ancestor's uid, so this matches the root and everything below it.
    if (root) params.filter = `path:like:${root}`;
    const request = {
      path: '/api/organisationUnits',
      collection: 'organisationUnits',
      params,
      pageSize: options.pageSize,
      signal: options.signal,
    };
    for await (const page of metadataPages(context.transport, request)) {
      const units: OrgUnit[] = [];
      for (const raw of page) {
        const unit = toOrgUnit(raw, context.session.zone);
        if (!unit) continue;
        if (seen.has(unit.id)) {
          progress.duplicates++;
          continue;
        }
        seen.add(unit.id);
        units.push(unit);
      }
      progress.pages++;
      progress.read += units.length;
      options.onProgress?.({ ...progress });
      if (units.length > 0) yield units;
    }
  }
  return progress;
}

export function readOrgUnitLevels(context: MetadataContext, signal?: AbortSignal): Promise<OrgUnitLevel[]> {
  const params = { fields: 'id,name,level', order: 'level:asc' };
  return readAll(
    context,
    { path: '/api/organisationUnitLevels', collection: 'organisationUnitLevels', params, signal },
    toOrgUnitLevel,
  );
}

/** Programs with attributes and stages; all programs when `ids` is empty. */
export async function readPrograms(
  context: MetadataContext,
  ids: Uid[],
  signal?: AbortSignal,
): Promise<Program[]> {
  const convert = (raw: Json) => toProgram(raw, context.session.zone);
  const list = (params: QueryParams) =>
    readAll(
      context,
      { path: '/api/programs', collection: 'programs', params, pageSize: 50, signal },
      convert,
    );
  if (ids.length === 0) return list({ fields: PROGRAM_FIELDS, order: 'id:asc' });
  const found = (
    await Promise.all(
      chunks(ids).map((chunk) => list({ fields: PROGRAM_FIELDS, filter: `id:in:[${chunk.join(',')}]` })),
    )
  ).flat();
  const missing = ids.filter((id) => !found.some((p) => p.id === id));
  if (missing.length > 0) {
    throw new Dhis2Error({
      kind: 'not-found',
      message: `DHIS2 has no program ${missing.join(', ')} that this account can see. Check the program or the account's sharing.`,
    });
  }
  return ids.map((id) => found.find((p) => p.id === id)).filter((p): p is Program => p !== undefined);
}

export async function readOptionSets(
  context: MetadataContext,
  ids: Uid[],
  signal?: AbortSignal,
): Promise<OptionSet[]> {
  const fields = 'id,name,valueType,options[id,code,name,sortOrder]';
  const pages = await Promise.all(
    chunks([...new Set(ids)]).map((chunk) =>
      readAll(
        context,
        {
          path: '/api/optionSets',
          collection: 'optionSets',
          params: { fields, filter: `id:in:[${chunk.join(',')}]` },
          signal,
        },
        toOptionSet,
      ),
    ),
  );
  return pages.flat();
}

export function readRelationshipTypes(
  context: MetadataContext,
  signal?: AbortSignal,
): Promise<RelationshipType[]> {
  const params = { fields: 'id,name,bidirectional,fromToName,toFromName', order: 'id:asc' };
  return readAll(
    context,
    { path: '/api/relationshipTypes', collection: 'relationshipTypes', params, signal },
    toRelationshipType,
  );
}

/** `GET /api/programs/orgUnits`: program uid → org unit uids it is assigned to (empty = everywhere). */
export async function readProgramOrgUnits(
  context: MetadataContext,
  programIds: Uid[],
  signal?: AbortSignal,
): Promise<Record<Uid, Uid[]>> {
  const out: Record<Uid, Uid[]> = {};
  for (const chunk of chunks(programIds)) {
    const body = record(
      await context.transport.getJson('/api/programs/orgUnits', { programs: chunk.join(',') }, signal),
    );
    for (const id of chunk) {
      const units = body[id];
      out[id] = Array.isArray(units) ? units.filter((u): u is string => typeof u === 'string') : [];
    }
  }
  return out;
}

/** Everything the mapping editor and the stages need, for the given programs (all programs when empty). */
export async function readMetadata(
  context: MetadataContext,
  programIds: Uid[],
  signal?: AbortSignal,
): Promise<Dhis2Metadata> {
  const [orgUnitLevels, programs, relationshipTypes] = await Promise.all([
    readOrgUnitLevels(context, signal),
    readPrograms(context, programIds, signal),
    readRelationshipTypes(context, signal),
  ]);
  const optionSetIds = programs.flatMap((program) => [
    ...program.attributes.map((a) => a.optionSetId),
    ...program.stages.flatMap((stage) => stage.dataElements.map((d) => d.optionSetId)),
  ]);
  const optionSets = await readOptionSets(
    context,
    optionSetIds.filter((id): id is Uid => id !== undefined),
    signal,
  );
  return { server: context.session.server, orgUnitLevels, programs, optionSets, relationshipTypes };
}

function chunks<T>(items: T[], size = IDS_PER_REQUEST): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
