import type { SimContext } from '../context.js';
import type { QueryParams } from '../http/query.js';
import { badRequest } from '../http/webMessage.js';
import { usesInstancesKey } from '../version.js';
import type { ScanResult } from './scan.js';

/**
 * Paging of the new tracker API, per version (reference §6.2): which switch turns it off (`paging=false`,
 * `skipPaging=true`, or either), which the version silently ignores, and how the envelope looks.
 */
export interface NewPaging {
  paged: boolean;
  page: number;
  pageSize: number;
  totalPages: boolean;
  /** 2.36 adds page keys only when the request asked for paging explicitly. */
  showKeys: boolean;
}

export const TE_MAX_LIMIT = 50_000;

export function parseNewPaging(ctx: SimContext, query: QueryParams, trackedEntities = false): NewPaging {
  const minor = ctx.version.minor;
  const totalPages = query.bool('totalPages') ?? false;
  const rawPage = query.int('page');
  const rawSize = query.int('pageSize');
  let paged: boolean;
  let showKeys = true;
  if (minor === 36) {
    const paging = query.bool('paging');
    paged = !(query.bool('skipPaging') === true || paging === false);
    showKeys = paged && (paging === true || rawPage !== undefined || rawSize !== undefined || totalPages);
  } else if (minor <= 40) {
    paged = query.bool('skipPaging') !== true;
  } else {
    const paging = query.bool('paging');
    const skipPaging = minor === 41 ? query.bool('skipPaging') : undefined;
    if (paging !== undefined && skipPaging !== undefined && paging === skipPaging) {
      throw badRequest(
        "Paging can either be enabled or disabled. Prefer 'paging' as 'skipPaging' will be removed.",
      );
    }
    paged = !(paging === false || skipPaging === true);
    if (!paged && (rawPage !== undefined || rawSize !== undefined || totalPages)) {
      throw badRequest(
        'Paging cannot be disabled with paging=false while also requesting a paginated response with page, pageSize and/or totalPages=true',
      );
    }
    if (rawPage !== undefined && rawPage < 1)
      throw badRequest('page must be greater than or equal to 1 if specified');
    if (rawSize !== undefined && rawSize < 1)
      throw badRequest('pageSize must be greater than or equal to 1 if specified');
    if (trackedEntities && minor >= 42 && rawSize !== undefined && rawSize > TE_MAX_LIMIT) {
      throw badRequest(
        `Invalid page size: ${rawSize}. The maximum page size for tracked entities is ${TE_MAX_LIMIT}`,
      );
    }
  }
  const page = rawPage !== undefined && rawPage > 0 ? rawPage : 1;
  const pageSize = rawSize !== undefined && rawSize > 0 ? rawSize : 50;
  return { paged, page, pageSize, totalPages, showKeys };
}

/** Rows to ask the scan for: one page (the scan peeks one row further to know whether another follows), or everything (TEs capped 2.39+). */
export function sliceFor(
  ctx: SimContext,
  paging: NewPaging,
  trackedEntities = false,
): { offset: number; limit?: number; countTotal: boolean } {
  if (!paging.paged) {
    const capped = trackedEntities && ctx.version.minor >= 39;
    return { offset: 0, ...(capped ? { limit: TE_MAX_LIMIT } : {}), countTotal: false };
  }
  return {
    offset: (paging.page - 1) * paging.pageSize,
    limit: paging.pageSize,
    countTotal: paging.totalPages,
  };
}

/** The request URL with `page` replaced (moved to the end), as Spring's UriComponentsBuilder writes it. */
function pageLink(requestUrl: string, page: number): string {
  const url = new URL(requestUrl);
  url.searchParams.delete('page');
  const rest = url.search ? `${url.search}&` : '?';
  return `${url.origin}${url.pathname}${rest}page=${page}`;
}

export type CollectionKey = 'trackedEntities' | 'enrollments' | 'events' | 'relationships';

export function newEnvelope(
  ctx: SimContext,
  key: CollectionKey,
  items: unknown[],
  paging: NewPaging,
  result: Pick<ScanResult<unknown>, 'hasMore' | 'total'>,
  requestUrl: string,
): Record<string, unknown> {
  const minor = ctx.version.minor;
  const listKey = usesInstancesKey(ctx.version) ? 'instances' : key;
  if (!paging.paged || !paging.showKeys) return { [listKey]: items };
  const totals: Record<string, number> = {};
  if (paging.totalPages && result.total !== undefined) {
    totals.total = result.total;
    if (minor >= 38) totals.pageCount = Math.ceil(result.total / paging.pageSize);
  }
  const flat = { page: paging.page, pageSize: paging.pageSize, ...totals };
  if (minor <= 37) return { [listKey]: items, ...flat };
  if (minor <= 40) return { ...flat, [listKey]: items };
  if (minor === 41) return { pager: flat, ...flat, [listKey]: items };
  const pager: Record<string, unknown> = { ...flat };
  if (paging.page > 1) pager.prevPage = pageLink(requestUrl, paging.page - 1);
  if (result.hasMore) pager.nextPage = pageLink(requestUrl, paging.page + 1);
  return { pager, [listKey]: items };
}
