import type { Event } from '../../dhis2/index.js';
import { hasErrors, mapEvent, validateForGoData } from '../../mapping/index.js';
import type { OutcomeInput } from '../../store/index.js';
import { godataPersonId } from '../ids.js';
import { deletePerson, issuesOutcome, writePerson } from '../person-writer.js';
import type { StageContext } from '../runner.js';
import { mappedTopLevelFields, usesOrgUnitGeometry, walkScope } from '../walk.js';
import { outbreakOf } from './outbreak-of.js';

/**
 * Events ← events of the groups' event programs (anonymous, no tracked entity), each into its group's outbreak.
 * Events that failed are read again when they change in DHIS2, or after the mapping changes (which resets the
 * watermarks).
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
        ctx.progress(`Reading events of program ${program}`);
        await walkScope(
          ctx,
          `event:${program}:${root ?? '*'}`,
          (updatedAfter) => session.dhis2.events({ ...query, updatedAfter }),
          handle,
        );
      }
    }
  }
}
