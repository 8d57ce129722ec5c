import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COVID } from '../../simulators/dhis2/index.js';
import { isCancellation } from './runner.js';
import { Bench } from './testing/bench.js';
import {
  addLabResult,
  classificationOf,
  holdPastOverlap,
  NEGATIVE,
  pastOverlap,
  reclassifiableCases,
} from './testing/dhis2-changes.js';
import { dhis2Truth } from './testing/dhis2-truth.js';
import { DISCARDED } from './testing/godata-state.js';
import { expectReconciled, outcomesByUid } from './testing/runs.js';

/**
 * DHIS2 versions where a new event does not bump its tracked entity's `updatedAt` (dhis2-api.md §9): only the
 * events walk finds it. (Elsewhere the bump makes the tracked-entity walk read the case again.)
 */
const WITHOUT_BUMP = ['2.39', '2.40'] as const;

describe.each(WITHOUT_BUMP)('events created while a cases run reads DHIS2 %s', (version) => {
  let bench: Bench;

  beforeAll(async () => {
    // Two pages of cases (200 + 50): DHIS2 changes between them in the first-read test.
    bench = await Bench.start({ dhis2Version: version, cases: 250, contacts: 20 });
    await bench.run('all');
  });
  afterAll(() => bench?.close());

  it('a lab result added under a case the run has already read is followed in the same run', async () => {
    const [uid] = reclassifiableCases(bench);
    if (!uid) throw new Error('the dataset lacks a case to reclassify');
    // Changed, so this run's walk reads it (before the lab result exists).
    bench.sims.dhis2.data.updateTrackedEntity(uid, { attributes: { [COVID.attributes.firstName]: 'Read' } });
    let added = false;
    const runs = await bench.run(
      ['cases'],
      {},
      {
        progressIntervalMs: 0,
        onProgress: (p) => {
          if (added || !p.phase.startsWith('Checking events changed')) return;
          added = true;
          addLabResult(bench, uid, NEGATIVE);
        },
      },
    );

    expect(added).toBe(true);
    expectReconciled(bench.target, runs);
    expect(outcomesByUid(bench.target, runs[0]?.run.id ?? -1).get(uid)?.outcome).toBe('updated');
    expect(classificationOf(bench, uid)).toBe(DISCARDED);
  });

  it('a first (full) read follows events from when it began, not from the newest case it read', async () => {
    const candidates = reclassifiableCases(bench);
    const cases = dhis2Truth(bench.sims.dhis2).cases;
    let runId = -1;
    let readEarly: string | undefined;
    let changedLate: string | undefined;
    const full = await bench.run(
      ['cases'],
      { fullResync: true },
      {
        progressIntervalMs: 0,
        onStart: (id) => (runId = id),
        onProgress: (p) => {
          if (readEarly || p.phase !== 'Writing cases') return;
          // The first page is written: a lab result under a case on it, then a change to a case not read yet.
          const read = new Set(bench.target.runs.outcomes(runId, { limit: 10_000 }).map((o) => o.dhis2Uid));
          readEarly = candidates.find((c) => read.has(c));
          changedLate = cases.find((c) => !read.has(c));
          if (!readEarly || !changedLate) throw new Error('the first page lacks a case to reclassify');
          addLabResult(bench, readEarly, NEGATIVE);
          holdPastOverlap();
          bench.sims.dhis2.data.updateTrackedEntity(changedLate, {
            attributes: { [COVID.attributes.firstName]: 'Later' },
          });
        },
      },
    );
    expectReconciled(bench.target, full);
    if (!readEarly || !changedLate) throw new Error('the run never wrote a page');
    expect(outcomesByUid(bench.target, runId).get(changedLate)?.outcome).toBe('updated');
    // Read before its lab result: the run left it as it was.
    expect(classificationOf(bench, readEarly)).not.toBe(DISCARDED);

    const next = await bench.run(['cases']);
    expectReconciled(bench.target, next);
    expect(outcomesByUid(bench.target, next[0]?.run.id ?? -1).get(readEarly)?.outcome).toBe('updated');
    expect(classificationOf(bench, readEarly)).toBe(DISCARDED);
  });

  it('a first read stopped and resumed later still follows events from when it first began', async () => {
    const candidates = reclassifiableCases(bench);
    const cases = dhis2Truth(bench.sims.dhis2).cases;
    const controller = new AbortController();
    let runId = -1;
    let readEarly: string | undefined;
    let unread: string[] = [];
    const stopped = await bench
      .run(
        ['cases'],
        { fullResync: true },
        {
          signal: controller.signal,
          progressIntervalMs: 0,
          onStart: (id) => (runId = id),
          onProgress: (p) => {
            if (readEarly || p.phase !== 'Writing cases') return;
            const read = new Set(bench.target.runs.outcomes(runId, { limit: 10_000 }).map((o) => o.dhis2Uid));
            readEarly = candidates.find((c) => read.has(c));
            unread = cases.filter((c) => !read.has(c));
            if (!readEarly) throw new Error('the first page lacks a case to reclassify');
            addLabResult(bench, readEarly, NEGATIVE);
            controller.abort();
          },
        },
      )
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(isCancellation(stopped, controller.signal)).toBe(true);
    const [changedLate] = unread;
    if (!readEarly || !changedLate) throw new Error('the run stopped without reading a page');
    // Resumed later, after another change: the newest case it reads is well past the lab result.
    await pastOverlap();
    bench.sims.dhis2.data.updateTrackedEntity(changedLate, {
      attributes: { [COVID.attributes.firstName]: 'Later still' },
    });
    const resumed = await bench.run(['cases']);
    expect(resumed[0]?.run.id).toBe(runId);
    expectReconciled(bench.target, resumed);
    expect(classificationOf(bench, readEarly)).not.toBe(DISCARDED);

    const next = await bench.run(['cases']);
    expectReconciled(bench.target, next);
    expect(classificationOf(bench, readEarly)).toBe(DISCARDED);
  });
});
