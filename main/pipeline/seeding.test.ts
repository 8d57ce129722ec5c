import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GoDataState } from '../../simulators/godata/index.js';
import { AppError } from '../../shared/result.js';
import { COVID } from '../../simulators/dhis2/index.js';
import { DEMO_CREDENTIALS } from '../../simulators/demo.js';
import { createLogger } from '../log.js';
import { covid19DefaultMapping, pointOf } from '../mapping/index.js';
import { Vault } from '../secrets/vault.js';
import { openSyncSession, runStageNamed } from './sync.js';
import { Bench, DHIS2_VERSIONS, type StageRun } from './testing/bench.js';
import { dhis2Truth, type Dhis2Truth } from './testing/dhis2-truth.js';
import { DISCARDED, liveRelationships, participants, personsOf } from './testing/godata-state.js';
import { expectedUnits, rawOrgUnits, withinBounds, type RawOrgUnit } from './testing/org-units.js';
import { countsOf, expectReconciled, outcomesByUid } from './testing/runs.js';

const LEVEL = 'LNG_REFERENCE_DATA_CATEGORY_LOCATION_GEOGRAPHICAL_LEVEL_ADMIN_LEVEL_';

async function lockedReason(run: Promise<unknown>): Promise<string> {
  const error = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).kind).toBe('stage-locked');
  return (error as AppError).message;
}

describe.each(DHIS2_VERSIONS)('a full seeding of a blank Go.Data from DHIS2 %s', (version) => {
  let bench: Bench;
  let runs: StageRun[];
  let state: GoDataState;
  let truth: Dhis2Truth;
  let units: RawOrgUnit[];
  const locked: string[] = [];

  beforeAll(async () => {
    bench = await Bench.start({ dhis2Version: version });
    // Stage order is enforced by the engine, whatever a caller asks for.
    locked.push(await lockedReason(bench.run('contacts')));
    const first = await bench.run(['locations', 'outbreaks']);
    locked.push(await lockedReason(bench.run('contacts')));
    runs = [...first, ...(await bench.run(['cases', 'events', 'contacts']))];
    state = bench.godata();
    truth = dhis2Truth(bench.sims.dhis2);
    units = await rawOrgUnits(bench.dhis2Url);
  });
  afterAll(() => bench?.close());

  it('refuses to run contacts before cases (stage-locked), before anything ran and after outbreaks only', () => {
    expect(locked).toHaveLength(2);
    expect(locked[0]).toMatch(/Contacts can run only after Cases/);
    expect(locked[1]).toMatch(/it has not run yet/);
  });

  it('runs every stage to completion, each run reconciling read with its outcomes', () => {
    expect(runs.map((r) => r.stage).sort()).toEqual([
      'cases',
      'contacts',
      'events',
      'locations',
      'outbreaks',
    ]);
    expectReconciled(bench.target, runs);
    for (const { stage, run } of runs) expect(run.counts.failed, stage).toBe(0);
  });

  it('mirrors the org-unit tree: parents, levels, coordinates from points or polygon centroids', () => {
    const expected = expectedUnits(units);
    const locations = new Map(state.locations.map((l) => [l.id, l]));
    expect(state.locations).toHaveLength(expected.length);
    let points = 0;
    let polygons = 0;
    for (const unit of expected) {
      const location = locations.get(unit.id);
      expect(location, unit.id).toBeDefined();
      expect(location?.name).toBe(unit.name.trim());
      expect(location?.parentLocationId ?? null).toBe(unit.parent?.id ?? null);
      expect(location?.geographicalLevelId).toBe(`${LEVEL}${unit.level - 1}`);
      expect(location?.active).toBe(!unit.closedDate);
      if (!unit.geometry) continue;
      const geo = location?.geoLocation as { lat: number; lng: number } | undefined;
      expect(geo, `${unit.id} has ${unit.geometry.type} geometry`).toBeDefined();
      if (!geo) continue;
      if (unit.geometry.type === 'Point') {
        points++;
        const [lng, lat] = unit.geometry.coordinates as number[];
        expect(geo).toEqual({ lat, lng });
      } else {
        polygons++;
        expect(withinBounds(geo, unit.geometry), unit.id).toBe(true);
        expect(geo).toEqual(pointOf(unit.geometry as Parameters<typeof pointOf>[0]));
      }
    }
    expect(points).toBeGreaterThan(0);
    expect(polygons).toBeGreaterThan(0);
  });

  it('creates one outbreak that the case, contact and event programs all feed', () => {
    expect(state.outbreaks).toHaveLength(1);
    const outbreakId = state.outbreaks[0]?.id;
    expect(bench.target.idMap.get('outbreak', 'covid-19')?.godataId).toBe(outbreakId);
    const group = covid19DefaultMapping().outbreaks[0];
    expect(group?.casePrograms).toEqual([COVID.cases.program]);
    expect(group?.contactPrograms).toEqual([COVID.contacts.program]);
    expect(group?.eventPrograms).toEqual([COVID.eventProgram.program]);
    for (const kind of ['case', 'contact', 'event'] as const) {
      const persons = personsOf(state, kind);
      expect(persons.length, kind).toBeGreaterThan(0);
      for (const p of persons) expect(p.outbreakId).toBe(outbreakId);
    }
  });

  it('creates every case and event once, under the id the ID map holds, with its DHIS2 name', () => {
    const cases = personsOf(state, 'case');
    expect(cases).toHaveLength(truth.cases.length);
    const byId = new Map(cases.map((c) => [c.id, c]));
    for (const uid of truth.cases) {
      const entry = bench.target.idMap.get('case', uid);
      const doc = entry ? byId.get(entry.godataId) : undefined;
      expect(doc, uid).toBeDefined();
      const firstName = bench.sims.dhis2.data
        .trackedEntity(uid)
        ?.attributes.find((a) => a.attribute === COVID.attributes.firstName)?.value;
      expect(doc?.firstName).toBe(firstName?.trim());
    }
    const events = personsOf(state, 'event');
    expect(events).toHaveLength(truth.events.length);
    const eventIds = new Set(events.map((e) => e.id));
    for (const uid of truth.events)
      expect(eventIds.has(bench.target.idMap.get('event', uid)?.godataId ?? '')).toBe(true);
    expect(countsOf(runs, 'cases').created).toBe(truth.cases.length);
    expect(countsOf(runs, 'events').created).toBe(truth.events.length);
  });

  it('links every contact whose case is not discarded to that case, whichever way DHIS2 holds the relationship', () => {
    // Both directions must be in the data, or this proves half of it.
    expect(truth.enteredFromContact).toBeGreaterThan(0);
    expect(truth.enteredFromContact).toBeLessThan(truth.caseOfContact.size);
    const casesById = new Map(personsOf(state, 'case').map((c) => [c.id, c]));
    const contactIds = new Set(personsOf(state, 'contact').map((c) => c.id));
    const pairs = liveRelationships(state).map((r) => participants(r).sort().join('|'));
    const contactsRun = runs.find((r) => r.stage === 'contacts')?.run;
    const outcomes = outcomesByUid(bench.target, contactsRun?.id ?? -1);
    let linked = 0;
    for (const contact of truth.contacts) {
      const caseUid = truth.caseOfContact.get(contact);
      expect(caseUid, contact).toBeDefined();
      const caseId = bench.target.idMap.get('case', caseUid ?? '')?.godataId ?? '';
      const caseDoc = casesById.get(caseId);
      expect(caseDoc, `case ${caseUid} of contact ${contact}`).toBeDefined();
      const outcome = outcomes.get(contact);
      if (caseDoc?.classification === DISCARDED) {
        // Go.Data refuses exposures to discarded cases (known dataset trait): deferred, with the reason.
        expect(outcome?.outcome).toBe('deferred');
        expect(outcome?.reason).toMatch(/discarded/);
        continue;
      }
      const contactId = bench.target.idMap.get('contact', contact)?.godataId ?? '';
      expect(contactIds.has(contactId), contact).toBe(true);
      expect(outcome?.outcome).toBe('created');
      expect(
        pairs.filter((p) => p === [contactId, caseId].sort().join('|')),
        contact,
      ).toHaveLength(1);
      linked++;
    }
    expect(linked).toBeGreaterThan(0);
    // Contacts of discarded cases were never sent: none was created and rolled back into Go.Data's bin.
    expect(personsOf(state, 'contact', { includeDeleted: true })).toHaveLength(linked);
    expect(liveRelationships(state)).toHaveLength(linked);
  });
});

