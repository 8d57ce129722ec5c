import type { Enrollment, TrackedEntity } from '../dhis2/index.js';
import type { OutbreakGroup } from '../mapping/index.js';
import type { OutcomeInput } from '../store/index.js';
import type { StageContext } from './runner.js';
import { followEventChanges, TrackerReadLog } from './event-changes.js';
import { chunks, handleEach, walkScope } from './walk.js';

export type TrackerRole = 'case' | 'contact';

/** The enrollment a tracked entity's record is built from: the newest live one in the program. */
export function enrollmentIn(te: TrackedEntity, program: string): Enrollment | undefined {
  const inProgram = te.enrollments.filter((e) => e.program === program);
  const live = inProgram.filter((e) => !e.deleted);
  const pool = live.length > 0 ? live : inProgram;
  return [...pool].sort((a, b) => (b.enrolledAt ?? '').localeCompare(a.enrolledAt ?? ''))[0];
}

/** A tracked entity gone from the program in DHIS2: deleted itself, or its enrollment there deleted. */
export function isDeletedIn(te: TrackedEntity, program: string): boolean {
  return te.deleted === true || enrollmentIn(te, program)?.deleted === true;
}

/**
 * How progress text names a program: its DHIS2 name, from the metadata the mapping is applied with (read once per
 * session), else its uid.
 */
export async function programLabel(ctx: StageContext, program: string): Promise<string> {
  const metadata = await ctx.session.metadata(ctx.signal);
  const name = metadata.programs.find((p) => p.id === program)?.name?.trim();
  return name ? name : `program ${program}`;
}

/**
 * Reads every program of the role (cases or contacts) of every outbreak group: first the records a previous run
 * failed or deferred (by uid, whether or not they changed since), then everything changed since the watermark.
 *
 * Deleted records are always read, so that a deletion gets its outcome (propagated, or skipped because the
 * mapping ignores deletions). Contacts read them in a walk of their own: with `includeDeleted`, DHIS2 2.41–2.43
 * list soft-deleted relationships among a live tracked entity's relationships without marking them, which would
 * link a contact to a case it is no longer related to.
 */
export async function walkTrackerPrograms(
  ctx: StageContext,
  role: TrackerRole,
  handle: (te: TrackedEntity, program: string, group: OutbreakGroup) => Promise<OutcomeInput>,
): Promise<void> {
  const { session, signal } = ctx;
  const scope = role === 'case' ? session.mapping.scope.cases : session.mapping.scope.contacts;
  const orgUnits = scope.orgUnits.length > 0 ? scope.orgUnits : session.mapping.locations.roots;
  const pending = session.target.issues
    .list(ctx.stage)
    .filter((i) => i.entity === role)
    .map((i) => i.dhis2Uid);
  const label = role === 'case' ? 'cases' : 'contacts';
  for (const group of session.mapping.outbreaks) {
    const programs = role === 'case' ? group.casePrograms : group.contactPrograms;
    for (const program of programs) {
      const name = await programLabel(ctx, program);
      const query = {
        program,
        orgUnits: orgUnits.length > 0 ? orgUnits : undefined,
        enrolledAfter: scope.enrolledAfter,
        enrolledBefore: scope.enrolledBefore,
        includeDeleted: role === 'case',
        signal,
      };
      // Before anything of the program is read: the events follow-up below needs to know what was read, and when.
      const log = TrackerReadLog.open(ctx, role, program);
      // A record retried here is not handled again when the walk meets it: one outcome per record and run.
      // Resumed runs retry too: the attempt before may have stopped before or during its retries, and records
      // it already settled are no longer open; one it retried again keeps the last outcome (one per record).
      const retried = new Set<string>();
      if (pending.length > 0) {
        ctx.progress(`Retrying ${pending.length} earlier ${role} problems`);
        const pages = (async function* () {
          for (const uids of chunks(pending, 50))
            yield* session.dhis2.trackedEntities({ ...query, trackedEntities: uids });
        })();
        await handleEach(ctx, pages, (te) => {
          retried.add(te.trackedEntity);
          log.note(te);
          return handle(te, program, group);
        });
      }
      ctx.progress(`Reading ${label} of ${name}`);
      const walk = await walkScope(
        ctx,
        `${role}:${program}`,
        (updatedAfter) => session.dhis2.trackedEntities({ ...query, updatedAfter }),
        (te) => {
          log.note(te);
          return handle(te, program, group);
        },
        (te) => !retried.has(te.trackedEntity),
      );
      await followEventChanges(ctx, role, {
        program,
        programLabel: name,
        orgUnits,
        walkedUpTo: walk.highest,
        log,
        readTrackedEntities: (uids) =>
          session.dhis2.trackedEntities({ ...query, includeDeleted: false, trackedEntities: uids }),
        handle: (te) => handle(te, program, group),
      });
      if (role === 'contact') {
        ctx.progress(`Reading deleted ${label} of ${name}`);
        await walkScope(
          ctx,
          `${role}-deleted:${program}`,
          (updatedAfter) => session.dhis2.trackedEntities({ ...query, includeDeleted: true, updatedAfter }),
          (te) => handle(te, program, group),
          (te) => isDeletedIn(te, program),
        );
      }
    }
  }
}
