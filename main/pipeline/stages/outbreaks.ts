import type { GoDataOutbreak } from '../../godata/index.js';
import { buildOutbreak, hasErrors, validateForGoData, type OutbreakGroup } from '../../mapping/index.js';
import type { OutcomeInput } from '../../store/index.js';
import { payloadHash } from '../hash.js';
import { issuesOutcome } from '../person-writer.js';
import { failedOutcome, isRecordError } from '../write-failures.js';
import type { StageContext } from '../runner.js';

/**
 * Outbreaks ← one Go.Data outbreak per outbreak group of the mapping (several DHIS2 programs can feed one, as the
 * COVID-19 package's cases and contacts programs do). The Go.Data id is recorded in the ID map, never typed by
 * hand; an outbreak that already exists with the same name is adopted rather than duplicated.
 */
export async function outbreaksStage(ctx: StageContext): Promise<void> {
  const { session } = ctx;
  const rules = await session.godataRules(ctx.signal);
  const groups = session.mapping.outbreaks;
  ctx.recorder.read(groups.length);
  ctx.progress('Writing outbreaks', groups.length);
  for (const group of groups) {
    const document = buildOutbreak(group.outbreak, outbreakLocations(ctx, group));
    const issues = validateForGoData('outbreak', document, { version: rules });
    if (hasErrors(issues)) {
      ctx.recorder.add(issuesOutcome('outbreak', group.key, issues));
      continue;
    }
    ctx.recorder.add(await syncOutbreak(ctx, group, document));
  }
}

/** The outbreak covers the locations the mapping scopes (none = every location). */
function outbreakLocations(ctx: StageContext, group: OutbreakGroup): string[] | undefined {
  const { mapping, target } = ctx.session;
  const roots = [
    ...new Set([
      ...mapping.scope.cases.orgUnits,
      ...mapping.scope.contacts.orgUnits,
      ...mapping.scope.events.orgUnits,
    ]),
  ];
  const chosen = roots.length > 0 ? roots : mapping.locations.roots;
  if (
    chosen.length === 0 ||
    group.casePrograms.length + group.contactPrograms.length + group.eventPrograms.length === 0
  )
    return undefined;
  return chosen
    .map((uid) => target.idMap.get('location', uid)?.godataId)
    .filter((id): id is string => Boolean(id));
}

async function syncOutbreak(
  ctx: StageContext,
  group: OutbreakGroup,
  document: Omit<GoDataOutbreak, 'id'>,
): Promise<OutcomeInput> {
  const { session, signal } = ctx;
  const { idMap } = session.target;
  const api = session.godata.outbreaks;
  const hash = payloadHash(document);
  const entry = idMap.get('outbreak', group.key);
  const record = (
    id: string,
    outcome: 'created' | 'updated' | 'unchanged',
    reason?: string,
  ): OutcomeInput => {
    idMap.record({
      entity: 'outbreak',
      dhis2Uid: group.key,
      godataId: id,
      outbreakId: id,
      payloadHash: hash,
    });
    return { entity: 'outbreak', dhis2Uid: group.key, godataId: id, outcome, ...(reason ? { reason } : {}) };
  };
  try {
    if (entry && !entry.deleted) {
      const stored = await api.get(entry.godataId, signal);
      if (stored && !stored.deleted) {
        if (entry.payloadHash === hash) return record(stored.id, 'unchanged');
        await api.update(stored.id, document, signal);
        return record(stored.id, 'updated');
      }
    }
    const sameName = await api.findByName(group.outbreak.name, signal);
    if (sameName) {
      await api.update(sameName.id, document, signal);
      return record(
        sameName.id,
        'updated',
        `an outbreak named "${group.outbreak.name}" already existed in Go.Data and is used`,
      );
    }
    const created = await api.create(document as GoDataOutbreak, signal);
    return record(
      created.id,
      'created',
      entry ? 'it was missing in Go.Data and was created again' : undefined,
    );
  } catch (error) {
    if (isRecordError(error)) return failedOutcome('outbreak', group.key, error);
    throw error;
  }
}
