import { describe, expect, it } from 'vitest';
import { COVID } from '../../simulators/dhis2/index.js';
import type { TrackedEntity } from '../dhis2/index.js';
import { TrackerReadLog } from './event-changes.js';
import { runStage, type StageContext } from './runner.js';
import { Bench } from './testing/bench.js';
import { addLabResult, NEGATIVE } from './testing/dhis2-changes.js';
import { dhis2Truth } from './testing/dhis2-truth.js';
import { scopeKey, withOverlap } from './walk.js';

const PROGRAM = COVID.cases.program;

/** Reads every case of the program from DHIS2 inside a real cases run, noting each in a fresh read log. */
async function readAllCases(
  bench: Bench,
  eventsSince: string | undefined,
): Promise<{ log: TrackerReadLog; cases: TrackedEntity[] }> {
  const session = bench.session();
  let result: { log: TrackerReadLog; cases: TrackedEntity[] } | undefined;
  await runStage(session, 'cases', async (ctx: StageContext) => {
    const key = scopeKey(ctx, `case-events:${PROGRAM}`);
    if (eventsSince) session.target.progress.setWatermark('cases', key, eventsSince);
    const log = TrackerReadLog.open(ctx, 'case', PROGRAM);
    const cases: TrackedEntity[] = [];
    for await (const page of session.dhis2.trackedEntities({ program: PROGRAM, signal: ctx.signal }))
      for (const te of page) {
        log.note(te);
        cases.push(te);
      }
    result = { log, cases };
  });
  if (!result) throw new Error('the run did not read');
  return result;
}

describe('what a read of tracked entities keeps for the events follow-up', () => {
  it('keeps only those holding an event changed since the events watermark; a first read keeps none', async () => {
    const bench = await Bench.start({ dhis2Version: '2.40' });
    try {
      await bench.run(['locations', 'outbreaks']);
      const first = await readAllCases(bench, undefined);
      expect(first.cases.length).toBeGreaterThan(0);
      expect(first.log.size).toBe(0);

      const since = new Date().toISOString();
      const [withLab, plain] = dhis2Truth(bench.sims.dhis2).cases;
      if (!withLab || !plain) throw new Error('the dataset lacks two cases');
      const lab = addLabResult(bench, withLab, NEGATIVE);
      const { log, cases } = await readAllCases(bench, since);

      // Every case was read; only those with an event the follow-up meets are kept.
      const from = Date.parse(withOverlap(since));
      const followed = cases
        .filter((te) =>
          te.enrollments.some((e) => e.events.some((ev) => Date.parse(ev.updatedAt ?? '') >= from)),
        )
        .map((te) => te.trackedEntity);
      expect(followed).toContain(withLab);
      expect(followed.length).toBeLessThan(cases.length);
      expect(log.size).toBe(followed.length);
      const labAt = bench.sims.dhis2.data.event(lab)?.updatedAt;
      if (labAt === undefined) throw new Error('the lab result is not stored');
      expect(log.hasSeen(withLab, new Date(labAt).toISOString())).toBe(true);
      expect(log.hasSeen(plain, new Date(labAt).toISOString())).toBe(false);
    } finally {
      await bench.close();
    }
  });
});
