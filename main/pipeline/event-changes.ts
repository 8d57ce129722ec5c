import type { TrackedEntity } from '../dhis2/index.js';
import type { OutcomeInput } from '../store/index.js';
import type { StageContext } from './runner.js';
import { chunks, handleEach, laterOf, scopeKey, withOverlap } from './walk.js';

export interface EventChangesInput {
  program: string;
  orgUnits: string[];
  /** Highest tracked-entity `updatedAt` of this run's walk (the first run starts following events from there). */
  walkedUpTo?: string;
  /** Tracked entities this run already handled: not read again. */
  handled: ReadonlySet<string>;
  readTrackedEntities: (uids: string[]) => AsyncIterable<TrackedEntity[]>;
  handle: (te: TrackedEntity) => Promise<OutcomeInput>;
}

/**
 * A new lab result or follow-up event changes a case or contact, but DHIS2 does not always bump the tracked
 * entity's `updatedAt` for it (2.39 and 2.40.0 only on updates, not creations — dhis2-api.md §9). So incremental
 * runs also walk the program's events changed since their own watermark and read again the tracked entities they
 * belong to. The first run reads every tracked entity anyway, so it only sets that watermark.
 */
export async function followEventChanges(
  ctx: StageContext,
  role: string,
  input: EventChangesInput,
): Promise<void> {
  const { session, signal } = ctx;
  const repo = session.target.progress;
  const key = scopeKey(ctx, `${role}-events:${input.program}`);
  const watermark = eventsWatermark(ctx, role, input.program);
  if (!watermark) {
    if (input.walkedUpTo) repo.setWatermark(ctx.stage, key, input.walkedUpTo);
    return;
  }
  ctx.progress(`Checking events changed in program ${input.program}`);
  const owners = new Set<string>();
  let highest: string | undefined = watermark;
  for (const orgUnit of input.orgUnits.length > 0 ? input.orgUnits : [undefined]) {
    const pages = session.dhis2.events({
      program: input.program,
      orgUnit,
      updatedAfter: withOverlap(watermark),
      eventProgram: false,
      signal,
    });
    for await (const page of pages) {
      for (const event of page) {
        highest = laterOf(highest, event.updatedAt);
        if (event.trackedEntity && !input.handled.has(event.trackedEntity)) owners.add(event.trackedEntity);
      }
    }
  }
  if (owners.size > 0) {
    const read = input.readTrackedEntities;
    await handleEach(
      ctx,
      (async function* () {
        for (const uids of chunks([...owners], 50)) yield* read(uids);
      })(),
      input.handle,
    );
  }
  if (highest) repo.setWatermark(ctx.stage, key, highest);
}

/** Where the events walk of a program continues from; undefined on a first (or full) read. */
export function eventsWatermark(ctx: StageContext, role: string, program: string): string | undefined {
  if (ctx.options.fullResync) return undefined;
  return ctx.session.target.progress.watermark(ctx.stage, scopeKey(ctx, `${role}-events:${program}`));
}
