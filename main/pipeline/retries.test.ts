import { describe, expect, it } from 'vitest';
import type { StageName } from '../../shared/stages.js';
import { COVID } from '../../simulators/dhis2/index.js';
import { isCancellation } from './runner.js';
import { Bench, DHIS2_VERSIONS } from './testing/bench.js';
import {
  cloneProgramEvent,
  cloneTrackedEntity,
  pastOverlap,
  reclassifiableCases,
} from './testing/dhis2-changes.js';
import { dhis2Truth } from './testing/dhis2-truth.js';
import { liveRelationships, participants } from './testing/godata-state.js';
import { rawOrgUnits } from './testing/org-units.js';
import { expectReconciled, outcomesByUid } from './testing/runs.js';

/** Open issues of a record, as the next run would retry them. */
function openIssue(bench: Bench, entity: string, uid: string) {
  return bench.target.issues.list().find((i) => i.entity === entity && i.dhis2Uid === uid);
}

/**
 * Moves the contacts stage's watermarks (tracked entities and their events) past the overlap: a record not
 * changed since is then read again only as an open issue.
 */
/** Runs the stage and stops it as it starts retrying open issues; returns the stopped run's id. */
async function stopWhileRetrying(bench: Bench, stage: StageName): Promise<number> {
  const controller = new AbortController();
  let stoppedRun = -1;
  const stopped = await bench
    .run(
      [stage],
      {},
      {
        signal: controller.signal,
        progressIntervalMs: 0,
        onStart: (id) => (stoppedRun = id),
        onProgress: (p) => p.phase.startsWith('Retrying') && controller.abort(),
      },
    )
    .then(
      () => undefined,
      (e: unknown) => e,
    );
  expect(isCancellation(stopped, controller.signal)).toBe(true);
  return stoppedRun;
}

async function moveContactsPast(bench: Bench, contact: string): Promise<void> {
  await pastOverlap();
  const data = bench.sims.dhis2.data;
  const followUp = data
    .enrollmentsOf(contact)
    .flatMap((e) => data.eventsOf(e.enrollment))
    .find((ev) => !ev.deleted);
  if (!followUp) throw new Error(`contact ${contact} has no event`);
  data.updateEvent(followUp.event, { followUp: true });
  data.updateTrackedEntity(contact, { attributes: { [COVID.attributes.firstName]: 'Moved on' } });
}

