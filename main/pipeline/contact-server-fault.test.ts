import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_CREDENTIALS } from '../../simulators/demo.js';
import { Dhis2Client } from '../dhis2/index.js';
import { GoDataClient } from '../godata/index.js';
import { createLogger } from '../log.js';
import { covid19DefaultMapping, type MappingConfig } from '../mapping/index.js';
import type { TargetStore } from '../store/index.js';
import { godataPersonId } from './ids.js';
import { SyncSession } from './session.js';
import { Bench } from './testing/bench.js';
import { personsOf } from './testing/godata-state.js';
import { expectReconciled, outcomeSum } from './testing/runs.js';
import {
  startServerFaultProxy,
  type ProxiedRequest,
  type ServerFaultProxy,
} from './testing/server-fault-proxy.js';
import { SERVER_FAULTS_IN_A_ROW } from './write-failures.js';

/**
 * Go.Data failing with an internal error (500 in its envelope) on a contact written through the bulk contact
 * route, or on a contact's relationship: like person writes, the contact fails with the server's message and the
 * stage goes on; SERVER_FAULTS_IN_A_ROW in a row stop it. The simulator has no data-driven 500 for either write
 * (its bulk route embeds per-contact errors as refusals), so a proxy in front of it answers the chosen writes
 * with Go.Data's 500 envelope.
 */
const BEFORE = ['locations', 'outbreaks', 'cases', 'events'] as const;

async function settle(promise: Promise<unknown>): Promise<void> {
  await promise.then(
    () => undefined,
    () => undefined,
  );
}

/** A session whose Go.Data client goes through the fault proxy (the ID map is that target's). */
function sessionVia(b: Bench, p: ServerFaultProxy, mapping: MappingConfig = b.mapping): SyncSession {
  const retry = { retries: 3, baseDelayMs: 1, maxDelayMs: 5, maxRetryAfterMs: 5 };
  return new SyncSession({
    dhis2: new Dhis2Client({
      baseUrl: b.dhis2Url,
      auth: { type: 'basic', ...DEMO_CREDENTIALS.dhis2 },
      retry,
      timeoutMs: 5_000,
    }),
    godata: new GoDataClient({
      baseUrl: p.url,
      credentials: { email: DEMO_CREDENTIALS.godata.username, password: DEMO_CREDENTIALS.godata.password },
      retry,
      timeoutMs: 5_000,
    }),
    target: b.store.forTarget(b.dhis2Url, p.url),
    mapping,
    log: createLogger({ level: 'error' }),
  });
}

/**
 * Contact creates: the bulk route (`POST …/cases/{id}/contacts` with `[{contact, relationship}]`) and, when its
 * answer is a 5xx (the client cannot tell what was stored), the one-by-one create it falls back to.
 */
const CONTACT_CREATE = /^\/api\/outbreaks\/[^/]+\/(cases\/[^/]+\/)?contacts$/;

function createdContactIds(request: ProxiedRequest): string[] {
  if (request.method !== 'POST' || !CONTACT_CREATE.test(request.path)) return [];
  const body = JSON.parse(request.body) as unknown;
  const items = (Array.isArray(body) ? body : [{ contact: body }]) as Array<{ contact?: { id?: string } }>;
  return items.flatMap((item) => (item.contact?.id ? [item.contact.id] : []));
}

describe('Go.Data failing with an internal error on contacts written through the bulk route', () => {
  let bench: Bench | undefined;
  let proxy: ServerFaultProxy | undefined;
  afterEach(async () => {
    await proxy?.close();
    await bench?.close();
    proxy = undefined;
    bench = undefined;
  });

  async function seededBeforeContacts(): Promise<{ b: Bench; p: ServerFaultProxy; target: TargetStore }> {
    const b = (bench = await Bench.start({ dhis2Version: '2.42', cases: 15, contacts: 20, events: 2 }));
    const p = (proxy = await startServerFaultProxy(b.sims.godataUrl));
    const target = b.store.forTarget(b.dhis2Url, p.url);
    expectReconciled(target, await b.run([...BEFORE], {}, {}, sessionVia(b, p)));
    return { b, p, target };
  }

  it('such a contact fails with the server message, and the stage completes', async () => {
    const { b, p, target } = await seededBeforeContacts();
    // The first contact Go.Data is asked to create fails, however often it is retried.
    let victim: string | undefined;
    p.failing = (request) => {
      const [id] = createdContactIds(request);
      victim ??= id;
      return id !== undefined && id === victim;
    };
    const runs = await b.run('contacts', {}, {}, sessionVia(b, p));
    expectReconciled(target, runs);
    const run = runs[0]?.run;
    expect(p.faults).toBeGreaterThan(0);
    expect(run?.counts.failed).toBe(1);
    expect(run?.counts.created).toBeGreaterThan(0);
    const [failed] = target.runs.outcomes(run?.id ?? -1, { outcome: 'failed' });
    expect(failed?.dhis2Uid && godataPersonId('contact', failed.dhis2Uid)).toBe(victim);
    expect(failed?.reason).toMatch(/^Go\.Data failed on it, also when retried: .*500 INTERNAL_ERROR/);
    expect(JSON.parse(failed?.details ?? '{}')).toMatchObject({ code: 'INTERNAL_ERROR', status: 500 });
    expect(target.issues.list('contacts').map((i) => i.dhis2Uid)).toEqual([failed?.dhis2Uid]);
    expect(personsOf(b.godata(), 'contact').map((c) => c.id)).not.toContain(victim);

    // Once Go.Data stores it, the next run creates it and settles the issue.
    p.failing = undefined;
    const again = await b.run('contacts', {}, {}, sessionVia(b, p));
    expectReconciled(target, again);
    expect(again[0]?.run.counts).toMatchObject({ failed: 0, created: 1 });
    expect(target.issues.list('contacts')).toEqual([]);
  });

  it(`${SERVER_FAULTS_IN_A_ROW} in a row stop the stage, which stays resumable`, async () => {
    const { b, p, target } = await seededBeforeContacts();
    p.failing = (request) => createdContactIds(request).length > 0;
    let runId = -1;
    await settle(b.run('contacts', {}, { onStart: (id) => (runId = id) }, sessionVia(b, p)));
    const run = target.runs.get(runId);
    expect(run?.status).toBe('failed');
    expect(run?.error).toMatch(
      new RegExp(`^Go\\.Data failed with an internal error on ${SERVER_FAULTS_IN_A_ROW} records in a row`),
    );
    expect(run?.counts).toMatchObject({ created: 0, failed: SERVER_FAULTS_IN_A_ROW - 1 });
    expect(run?.counts.read).toBe(run ? outcomeSum(run.counts) : -1);
    expect(target.progress.checkpointRunId('contacts')).toBe(runId);
    expect(personsOf(b.godata(), 'contact')).toEqual([]);
  });
});

