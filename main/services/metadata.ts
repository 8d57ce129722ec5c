import type { MetadataSummary } from '../../shared/views.js';
import type { Dhis2Metadata } from '../dhis2/index.js';
import { createDhis2Client } from './clients.js';
import type { ConnectionsService } from './connections.js';
import type { AppContext } from './context.js';

const CACHE_KEY = 'dhis2.metadata';

interface CachedMetadata {
  metadata: Dhis2Metadata;
  orgUnits: number;
}

/**
 * DHIS2 metadata for the mapping editor: pulled once when connected, kept in SQLite so mappings can be prepared
 * offline afterwards.
 */
export class MetadataService {
  constructor(
    private readonly ctx: AppContext,
    private readonly connections: ConnectionsService,
  ) {}

  async pull(signal?: AbortSignal): Promise<MetadataSummary> {
    const row = this.connections.require('dhis2');
    const client = await createDhis2Client(row, {
      vault: this.ctx.vault,
      env: this.ctx.env,
      log: this.ctx.log,
    });
    const metadata = await client.readMetadata([], signal);
    let orgUnits = 0;
    for await (const page of client.orgUnits({ signal })) orgUnits += page.length;
    this.ctx.store.metadata.put(CACHE_KEY, row.url, { metadata, orgUnits } satisfies CachedMetadata);
    return this.summary() as MetadataSummary;
  }

  cached(): (CachedMetadata & { sourceUrl: string; fetchedAt: string }) | undefined {
    const entry = this.ctx.store.metadata.get<CachedMetadata>(CACHE_KEY);
    return entry ? { ...entry.value, sourceUrl: entry.sourceUrl, fetchedAt: entry.fetchedAt } : undefined;
  }

  summary(): MetadataSummary | null {
    const cached = this.cached();
    if (!cached) return null;
    const { metadata } = cached;
    return {
      sourceUrl: cached.sourceUrl,
      serverVersion: metadata.server.version,
      fetchedAt: cached.fetchedAt,
      orgUnits: cached.orgUnits,
      orgUnitLevels: metadata.orgUnitLevels.map((l) => ({ level: l.level, name: l.name })),
      programs: metadata.programs.map((p) => ({
        id: p.id,
        name: p.name,
        programType: p.programType,
        attributes: p.attributes.map((a) => ({
          id: a.id,
          name: a.name,
          valueType: a.valueType,
          optionSetId: a.optionSetId,
        })),
        stages: p.stages.map((s) => ({
          id: s.id,
          name: s.name,
          dataElements: s.dataElements.map((d) => ({
            id: d.id,
            name: d.name,
            valueType: d.valueType,
            optionSetId: d.optionSetId,
          })),
        })),
      })),
      optionSets: metadata.optionSets.map((o) => ({
        id: o.id,
        name: o.name,
        options: o.options.map((x) => ({ id: x.id, code: x.code, name: x.name })),
      })),
      relationshipTypes: metadata.relationshipTypes.map((r) => ({ id: r.id, name: r.name })),
    };
  }
}
