import type { GoDataLocation } from './model.js';
import type { GoDataContext } from './context.js';
import { GoDataError } from './errors.js';
import {
  asArray,
  filterParams,
  paginate,
  parseCount,
  whereParams,
  type LoopBackFilter,
  type Where,
} from './filter.js';
import {
  nestBatch,
  parentsFirst,
  preValidationFailures,
  withDescendants,
  type HierarchyNode,
} from './location-tree.js';

export interface LocationImportOptions {
  /** Locations per import request (default 500). */
  batchSize?: number;
  /** Called after each stored batch, for progress. */
  onBatch?: (progress: { stored: number; failed: number; total: number }) => void;
}

export interface LocationImportFailure {
  id: string;
  name: string;
  /** Go.Data's reason (`LNG_PAGE_IMPORT_DATA_ERROR_DUPLICATE_DB_NAME` …) or `PARENT_FAILED`. */
  reason: string;
  message: string;
}

export interface LocationImportResult {
  storedIds: string[];
  failed: LocationImportFailure[];
}

export type LocationDeleteResult =
  | { outcome: 'deleted' }
  | { outcome: 'not-found' }
  /** Go.Data refused: the location or one of its descendants is referenced (422 MODEL_IN_USE). */
  | { outcome: 'in-use'; error: GoDataError };

const IMPORT_PATH = '/api/locations/import';

/**
 * Locations (§6). `POST /api/locations` drops client ids, so the tree is written with
 * `POST /api/locations/import` (hierarchical JSON, upsert by id): the ids stay the bridge's own.
 */
export class LocationsApi {
  constructor(private readonly ctx: GoDataContext) {}

  async get(id: string, signal?: AbortSignal): Promise<GoDataLocation | undefined> {
    try {
      return await this.ctx.session.call<GoDataLocation>({ method: 'GET', path: locationPath(id), signal });
    } catch (error) {
      if (error instanceof GoDataError && error.kind === 'not-found') return undefined;
      throw error;
    }
  }

  async list(filter?: LoopBackFilter, signal?: AbortSignal): Promise<GoDataLocation[]> {
    const path = '/api/locations';
    return asArray<GoDataLocation>(
      await this.ctx.session.call({ method: 'GET', path, params: filterParams(filter), signal }),
      path,
    );
  }

  pages(
    filter?: LoopBackFilter,
    pageSize?: number,
    signal?: AbortSignal,
  ): AsyncGenerator<GoDataLocation[], void, undefined> {
    return paginate((page) => this.list(page, signal), filter, pageSize);
  }

  async count(where?: Where, signal?: AbortSignal): Promise<number> {
    const path = '/api/locations/count';
    return parseCount(
      await this.ctx.session.call({ method: 'GET', path, params: whereParams(where), signal }),
      path,
    );
  }

  /** The whole tree (or the part a filter selects) as `[{location, children}]`. */
  async hierarchical(filter?: LoopBackFilter, signal?: AbortSignal): Promise<HierarchyNode[]> {
    const path = '/api/locations/hierarchical';
    return asArray<HierarchyNode>(
      await this.ctx.session.call({ method: 'GET', path, params: filterParams(filter), signal }),
      path,
    );
  }

  /** Partial update of one location. */
  update(id: string, changes: Partial<GoDataLocation>, signal?: AbortSignal): Promise<GoDataLocation> {
    const { id: _ignored, ...body } = changes;
    return this.ctx.session.call<GoDataLocation>({
      method: 'PATCH',
      path: locationPath(id),
      body,
      idempotent: true,
      signal,
    });
  }

  /** Soft delete of a location and its descendants; a location still referenced is reported, not thrown. */
  async delete(id: string, signal?: AbortSignal): Promise<LocationDeleteResult> {
    try {
      await this.ctx.session.call({ method: 'DELETE', path: locationPath(id), signal });
      return { outcome: 'deleted' };
    } catch (error) {
      if (!(error instanceof GoDataError)) throw error;
      if (error.code === 'MODEL_IN_USE') return { outcome: 'in-use', error };
      if (error.kind === 'not-found') return { outcome: 'not-found' };
      throw error;
    }
  }

