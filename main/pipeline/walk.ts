import pLimit from 'p-limit';
import type { FieldMapping } from '../../shared/mapping.js';
import type { WalkProgress } from '../dhis2/index.js';
import type { MappingConfig } from '../mapping/index.js';
import { payloadHash } from './hash.js';
import type { OutcomeInput } from '../store/index.js';
import type { StageContext } from './runner.js';

/** DHIS2's `updatedAfter` is inclusive and clocks drift: re-read a few seconds before the watermark. */
const OVERLAP_MS = 5_000;
/** Records of one page handled at once (creates are serialised per outbreak by the Go.Data client anyway). */
const PAGE_CONCURRENCY = 4;

interface Cursor {
  updatedAfter?: string;
}

const mappingVersions = new WeakMap<MappingConfig, string>();

/**
 * Watermarks and checkpoints belong to the mapping they were read with: records DHIS2 did not change must be
 * mapped again when the mapping changes, however the new mapping arrived (the app, or the CLI's --mapping).
 */
function mappingVersion(mapping: MappingConfig): string {
  let version = mappingVersions.get(mapping);
  if (!version) {
    version = payloadHash(mapping).slice(0, 12);
    mappingVersions.set(mapping, version);
  }
  return version;
}

function earlier(iso: string, ms: number): string {
  return new Date(Date.parse(iso) - ms).toISOString();
}

function later(a: string | undefined, b: string | undefined): string | undefined {
  if (!a) return b;
  if (!b) return a;
  return Date.parse(b) > Date.parse(a) ? b : a;
}

/**
 * Walks one scope (a program) incrementally: from the checkpoint of an unfinished run, else from the watermark of
 * the last completed read, in `updatedAt` order. After each page every record has its outcome, the checkpoint
 * moves to the page's highest `updatedAt` (a killed run resumes there), and at the end the watermark does.
 * With `accept`, only the records it accepts are handled and counted as read (the others belong to another walk).
 */
export async function walkScope<T extends { updatedAt?: string }>(
  ctx: StageContext,
  scope: string,
  read: (updatedAfter: string | undefined) => AsyncGenerator<T[], WalkProgress>,
  handle: (record: T) => Promise<OutcomeInput>,
  accept: (record: T) => boolean = () => true,
): Promise<{ highest?: string }> {
  const { progress: repo } = ctx.session.target;
  const key = scopeKey(ctx, scope);
  const watermark = ctx.options.fullResync ? undefined : repo.watermark(ctx.stage, key);
  const start = ctx.checkpoint<Cursor>(key)?.updatedAfter ?? watermark;
  let highest = start;
  for await (const page of read(start ? withOverlap(start) : undefined)) {
    await handlePage(ctx, page.filter(accept), handle);
    for (const record of page) highest = later(highest, record.updatedAt);
    ctx.saveCheckpoint(key, { updatedAfter: highest } satisfies Cursor);
    ctx.progress(ctx.stage === 'events' ? 'Writing events' : `Writing ${ctx.stage}`);
  }
  if (highest) repo.setWatermark(ctx.stage, key, highest);
  return { highest };
}

/** The key of a scope's watermark and checkpoint: the scope, for the mapping it is read with. */
export function scopeKey(ctx: StageContext, scope: string): string {
  return `${scope}@${mappingVersion(ctx.session.mapping)}`;
}

/** `iso` minus the read overlap (DHIS2's `updatedAfter` is inclusive and clocks drift). */
export function withOverlap(iso: string): string {
  return earlier(iso, OVERLAP_MS);
}

export { later as laterOf };

/** Handles records by explicit uid (open issues to retry), in small batches. */
export async function handleEach<T>(
  ctx: StageContext,
  records: AsyncIterable<T[]>,
  handle: (record: T) => Promise<OutcomeInput>,
): Promise<void> {
  for await (const page of records) await handlePage(ctx, page, handle);
}

/**
 * Handles one page, a few records at a time. When one throws (the stage stops), no further record is started and
 * the ones in flight are awaited — nothing keeps writing after the stage has ended — and their outcomes kept.
 */
async function handlePage<T>(
  ctx: StageContext,
  records: T[],
  handle: (record: T) => Promise<OutcomeInput>,
): Promise<void> {
  ctx.recorder.read(records.length);
  const limit = pLimit(PAGE_CONCURRENCY);
  let stopped = false;
  const settled = await Promise.allSettled(
    records.map((record) =>
      limit(async () => {
        if (stopped) return undefined;
        try {
          return await handle(record);
        } catch (error) {
          stopped = true;
          throw error;
        }
      }),
    ),
  );
  let failure: { reason: unknown } | undefined;
  for (const result of settled) {
    if (result.status === 'rejected') failure ??= { reason: result.reason };
    else if (result.value) ctx.recorder.add(result.value);
  }
  if (failure) throw failure.reason;
}

export function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Top-level Go.Data fields a list of field mappings can fill (`addresses[0].phoneNumber` → `addresses`). */
export function mappedTopLevelFields(mappings: readonly FieldMapping[]): Set<string> {
  return new Set(mappings.map((m) => m.target.split(/[.[]/)[0] ?? m.target));
}

/** Whether a mapping reads org-unit geometry (then the tree's geometry is loaded once). */
export function usesOrgUnitGeometry(mappings: readonly FieldMapping[]): boolean {
  return mappings.some((m) =>
    [m.source, ...(m.fallbacks ?? [])].some((s) => s.kind === 'geometry' && s.of === 'orgUnit'),
  );
}