/** Relationship writes through a contact's route: `POST …/contacts/{id}/relationships`, `PUT …/relationships/{id}`. */
const RELATIONSHIP_WRITE = /^(POST|PUT) \/api\/outbreaks\/[^/]+\/contacts\/[^/]+\/relationships/;

describe('Go.Data failing with an internal error on contacts’ relationships', () => {
  let bench: Bench | undefined;
  let proxy: ServerFaultProxy | undefined;
  afterEach(async () => {
    await proxy?.close();
    await bench?.close();
    proxy = undefined;
    bench = undefined;
  });

  /** Seeds everything, then changes the exposure mapping so that every relationship is written again. */
  async function seededThenRemapped(): Promise<{ b: Bench; p: ServerFaultProxy; remapped: MappingConfig }> {
    const b = (bench = await Bench.start({ dhis2Version: '2.43', cases: 15, contacts: 20, events: 2 }));
    const p = (proxy = await startServerFaultProxy(b.sims.godataUrl));
    const seeded = await b.run('all', {}, {}, sessionVia(b, p));
    expectReconciled(b.store.forTarget(b.dhis2Url, p.url), seeded);
    const remapped = covid19DefaultMapping();
    for (const group of remapped.outbreaks)
      group.relationshipMapping.push({
        target: 'comment',
        source: { kind: 'constant', value: 'from DHIS2' },
      });
    return { b, p, remapped };
  }

  it('a contact whose relationship fails gets a failed outcome with the server message; the others go on', async () => {
    const { b, p, remapped } = await seededThenRemapped();
    const target = b.store.forTarget(b.dhis2Url, p.url);
    const victim = target.idMap.list('contact').find((e) => !e.deleted);
    if (!victim) throw new Error('no contact was seeded');
    p.failing = (request) =>
      RELATIONSHIP_WRITE.test(`${request.method} ${request.path}`) &&
      request.path.includes(`/contacts/${victim.godataId}/`);

    const runs = await b.run('contacts', { fullResync: true }, {}, sessionVia(b, p, remapped));
    expectReconciled(target, runs);
    const run = runs[0]?.run;
    expect(p.faults).toBeGreaterThan(0);
    expect(run?.counts.failed).toBe(1);
    expect(run?.counts.updated).toBeGreaterThan(0);
    const [failed] = target.runs.outcomes(run?.id ?? -1, { outcome: 'failed' });
    expect(failed?.dhis2Uid).toBe(victim.dhis2Uid);
    expect(failed?.reason).toMatch(
      /^the link to case \w+ failed: Go\.Data failed on it, also when retried: .*500 INTERNAL_ERROR/,
    );
    expect(JSON.parse(failed?.details ?? '{}')).toMatchObject({ code: 'INTERNAL_ERROR', status: 500 });
    expect(target.issues.list('contacts').map((i) => i.dhis2Uid)).toEqual([victim.dhis2Uid]);

    // Once Go.Data stores it again, the next run writes the link and settles the issue.
    p.failing = undefined;
    const again = await b.run('contacts', {}, {}, sessionVia(b, p, remapped));
    expectReconciled(target, again);
    expect(again[0]?.run.counts.failed).toBe(0);
    expect(target.issues.list('contacts')).toEqual([]);
  });

  it(`${SERVER_FAULTS_IN_A_ROW} failing in a row stop the stage, which stays resumable`, async () => {
    const { b, p, remapped } = await seededThenRemapped();
    const target = b.store.forTarget(b.dhis2Url, p.url);
    p.failing = (request) => RELATIONSHIP_WRITE.test(`${request.method} ${request.path}`);
    let runId = -1;
    await settle(
      b.run('contacts', { fullResync: true }, { onStart: (id) => (runId = id) }, sessionVia(b, p, remapped)),
    );
    const run = target.runs.get(runId);
    expect(run?.status).toBe('failed');
    expect(run?.error).toMatch(
      new RegExp(`^Go\\.Data failed with an internal error on ${SERVER_FAULTS_IN_A_ROW} records in a row`),
    );
    expect(run?.counts.failed).toBe(SERVER_FAULTS_IN_A_ROW - 1);
    expect(run?.counts.read).toBe(run ? outcomeSum(run.counts) : -1);
    expect(target.progress.checkpointRunId('contacts')).toBe(runId);
  });
});