describe.concurrent.each(DHIS2_VERSIONS)('retries of open issues against DHIS2 %s', (version) => {
  it('a resumed contacts run retries deferred contacts, as an uninterrupted run would', async () => {
    const bench = await Bench.start({ dhis2Version: version, contacts: 20 });
    try {
      await bench.run('all');
      const truth = dhis2Truth(bench.sims.dhis2);
      const [model] = reclassifiableCases(bench);
      const [linked, other] = truth.contacts.filter((c) => bench.target.idMap.get('contact', c));
      if (!model || !linked || !other) throw new Error('the dataset lacks a case and two linked contacts');
      const newCase = cloneTrackedEntity(bench, model, COVID.cases.program);
      const contact = cloneTrackedEntity(bench, linked, COVID.contacts.program);
      bench.sims.dhis2.data.addRelationship({
        relationshipType: COVID.contactRelationshipType,
        from: { trackedEntity: newCase },
        to: { trackedEntity: contact },
      });

      // The contact comes before its case: deferred, and still deferred once nothing about it changes.
      await bench.run(['contacts']);
      await moveContactsPast(bench, other);
      const waiting = await bench.run(['contacts']);
      expect(outcomesByUid(bench.target, waiting[0]?.run.id ?? -1).get(contact)).toMatchObject({
        outcome: 'deferred',
        reason: expect.stringMatching(/not in Go\.Data yet/),
      });
      await bench.run(['cases']);
      expect(bench.target.idMap.get('case', newCase)).toBeDefined();

      // Stopped as it starts retrying, then run again: it resumes the same run.
      const stoppedRun = await stopWhileRetrying(bench, 'contacts');
      const resumed = await bench.run(['contacts']);

      expect(resumed[0]?.run.id).toBe(stoppedRun);
      expectReconciled(bench.target, resumed);
      expect(outcomesByUid(bench.target, stoppedRun).get(contact)?.outcome).toBe('created');
      expect(openIssue(bench, 'contact', contact)).toBeUndefined();
      const pair = [newCase, contact]
        .map((uid, i) => bench.target.idMap.get(i === 0 ? 'case' : 'contact', uid)?.godataId)
        .sort()
        .join('|');
      expect(
        liveRelationships(bench.godata()).filter((r) => participants(r).sort().join('|') === pair),
      ).toHaveLength(1);
    } finally {
      await bench.close();
    }
  });

  it('a failed event is read again by uid on every run, and goes in once its org unit is in Go.Data', async () => {
    // Go.Data 2.48 requires a location on every address: an event at an unknown org unit fails.
    const bench = await Bench.start({ dhis2Version: version, godataVersion: '2.48', events: 10 });
    try {
      await bench.run('all');
      const data = bench.sims.dhis2.data;
      const [model, other, newest] = dhis2Truth(bench.sims.dhis2).events;
      const units = await rawOrgUnits(bench.dhis2Url);
      const parent = units.find((u) => u.id === data.event(model ?? '')?.orgUnit)?.parent?.id;
      if (!model || !other || !newest || !parent)
        throw new Error('the dataset lacks three events under a parent unit');
      const unit = String(data.addOrgUnit({ name: 'Brand New Post', parent, code: 'BNP-1' }).id);
      const event = cloneProgramEvent(bench, model, unit);

      const failing = await bench.run(['events']);
      expect(outcomesByUid(bench.target, failing[0]?.run.id ?? -1).get(event)).toMatchObject({
        outcome: 'failed',
        reason: expect.stringMatching(/locationId/),
      });
      // Other events change later: the walk moves on, the failed event is read again all the same.
      await pastOverlap();
      data.updateEvent(other, { dataValues: { [COVID.dataElements.patientId]: 'P-CHANGED' } });
      await pastOverlap();
      data.updateEvent(newest, { dataValues: { [COVID.dataElements.patientId]: 'P-NEWEST' } });
      const again = await bench.run(['events']);
      const outcomes = outcomesByUid(bench.target, again[0]?.run.id ?? -1);
      expect(outcomes.get(other)?.outcome).toBe('updated');
      expect(outcomes.get(newest)?.outcome).toBe('updated');
      expect(outcomes.get(event)?.outcome).toBe('failed');

      // Nothing changes: the failed event is read again by its uid, and beside it only the newest event (DHIS2's
      // `updatedAfter` is inclusive). The watermark is not held back at the failed event, which would read again
      // every event changed since, `other` among them.
      const unchanged = await bench.run(['events']);
      expectReconciled(bench.target, unchanged);
      const quietOutcomes = outcomesByUid(bench.target, unchanged[0]?.run.id ?? -1);
      expect(new Map([...quietOutcomes].map(([uid, o]) => [uid, o.outcome]))).toEqual(
        new Map([
          [event, 'failed'],
          [newest, 'unchanged'],
        ]),
      );

      await bench.run(['locations'], { applyDrift: true });
      const fixed = await bench.run(['events']);
      expectReconciled(bench.target, fixed);
      expect(outcomesByUid(bench.target, fixed[0]?.run.id ?? -1).get(event)?.outcome).toBe('created');
      expect(openIssue(bench, 'event', event)).toBeUndefined();
      const id = bench.target.idMap.get('event', event)?.godataId;
      const person = bench.godata().persons.find((p) => p.id === id);
      expect(JSON.stringify(person?.address)).toContain(unit);

      // Nothing fails any more: the next run reads from where the last one ended, and finds nothing new.
      const quiet = await bench.run(['events']);
      expect(outcomesByUid(bench.target, quiet[0]?.run.id ?? -1).has(event)).toBe(false);
    } finally {
      await bench.close();
    }
  });

  it('a resumed events run retries failed events; a dismissed one waits until it changes in DHIS2', async () => {
    const bench = await Bench.start({ dhis2Version: version, godataVersion: '2.48', events: 10 });
    try {
      await bench.run('all');
      // Apart by more than the read overlap: the dismissed event is not at the edge the next walk reads again.
      const dismissedEvent = await eventAtNewUnit(bench, 'Dismissed Post');
      await pastOverlap();
      const retriedEvent = await eventAtNewUnit(bench, 'Retried Post');
      const failing = await bench.run(['events']);
      const failed = outcomesByUid(bench.target, failing[0]?.run.id ?? -1);
      expect(failed.get(retriedEvent)?.outcome).toBe('failed');
      expect(failed.get(dismissedEvent)?.outcome).toBe('failed');
      expect(bench.target.issues.dismiss([{ entity: 'event', dhis2Uid: dismissedEvent }])).toBe(1);
      await bench.run(['locations'], { applyDrift: true });

      // Stopped as it starts retrying, then run again: it resumes the same run, which retries.
      const stoppedRun = await stopWhileRetrying(bench, 'events');
      const resumed = await bench.run(['events']);
      expect(resumed[0]?.run.id).toBe(stoppedRun);
      expectReconciled(bench.target, resumed);
      const outcomes = outcomesByUid(bench.target, stoppedRun);
      expect(outcomes.get(retriedEvent)?.outcome).toBe('created');
      expect(openIssue(bench, 'event', retriedEvent)).toBeUndefined();
      // Dismissed, and unchanged since its run: not read at all.
      expect(outcomes.has(dismissedEvent)).toBe(false);
      expect(bench.target.idMap.get('event', dismissedEvent)).toBeUndefined();

      // Changed in DHIS2, it is read again like any change, and now goes in.
      bench.sims.dhis2.data.updateEvent(dismissedEvent, { status: 'COMPLETED' });
      const changed = await bench.run(['events']);
      expect(outcomesByUid(bench.target, changed[0]?.run.id ?? -1).get(dismissedEvent)?.outcome).toBe(
        'created',
      );
    } finally {
      await bench.close();
    }
  });
});

/** An event that fails on Go.Data 2.48: at a new org unit, not a location yet. */
async function eventAtNewUnit(bench: Bench, name: string): Promise<string> {
  const data = bench.sims.dhis2.data;
  const [model] = dhis2Truth(bench.sims.dhis2).events;
  const units = await rawOrgUnits(bench.dhis2Url);
  const parent = units.find((u) => u.id === data.event(model ?? '')?.orgUnit)?.parent?.id;
  if (!model || !parent) throw new Error('the dataset lacks an event under a parent unit');
  const unit = String(data.addOrgUnit({ name, parent, code: name.toUpperCase().replace(/\W+/g, '-') }).id);
  return cloneProgramEvent(bench, model, unit);
}
