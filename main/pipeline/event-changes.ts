import type { TrackedEntity } from '../dhis2/index.js';
import type { OutcomeInput } from '../store/index.js';
import type { StageContext } from './runner.js';
import { chunks, handleEach, laterOf, scopeKey, withOverlap } from './walk.js';

/** Where a first read began (local clock), kept in a checkpoint so that a resumed run still knows it. */
interface ReadStart {
  startedAt: number;
}

/**
 * What a program's tracked-entity read (retries and walk) saw, as the events follow-up after it needs it.
 *
 * Incremental runs keep, per tracked entity read, the newest DHIS2 timestamp in its snapshot (the entity, its
 * enrollments and their events): an event changed later than that is not in the snapshot, so its owner is read
 * again — even when the owner was read in this very run. Only tracked entities whose snapshot holds an event the
 * follow-up will meet (changed since the events watermark, less the overlap) are kept: for any other, every event
 * the follow-up meets is newer than the snapshot, so the entry could never spare a read. The log then grows with
 * the events changed since the last run, not with the tracked entities read (a bulk change of 200 000 cases
 * kept 17 MB). First runs keep only when the read began and the newest timestamp seen, from which the events
 * watermark is set (memory stays flat).
 */
export class TrackerReadLog {
  private readonly snapshots = new Map<string, number>();
  private newestSeen: number | undefined;
  /** Epoch ms from which the follow-up reads events (incremental runs). */
  private readonly followedFrom: number | undefined;

  private constructor(
    /** The events watermark of an incremental run; undefined on a first (or full) read. */
    readonly eventsSince: string | undefined,
    /** Local time the first read began (undefined on incremental runs). */
    private readonly startedAt: number | undefined,
  ) {
    this.followedFrom = eventsSince === undefined ? undefined : Date.parse(withOverlap(eventsSince));
  }

  /** Tracked entities remembered for the follow-up. */
  get size(): number {
    return this.snapshots.size;
  }

  /** Call before reading the program's first tracked entity. */
  static open(ctx: StageContext, role: string, program: string): TrackerReadLog {
    const since = eventsWatermark(ctx, role, program);
    if (since !== undefined) return new TrackerReadLog(since, undefined);
    const key = scopeKey(ctx, `${role}-events-start:${program}`);
    const saved = ctx.checkpoint<ReadStart>(key)?.startedAt;
    if (saved !== undefined) return new TrackerReadLog(undefined, saved);
    const startedAt = Date.now();
    ctx.saveCheckpoint(key, { startedAt } satisfies ReadStart);
    return new TrackerReadLog(undefined, startedAt);
  }

  /** Notes a tracked entity as read (before it is handled). */
  note(te: TrackedEntity): void {
    const at = snapshotTime(te);
    if (at === undefined) return;
    if (this.eventsSince === undefined) {
      if (this.newestSeen === undefined || at > this.newestSeen) this.newestSeen = at;
      return;
    }
    if (!holdsEventSince(te, this.followedFrom)) return;
    const before = this.snapshots.get(te.trackedEntity);
    if (before === undefined || at > before) this.snapshots.set(te.trackedEntity, at);
  }

  /** Whether this run read the tracked entity with the event as it is now (its snapshot is not older). */
  hasSeen(trackedEntity: string, eventUpdatedAt: string | undefined): boolean {
    const snapshot = this.snapshots.get(trackedEntity);
    if (snapshot === undefined || eventUpdatedAt === undefined) return false;
    const at = Date.parse(eventUpdatedAt);
    return !Number.isNaN(at) && at <= snapshot;
  }

  /**
   * Where the events of a first read are followed from next time: no later than the moment the read began on
   * DHIS2's clock, so an event created during the read under a tracked entity already read is found then.
   * This computer's clock may differ from DHIS2's, but elapsed time does not: every timestamp seen was written
   * before now, so (newest timestamp seen − time elapsed since the read began) is at or before that moment.
   */
  firstWatermark(walkedUpTo: string | undefined, now = Date.now()): string | undefined {
    const walked = walkedUpTo === undefined ? undefined : Date.parse(walkedUpTo);
    const candidates = [walked, this.newestSeen].filter(
      (t): t is number => t !== undefined && !Number.isNaN(t),
    );
    if (candidates.length === 0 || this.startedAt === undefined) return undefined;
    const elapsed = Math.max(0, now - this.startedAt);
    return new Date(Math.max(...candidates) - elapsed).toISOString();
  }
}

/** The newest DHIS2 timestamp in a tracked entity's snapshot: of itself, its enrollments and their events. */
function snapshotTime(te: TrackedEntity): number | undefined {
  let newest: number | undefined;
  const see = (iso: string | undefined) => {
    const at = iso === undefined ? Number.NaN : Date.parse(iso);
    if (!Number.isNaN(at) && (newest === undefined || at > newest)) newest = at;
  };
  see(te.updatedAt);
  for (const enrollment of te.enrollments) {
    see(enrollment.updatedAt);
    for (const event of enrollment.events) see(event.updatedAt);
  }
  return newest;
}

/** Whether a tracked entity's snapshot holds an event changed at or after `since` (epoch ms). */
function holdsEventSince(te: TrackedEntity, since: number | undefined): boolean {
  if (since === undefined || Number.isNaN(since)) return true;
  return te.enrollments.some((enrollment) =>
    enrollment.events.some((event) => event.updatedAt !== undefined && Date.parse(event.updatedAt) >= since),
  );
}

export interface EventChangesInput {
  program: string;
  /** The program as progress text names it. */
  programLabel: string;
  orgUnits: string[];
  /** Highest tracked-entity `updatedAt` of this run's walk. */
  walkedUpTo?: string;
  /** What this run's tracked-entity read saw. */
  log: TrackerReadLog;
  readTrackedEntities: (uids: string[]) => AsyncIterable<TrackedEntity[]>;
  handle: (te: TrackedEntity) => Promise<OutcomeInput>;
}

/**
 * A new lab result or follow-up event changes a case or contact, but DHIS2 does not always bump the tracked
 * entity's `updatedAt` for it (2.39 and 2.40.0 only on updates, not creations — dhis2-api.md §9). So incremental
 * runs also walk the program's events changed since their own watermark and read again the tracked entities they
 * belong to, unless this run already read them with that event. The first run reads every tracked entity anyway,
 * so it only sets that watermark.
 */
export async function followEventChanges(
  ctx: StageContext,
  role: string,
  input: EventChangesInput,
): Promise<void> {
  const { session, signal } = ctx;
  const repo = session.target.progress;
  const key = scopeKey(ctx, `${role}-events:${input.program}`);
  const watermark = input.log.eventsSince;
  if (!watermark) {
    const first = input.log.firstWatermark(input.walkedUpTo);
    if (first) repo.setWatermark(ctx.stage, key, first);
    return;
  }
  ctx.progress(`Checking events changed in ${input.programLabel}`);
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
        const owner = event.trackedEntity;
        if (owner && !input.log.hasSeen(owner, event.updatedAt)) owners.add(owner);
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
