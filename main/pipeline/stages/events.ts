import type { Event } from '../../dhis2/index.js';
import { hasErrors, mapEvent, validateForGoData } from '../../mapping/index.js';
import type { OutcomeInput } from '../../store/index.js';
import { godataPersonId } from '../ids.js';
import { deletePerson, issuesOutcome, writePerson } from '../person-writer.js';
import type { StageContext } from '../runner.js';
import { mappedTopLevelFields, scopeKey, usesOrgUnitGeometry, walkScope } from '../walk.js';
import { outbreakOf } from './outbreak-of.js';

/**
 * Events ← events of the groups' event programs (anonymous, no tracked entity), each into its group's outbreak.
 * Events that failed are read again on every run until they go in (see `FailingEvents`), and whenever they
 * change in DHIS2 or the mapping changes (which resets the watermarks).
 */
export async function eventsStage(ctx: StageContext): Promise<void> {
  const { session, signal } = ctx;
  const rules = await session.godataRules(signal);
  const scope = session.mapping.scope.events;
  const roots = scope.orgUnits.length > 0 ? scope.orgUnits : session.mapping.locations.roots;
  for (const group of session.mapping.outbreaks.filter((g) => g.eventPrograms.length > 0)) {
    const outbreakId = outbreakOf(ctx, group);
    const mapping = await session.mappingContext(usesOrgUnitGeometry(group.eventMapping), signal);
    const fields = mappedTopLevelFields(group.eventMapping);
    const handle = (event: Event): Promise<OutcomeInput> => {
      if (event.deleted) return deletePerson(ctx, 'event', event.event);
      const { document, issues, sources } = mapEvent(event, group, mapping);
      const id =
        session.target.idMap.get('event', event.event)?.godataId ?? godataPersonId('event', event.event);
      issues.push(...validateForGoData('event', { ...document, id }, { version: rules, sources }));
      if (hasErrors(issues)) return Promise.resolve(issuesOutcome('event', event.event, issues));
      return writePerson(ctx, {
        kind: 'event',
        dhis2Uid: event.event,
        outbreakId,
        document,
        mappedFields: fields,
        sourceUpdatedAt: event.updatedAt,
      });
    };
    for (const program of group.eventPrograms) {
      for (const root of roots.length > 0 ? roots : [undefined]) {
        const query = {
          program,
          orgUnit: root,
          occurredAfter: scope.occurredAfter,
          occurredBefore: scope.occurredBefore,
          // Deletions are read either way: propagated, or skipped with the reason.
          includeDeleted: true,
          signal,
        };
        const walked = `event:${program}:${root ?? '*'}`;
        const failing = new FailingEvents(ctx, walked);
        ctx.progress(`Reading events of program ${program}`);
        await walkScope(
          ctx,
          walked,
          (updatedAfter) => session.dhis2.events({ ...query, updatedAfter }),
          async (event) => failing.note(event, await handle(event)),
        );
        failing.holdWatermark();
      }
    }
  }
}

/** The oldest failure an interrupted attempt of the run had seen in a scope, for the attempt that resumes it. */
interface FailingCursor {
  oldest: string;
}

function earlierOf(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Date.parse(b) < Date.parse(a) ? b : a;
}

/**
 * Event-program events have no owner to be read again through, so a failed event (its org unit not in Go.Data
 * yet, Go.Data refusing it) is retried by reading its scope again from it: the scope's watermark stays at the
 * oldest event still failing — with an open issue the user has not dismissed — until it goes in. Events read
 * again in between that did not change are found unchanged and not sent.
 */
class FailingEvents {
  /** Events of this attempt whose last outcome was a failure: uid → `updatedAt`. */
  private readonly failing = new Map<string, string>();
  private readonly checkpointKey: string;
  /** The oldest failure an interrupted attempt of this run kept (its uid is not known). */
  private readonly interrupted: string | undefined;
  /** The oldest failure kept in the checkpoint. */
  private kept: string | undefined;

  constructor(
    private readonly ctx: StageContext,
    private readonly scope: string,
  ) {
    this.checkpointKey = scopeKey(ctx, `${scope}:failing`);
    this.interrupted = ctx.checkpoint<FailingCursor>(this.checkpointKey)?.oldest;
    this.kept = this.interrupted;
  }

  note(event: Event, outcome: OutcomeInput): OutcomeInput {
    if (outcome.outcome !== 'failed' && outcome.outcome !== 'deferred') {
      this.failing.delete(event.event);
      return outcome;
    }
    if (event.updatedAt === undefined) return outcome;
    this.failing.set(event.event, event.updatedAt);
    const oldest = earlierOf(this.kept, event.updatedAt);
    if (oldest !== this.kept && oldest !== undefined) {
      // Kept before the walk's checkpoint can move past the event: a resumed attempt still holds it.
      this.kept = oldest;
      this.ctx.saveCheckpoint(this.checkpointKey, { oldest } satisfies FailingCursor);
    }
    return outcome;
  }

  /** After the walk: moves the scope's watermark back to the oldest event still failing, if any. */
  holdWatermark(): void {
    const { issues, progress } = this.ctx.session.target;
    const open = new Set(
      issues
        .list(this.ctx.stage)
        .filter((i) => i.entity === 'event')
        .map((i) => i.dhis2Uid),
    );
    // An interrupted attempt's failures are held as they were: whether they are still open is not known.
    let oldest = this.interrupted;
    for (const [uid, updatedAt] of this.failing) if (open.has(uid)) oldest = earlierOf(oldest, updatedAt);
    const key = scopeKey(this.ctx, this.scope);
    const watermark = progress.watermark(this.ctx.stage, key);
    if (oldest !== undefined && (watermark === undefined || Date.parse(oldest) < Date.parse(watermark)))
      progress.setWatermark(this.ctx.stage, key, oldest);
  }
}
