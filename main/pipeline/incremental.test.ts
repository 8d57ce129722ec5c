import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COVID } from '../../simulators/dhis2/index.js';
import type { Doc, GoDataState } from '../../simulators/godata/index.js';
import { covid19DefaultMapping } from '../mapping/index.js';
import { Bench, DHIS2_VERSIONS, type StageRun } from './testing/bench.js';
import { cloneTrackedEntity } from './testing/dhis2-changes.js';
import { dhis2Truth } from './testing/dhis2-truth.js';
import { DISCARDED, participants, personsOf } from './testing/godata-state.js';
import { expectReconciled, outcomesByUid } from './testing/runs.js';

/** The parts of Go.Data a run may write, exactly as stored (write times included). */
function written(
  state: GoDataState,
): Pick<GoDataState, 'locations' | 'outbreaks' | 'persons' | 'relationships'> {
  return {
    locations: state.locations,
    outbreaks: state.outbreaks,
    persons: state.persons,
    relationships: state.relationships,
  };
}

function personById(state: GoDataState, id: string): Doc | undefined {
  return state.persons.find((p) => p.id === id);
}

describe.each(DHIS2_VERSIONS)('incremental runs against DHIS2 %s', (version) => {
  let bench: Bench;

  beforeAll(async () => {
    bench = await Bench.start({ dhis2Version: version, contacts: 20, logGoDataRequests: true });
    await bench.run('all');
  });
  afterAll(() => bench?.close());

  it('an immediate re-run creates and updates nothing and sends Go.Data no write', async () => {
    const before = written(bench.godata());
    bench.requestLog?.clear();
    const runs = await bench.run('all');
    expectReconciled(bench.target, runs);
    for (const { stage, run } of runs) {
      expect({
        stage,
        created: run.counts.created,
        updated: run.counts.updated,
        deleted: run.counts.deleted,
        failed: run.counts.failed,
      }).toEqual({
        stage,
        created: 0,
        updated: 0,
        deleted: 0,
        failed: 0,
      });
    }
    expect(bench.requestLog?.writes()).toEqual([]);
    expect(written(bench.godata())).toEqual(before);
  });

  it('a case attribute changed in DHIS2 becomes one update in Go.Data, and nothing else is sent', async () => {
    const state = bench.godata();
    const truth = dhis2Truth(bench.sims.dhis2);
    const uid = truth.cases.find(
      (c) =>
        personById(state, bench.target.idMap.get('case', c)?.godataId ?? '')?.classification !== DISCARDED,
    );
    if (!uid) throw new Error('no case to change');
    const godataId = bench.target.idMap.get('case', uid)?.godataId ?? '';
    const sexOf = (te: string) =>
      bench.sims.dhis2.data.trackedEntity(te)?.attributes.find((a) => a.attribute === COVID.attributes.sex)
        ?.value;
    const otherSex = truth.cases.map(sexOf).find((s) => s !== undefined && s !== sexOf(uid));
    if (!otherSex) throw new Error('every case has the same sex');
    const genderBefore = personById(state, godataId)?.gender;

    bench.sims.dhis2.data.updateTrackedEntity(uid, {
      attributes: { [COVID.attributes.firstName]: 'Renamed', [COVID.attributes.sex]: otherSex },
    });
    bench.requestLog?.clear();
    const runs = await bench.run('all');

    expectReconciled(bench.target, runs);
    const cases = runs.find((r) => r.stage === 'cases')?.run;
    expect(cases?.counts).toMatchObject({ created: 0, updated: 1, failed: 0 });
    expect(outcomesByUid(bench.target, cases?.id ?? -1).get(uid)?.outcome).toBe('updated');
    for (const { stage, run } of runs.filter((r) => r.stage !== 'cases'))
      expect({ stage, ...run.counts }).toMatchObject({ created: 0, updated: 0 });
    expect(bench.requestLog?.writes().map((w) => `${w.method} ${w.path}`)).toEqual([
      expect.stringMatching(new RegExp(`^PUT /api/outbreaks/[^/]+/cases/${godataId}$`)),
    ]);
    const after = personById(bench.godata(), godataId);
    expect(after?.firstName).toBe('Renamed');
    expect(after?.gender).not.toBe(genderBefore);
    expect(after?.gender).toMatch(/^LNG_REFERENCE_DATA_CATEGORY_GENDER_/);
  });

  it('a lab result added in DHIS2 reaches Go.Data, also where DHIS2 does not bump the tracked entity (2.39, 2.40.0)', async () => {
    const data = bench.sims.dhis2.data;
    const truth = dhis2Truth(bench.sims.dhis2);
    const classification = (caseUid: string) =>
      personById(bench.godata(), bench.target.idMap.get('case', caseUid)?.godataId ?? '')?.classification;
    const withContacts = new Set(truth.caseOfContact.values());
    const caseUid = truth.cases.find((c) => !withContacts.has(c) && classification(c) !== DISCARDED);
    const enrollment = caseUid
      ? data.enrollmentsOf(caseUid).find((e) => e.program === COVID.cases.program && !e.deleted)
      : undefined;
    if (!caseUid || !enrollment)
      throw new Error('the dataset lacks a case without contacts that is not discarded');
    const teUpdatedAt = data.trackedEntity(caseUid)?.updatedAt;
    const negative = 'Negative'; // the 2021 install's code, which the demo dataset uses

    data.addEvent({
      program: COVID.cases.program,
      programStage: COVID.cases.labResultStage,
      enrollment: enrollment.enrollment,
      trackedEntity: caseUid,
      orgUnit: enrollment.orgUnit,
      status: 'COMPLETED',
      occurredAt: new Date().toISOString().slice(0, 10),
      dataValues: [{ dataElement: COVID.dataElements.labResult, value: negative }],
    });
    if (version === '2.39' || version === '2.40')
      expect(data.trackedEntity(caseUid)?.updatedAt).toBe(teUpdatedAt);
    const runs = await bench.run('all');

    expectReconciled(bench.target, runs);
    const cases = runs.find((r) => r.stage === 'cases')?.run;
    expect(outcomesByUid(bench.target, cases?.id ?? -1).get(caseUid)?.outcome).toBe('updated');
    expect(classification(caseUid)).toBe(DISCARDED);
  });

  it('a contact of a discarded case waits without a write, and is linked once DHIS2 reclassifies the case', async () => {
    const data = bench.sims.dhis2.data;
    const truth = dhis2Truth(bench.sims.dhis2);
    const withContacts = new Set(truth.caseOfContact.values());
    const classification = (caseUid: string) =>
      personById(bench.godata(), bench.target.idMap.get('case', caseUid)?.godataId ?? '')?.classification;
    const caseUid = truth.cases.find(
      (c) => !withContacts.has(c) && String(classification(c)).endsWith('_CONFIRMED'),
    );
    const model = truth.contacts.find((c) => bench.target.idMap.get('contact', c));
    if (!caseUid || !model) throw new Error('the dataset lacks a confirmed case without contacts');
    const labResults = (te: string) =>
      data
        .enrollmentsOf(te)
        .flatMap((e) => data.eventsOf(e.enrollment))
        .filter(
          (ev) => !ev.deleted && ev.dataValues.some((d) => d.dataElement === COVID.dataElements.labResult),
        );
    const positive = labResults(caseUid)[0]?.dataValues.find(
      (d) => d.dataElement === COVID.dataElements.labResult,
    )?.value;
    const negative = truth.cases
      .filter((c) => classification(c) === DISCARDED)
      .flatMap((c) => labResults(c))
      .flatMap((ev) =>
        ev.dataValues.filter((d) => d.dataElement === COVID.dataElements.labResult).map((d) => d.value),
      )[0];
    if (!positive || !negative) throw new Error('the dataset lacks positive and negative lab results');
    const setResult = (value: string) => {
      for (const event of labResults(caseUid))
        data.updateEvent(event.event, { dataValues: { [COVID.dataElements.labResult]: value } });
    };

    setResult(negative);
    const contact = cloneTrackedEntity(bench, model, COVID.contacts.program);
    data.addRelationship({
      relationshipType: COVID.contactRelationshipType,
      from: { trackedEntity: caseUid },
      to: { trackedEntity: contact },
    });
    bench.requestLog?.clear();
    const discarding = await bench.run('all');
    expectReconciled(bench.target, discarding);
    const outcome = (runs: StageRun[], stage: string, uid: string) =>
      outcomesByUid(bench.target, runs.find((r) => r.stage === stage)?.run.id ?? -1).get(uid);
    expect(classification(caseUid)).toBe(DISCARDED);
    expect(outcome(discarding, 'contacts', contact)).toMatchObject({
      outcome: 'deferred',
      reason: expect.stringMatching(/discarded/),
    });
    expect(bench.requestLog?.writes().map((w) => `${w.method} ${w.path}`)).toEqual([
      expect.stringMatching(/^PUT .*\/cases\//),
    ]);

    setResult(positive);
    const linking = await bench.run('all');
    expectReconciled(bench.target, linking);
    expect(outcome(linking, 'cases', caseUid)?.outcome).toBe('updated');
    expect(outcome(linking, 'contacts', contact)?.outcome).toBe('created');
    const after = bench.godata();
    const caseId = bench.target.idMap.get('case', caseUid)?.godataId ?? '';
    const contactId = bench.target.idMap.get('contact', contact)?.godataId ?? '';
    expect(personById(after, caseId)?.classification).not.toBe(DISCARDED);
    expect(personById(after, contactId)?.deleted).toBe(false);
    const pair = [caseId, contactId].sort().join('|');
    expect(
      after.relationships.filter((r) => r.deleted !== true && participants(r).sort().join('|') === pair),
    ).toHaveLength(1);
  });

  it('deletions: skipped with the reason when ignored, soft-deleted in Go.Data when propagated', async () => {
    const state = bench.godata();
    const truth = dhis2Truth(bench.sims.dhis2);
    // Cases without any relationship: Go.Data would cascade a case's deletion to its isolated contacts.
    const lone = truth.cases.filter((c) => bench.sims.dhis2.data.relationshipsOf(c).every((r) => r.deleted));
    const [ignored, propagated] = lone;
    const contact = truth.contacts.find((c) => bench.target.idMap.get('contact', c));
    const event = truth.events[0];
    if (!ignored || !propagated || !contact || !event) throw new Error('the dataset lacks records to delete');
    const idOf = (kind: 'case' | 'contact' | 'event', uid: string) =>
      bench.target.idMap.get(kind, uid)?.godataId ?? '';
    expect(personById(state, idOf('case', ignored))?.deleted).toBe(false);

    // The default mapping ignores deletions: the record is read, and skipped with the reason.
    bench.sims.dhis2.data.deleteTrackedEntity(ignored);
    const ignoring = await bench.run(['cases']);
    expectReconciled(bench.target, ignoring);
    const skipped = outcomesByUid(bench.target, ignoring[0]?.run.id ?? -1).get(ignored);
    expect(skipped).toMatchObject({
      outcome: 'skipped',
      reason: expect.stringMatching(/deleted in DHIS2.*not propagated/),
    });
    expect(personById(bench.godata(), idOf('case', ignored))?.deleted).toBe(false);

    bench.sims.dhis2.data.deleteTrackedEntity(propagated);
    bench.sims.dhis2.data.deleteTrackedEntity(contact);
    bench.sims.dhis2.data.deleteEvent(event);
    const propagating = await bench.run(
      'all',
      {},
      {},
      bench.session({ ...covid19DefaultMapping(), deletions: 'propagate' }),
    );
    expectReconciled(bench.target, propagating);
    const outcome = (stage: string, uid: string) =>
      outcomesByUid(bench.target, propagating.find((r) => r.stage === stage)?.run.id ?? -1).get(uid)?.outcome;
    expect(outcome('cases', propagated)).toBe('deleted');
    expect(outcome('contacts', contact)).toBe('deleted');
    expect(outcome('events', event)).toBe('deleted');
    const after = bench.godata();
    for (const [kind, uid] of [
      ['case', propagated],
      ['contact', contact],
      ['event', event],
    ] as const) {
      expect(personById(after, idOf(kind, uid))?.deleted, `${kind} ${uid}`).toBe(true);
      expect(bench.target.idMap.get(kind, uid)?.deleted).toBe(true);
    }
    // Nothing else went: the ignored case may go too (re-read in the overlap, now under a propagating mapping).
    expect(personsOf(after, 'case').length).toBeGreaterThanOrEqual(personsOf(state, 'case').length - 2);
    expect(personsOf(after, 'contact')).toHaveLength(personsOf(state, 'contact').length - 1);
    expect(personsOf(after, 'event')).toHaveLength(personsOf(state, 'event').length - 1);
  });

  it('a changed mapping is applied to the records DHIS2 did not change, then nothing is re-sent', async () => {
    const defaults = covid19DefaultMapping();
    const [group] = defaults.outbreaks;
    if (!group) throw new Error('the default mapping has no outbreak group');
    const caseMapping = group.caseMapping.map((m) =>
      m.target === 'firstName' ? { ...m, transforms: [...(m.transforms ?? []), 'uppercase' as const] } : m,
    );
    const changed = { ...defaults, outbreaks: [{ ...group, caseMapping }] };
    const runs = await bench.run(['cases'], {}, {}, bench.session(changed));
    expectReconciled(bench.target, runs);
    expect(runs[0]?.run.counts).toMatchObject({ created: 0, failed: 0 });
    expect(runs[0]?.run.counts.updated).toBeGreaterThan(0);
    const state = bench.godata();
    for (const uid of dhis2Truth(bench.sims.dhis2).cases) {
      const firstName = bench.sims.dhis2.data
        .trackedEntity(uid)
        ?.attributes.find((a) => a.attribute === COVID.attributes.firstName)?.value;
      expect(personById(state, bench.target.idMap.get('case', uid)?.godataId ?? '')?.firstName).toBe(
        firstName?.trim().toUpperCase(),
      );
    }
    bench.requestLog?.clear();
    const again = await bench.run(['cases'], {}, {}, bench.session(changed));
    expect(again[0]?.run.counts).toMatchObject({ created: 0, updated: 0, failed: 0 });
    expect(bench.requestLog?.writes()).toEqual([]);
  });
});
