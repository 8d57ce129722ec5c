import { AppError } from '../../../shared/result.js';
import type { OutbreakGroup } from '../../mapping/index.js';
import type { StageContext } from '../runner.js';

/** The Go.Data outbreak of a group, as recorded by the outbreaks stage (never copied by hand). */
export function outbreakOf(ctx: StageContext, group: OutbreakGroup): string {
  const entry = ctx.session.target.idMap.get('outbreak', group.key);
  if (!entry || entry.deleted) {
    throw new AppError(
      'stage-locked',
      `The outbreak "${group.outbreak.name}" is not in Go.Data yet: run the Outbreaks stage first.`,
    );
  }
  return entry.godataId;
}
