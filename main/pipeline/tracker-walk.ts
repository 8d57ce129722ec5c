import type { Enrollment, TrackedEntity } from '../dhis2/index.js';
import type { OutbreakGroup } from '../mapping/index.js';
import type { OutcomeInput } from '../store/index.js';
import type { StageContext } from './runner.js';
import { chunks, handleEach, walkScope } from './walk.js';

export type TrackerRole = 'case' | 'contact';

/** The enrollment a tracked entity's record is built from: the newest live one in the program. */
export function enrollmentIn(te: TrackedEntity, program: string): Enrollment | undefined {
  const inProgram = te.enrollments.filter((e) => e.program === program);
  const live = inProgram.filter((e) => !e.deleted);
  const pool = live.length > 0 ? live : inProgram;
  return [...pool].sort((a, b) => (b.enrolledAt ?? '').localeCompare(a.enrolledAt ?? ''))[0];
}

/**
 * Reads every program of the role (cases or contacts) of every outbreak group: first the records a previous run
 * failed or deferred (by uid, whether or not they changed since), then everything changed since the watermark.
 */
export async function walkTrackerPrograms(
  ctx: StageContext,
  role: TrackerRole,
  handle: (te: TrackedEntity, program: string, group: OutbreakGroup) => Promise<OutcomeInput>,
): Promise<void> {
  const { session, signal } = ctx;
  const scope = role === 'case' ? session.mapping.scope.cases : session.mapping.scope.contacts;
  const orgUnits = scope.orgUnits.length > 0 ? scope.orgUnits : session.mapping.locations.roots;
  const includeDeleted = session.mapping.deletions === 'propagate';
  const pending = session.target.issues.list(ctx.stage).filter((i) => i.entity === role).map((i) => i.dhis2Uid);
  for (const group of session.mapping.outbreaks) {
    const programs = role === 'case' ? group.casePrograms : group.contactPrograms;
    for (const program of programs) {
      const query = {
        program,
        orgUnits: orgUnits.length > 0 ? orgUnits : undefined,
        enrolledAfter: scope.enrolledAfter,
        enrolledBefore: scope.enrolledBefore,
        includeDeleted,
        signal,
      };
      if (pending.length > 0 && !ctx.resumed) {
        ctx.progress(`Retrying ${pending.length} earlier ${role === 'case' ? 'case' : 'contact'} problems`);
        const retried = (async function* () {
          for (const uids of chunks(pending, 50)) yield* session.dhis2.trackedEntities({ ...query, trackedEntities: uids });
        })();
        await handleEach(ctx, retried, (te) => handle(te, program, group));
      }
      ctx.progress(`Reading ${role === 'case' ? 'cases' : 'contacts'} of program ${program}`);
      await walkScope(
        ctx,
        `${role}:${program}`,
        (updatedAfter) => session.dhis2.trackedEntities({ ...query, updatedAfter }),
        (te) => handle(te, program, group),
      );
    }
  }
}