  /**
   * Upserts locations with their own ids, in batches, parents before children (a batch may name parents stored
   * by an earlier batch or run). Go.Data pre-validates a whole batch and writes nothing if any record fails;
   * the failing records (and their descendants) are then set aside and the rest of the batch is sent again.
   */
  async import(
    locations: GoDataLocation[],
    options: LocationImportOptions = {},
    signal?: AbortSignal,
  ): Promise<LocationImportResult> {
    const batchSize = Math.max(1, options.batchSize ?? 500);
    const ordered = parentsFirst(locations);
    const failedIds = new Set<string>();
    const result: LocationImportResult = { storedIds: [], failed: [] };
    const byId = new Map(locations.map((location) => [location.id, location]));
    const fail = (id: string, reason: string, message: string) => {
      if (failedIds.has(id)) return;
      failedIds.add(id);
      result.failed.push({ id, name: byId.get(id)?.name ?? '', reason, message });
    };

    for (let start = 0; start < ordered.length; start += batchSize) {
      let batch = ordered.slice(start, start + batchSize).filter((location) => {
        const parentFailed =
          location.parentLocationId !== undefined &&
          location.parentLocationId !== null &&
          failedIds.has(location.parentLocationId);
        if (parentFailed)
          fail(location.id, 'PARENT_FAILED', `Parent location ${location.parentLocationId} was not imported`);
        return !parentFailed && !failedIds.has(location.id);
      });
      while (batch.length > 0) {
        const rejected = await this.importBatch(batch, signal);
        if (rejected === undefined) {
          result.storedIds.push(...batch.map((location) => location.id));
          break;
        }
        for (const failure of rejected.failures) {
          for (const id of failure.ids)
            fail(
              id,
              failure.reason,
              `Go.Data pre-validation: ${failure.reason} (record ${failure.recordNo})`,
            );
        }
        const mapped = rejected.failures.some((failure) => failure.ids.length > 0);
        if (!mapped) {
          // Nothing to set aside: the batch as a whole is refused, report every record with the server's reason.
          for (const location of batch)
            fail(location.id, rejected.error.code ?? 'IMPORT_FAILED', rejected.error.message);
          break;
        }
        const dropped = withDescendants(failedIds, batch);
        for (const location of batch) {
          if (dropped.has(location.id) && !failedIds.has(location.id)) {
            fail(
              location.id,
              'PARENT_FAILED',
              `Parent location ${location.parentLocationId} was not imported`,
            );
          }
        }
        batch = batch.filter((location) => !dropped.has(location.id));
      }
      options.onBatch?.({
        stored: result.storedIds.length,
        failed: result.failed.length,
        total: locations.length,
      });
    }
    return result;
  }

  /** One import request; undefined when stored, else the pre-validation failures. */
  private async importBatch(
    batch: GoDataLocation[],
    signal?: AbortSignal,
  ): Promise<{ failures: ReturnType<typeof preValidationFailures>; error: GoDataError } | undefined> {
    const { forest, recordIds } = nestBatch(batch);
    const form = new FormData();
    form.append('file', new Blob([JSON.stringify(forest)], { type: 'application/json' }), 'locations.json');
    try {
      // An upsert by id: repeating it after a lost answer stores the same thing again.
      await this.ctx.session.call({
        method: 'POST',
        path: IMPORT_PATH,
        body: form,
        idempotent: true,
        signal,
      });
      return undefined;
    } catch (error) {
      if (!(error instanceof GoDataError) || error.code !== 'IMPORT_PARTIAL_SUCCESS_WITH_DETAILS')
        throw error;
      return { failures: preValidationFailures(error.details, recordIds), error };
    }
  }
}

function locationPath(id: string): string {
  return `/api/locations/${encodeURIComponent(id)}`;
}
