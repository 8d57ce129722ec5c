import type { Event, EventQuery } from '../../dhis2/index.js';
import { hasErrors, mapEvent, validateForGoData } from '../../mapping/index.js';
import type { OutcomeInput } from '../../store/index.js';
import { godataPersonId } from '../ids.js';
import { deletePerson, issuesOutcome, writePerson } from '../person-writer.js';
import type { StageContext } from '../runner.js';
import { programLabel } from '../tracker-walk.js';
import { handleEach, mappedTopLevelFields, usesOrgUnitGeometry, walkScope } from '../walk.js';
import { outbreakOf } from './outbreak-of.js';

/**
 * Events ← events of the groups' event programs (anonymous, no tracked entity), each into its group's outbreak.
 *
 * Each scope (program and org-unit root) first reads again, by uid, the events a previous run failed or deferred
 * and the user has not dismissed — whether or not they changed since — then everything changed since its
 * watermark. Resumed runs retry too (the attempt before may have stopped before or during its retries); an event
 * retried is not handled again when the walk meets it, so it keeps one outcome per run.
 */
export async function eventsStage(ctx: StageContext): Promise<void> {
  const { session, signal } = ctx;
  const rules = await session.godataRules(signal);
  const scope = session.mapping.scope.events;
  const roots = scope.orgUnits.length > 0 ? scope.orgUnits : session.mapping.locations.roots;
  /** Open issues not retried yet in this run. */
  const pending = new Set(
    session.target.issues
      .list(ctx.stage)
      .filter((i) => i.entity === 'event')
      .map((i) => i.dhis2Uid),
  );
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
      const label = await programLabel(ctx, program);
      for (const root of roots.length > 0 ? roots : [undefined]) {
        const query: EventQuery = {
          program,
          orgUnit: root,
          occurredAfter: scope.occurredAfter,
          occurredBefore: scope.occurredBefore,
          // Deletions are read either way: propagated, or skipped with the reason.
          includeDeleted: true,
          signal,
        };
        const retried = new Set<string>();
        if (pending.size > 0) {
          ctx.progress(`Retrying ${pending.size} earlier event problems`);
          await handleEach(ctx, session.dhis2.events({ ...query, events: [...pending] }), (event) => {
            retried.add(event.event);
            pending.delete(event.event);
            return handle(event);
          });
        }
        ctx.progress(`Reading events of ${label}`);
        await walkScope(
          ctx,
          `event:${program}:${root ?? '*'}`,
          (updatedAfter) => session.dhis2.events({ ...query, updatedAfter }),
          handle,
          (event) => !retried.has(event.event),
        );
      }
    }
  }
}