describe.each(DHIS2_VERSIONS)('Go.Data 2.48 (strict required fields) as target, DHIS2 %s', (version) => {
  let bench: Bench;
  afterAll(() => bench?.close());

  it('seeds every stage with the default mapping without a failure, through openSyncSession', async () => {
    bench = await Bench.start({ dhis2Version: version, godataVersion: '2.48' });
    const session = await openSyncSession({
      store: bench.store,
      vault: new Vault('go.data bridge pipeline tests'),
      endpoints: { dhis2: { url: bench.dhis2Url }, godata: { url: bench.godataUrl } },
      mapping: covid19DefaultMapping(),
      log: createLogger({ level: 'error' }),
      env: {
        DHIS2_USERNAME: DEMO_CREDENTIALS.dhis2.username,
        DHIS2_PASSWORD: DEMO_CREDENTIALS.dhis2.password,
        GODATA_USERNAME: DEMO_CREDENTIALS.godata.username,
        GODATA_PASSWORD: DEMO_CREDENTIALS.godata.password,
      },
    });
    const runs: StageRun[] = [];
    for (const stage of ['locations', 'outbreaks', 'cases', 'events', 'contacts'] as const) {
      const runId = await runStageNamed(session, stage);
      const run = session.target.runs.get(runId);
      if (run) runs.push({ stage, run });
    }
    expectReconciled(session.target, runs);
    for (const { stage, run } of runs) {
      expect(
        run.counts.failed,
        `${stage}: ${JSON.stringify(session.target.runs.outcomes(run.id, { outcome: 'failed', limit: 3 }))}`,
      ).toBe(0);
    }
    const state = bench.godata();
    expect(state.version).toBe('2.48');
    const truth = dhis2Truth(bench.sims.dhis2);
    expect(personsOf(state, 'case')).toHaveLength(truth.cases.length);
    expect(personsOf(state, 'event')).toHaveLength(truth.events.length);
    expect(personsOf(state, 'contact').length).toBeGreaterThan(0);
  });
});
