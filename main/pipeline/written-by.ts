import type { IdMapEntry } from '../store/index.js';
import type { StageContext } from './runner.js';

/**
 * What this run already did to the record, when its ID-map row was written by this very run: an attempt killed
 * between the Go.Data write and the flush of its outcomes left the row but not the outcome.
 */
export function writtenByThisRun(ctx: StageContext, entry: IdMapEntry): IdMapEntry['writtenBy'] {
  return entry.writtenBy?.runId === ctx.runId ? entry.writtenBy : undefined;
}
