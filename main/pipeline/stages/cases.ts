import type { TrackedEntity } from '../../dhis2/index.js';
import {
  hasErrors,
  mapCase,
  validateForGoData,
  type MappingContext,
  type OutbreakGroup,
} from '../../mapping/index.js';
import type { OutcomeInput } from '../../store/index.js';
import { godataPersonId } from '../ids.js';
import { deletePerson, issuesOutcome, writePerson } from '../person-writer.js';
import type { StageContext } from '../runner.js';
import { enrollmentIn, walkTrackerPrograms } from '../tracker-walk.js';
import { mappedTopLevelFields, usesOrgUnitGeometry } from '../walk.js';
import { outbreakOf } from './outbreak-of.js';

/** Cases ← tracked entities enrolled in the groups' case programs, each into its group's outbreak. */
export async function casesStage(ctx: StageContext): Promise<void> {
  const { session, signal } = ctx;
  const rules = await session.godataRules(signal);
  const contexts = new Map<string, { mapping: MappingContext; outbreakId: string; fields: Set<string> }>();
  for (const group of session.mapping.outbreaks.filter((g) => g.casePrograms.length > 0)) {
    contexts.set(group.key, {
      mapping: await session.mappingContext(usesOrgUnitGeometry(group.caseMapping), signal),
      outbreakId: outbreakOf(ctx, group),
      fields: mappedTopLevelFields(group.caseMapping),
    });
  }
  await walkTrackerPrograms(
    ctx,
    'case',
    (te: TrackedEntity, program: string, group: OutbreakGroup): Promise<OutcomeInput> => {
      const c = contexts.get(group.key);
      const enrollment = enrollmentIn(te, program);
      if (!c || !enrollment) {
        return Promise.resolve({
          entity: 'case',
          dhis2Uid: te.trackedEntity,
          outcome: 'skipped',
          reason: `not enrolled in program ${program}`,
        });
      }
      if (te.deleted || enrollment.deleted) return deletePerson(ctx, 'case', te.trackedEntity);
      const { document, issues, sources } = mapCase(te, enrollment, group, c.mapping);
      const id =
        session.target.idMap.get('case', te.trackedEntity)?.godataId ??
        godataPersonId('case', te.trackedEntity);
      issues.push(...validateForGoData('case', { ...document, id }, { version: rules, sources }));
      if (hasErrors(issues)) return Promise.resolve(issuesOutcome('case', te.trackedEntity, issues));
      return writePerson(ctx, {
        kind: 'case',
        dhis2Uid: te.trackedEntity,
        outbreakId: c.outbreakId,
        document,
        mappedFields: c.fields,
        sourceUpdatedAt: te.updatedAt,
      });
    },
  );
}
