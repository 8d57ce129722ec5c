import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dhis2Simulator } from '../../simulators/dhis2/index.js';
import { Dhis2Error } from './errors.js';
import { clientFor, startSim, VERSIONS } from './test-support.js';

async function failure(promise: Promise<unknown>): Promise<Dhis2Error> {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(Dhis2Error);
  return error as Dhis2Error;
}

describe.each(VERSIONS)('connecting to DHIS2 %s', (version) => {
  let sim: Dhis2Simulator;
  beforeAll(async () => {
    sim = await startSim(version, { timeZone: 'Africa/Lagos' });
  });
  afterAll(() => sim.close());

  it('detects the version, the time zone and the user', async () => {
    const session = await clientFor(sim).connect();
    expect(session.server).toMatchObject({
      version: sim.version,
      major: 2,
      minor: Number(version.split('.')[1]),
      patch: 0,
      hotfix: 0,
      serverTimeZoneId: 'Africa/Lagos',
    });
    expect(session.rules.line).toBe(version);
    expect(session.user.username).toBe('admin');
    expect(session.newerThanKnown).toBe(false);
  });

  it("reads DHIS2's clock at the time it answered, with the server's offset", async () => {
    const before = Date.now();
    const session = await clientFor(sim).connect();
    const after = Date.now();
    expect(session.server.serverDate).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+01:00$/);
    const at = Date.parse(session.server.serverDate!);
    expect(at).toBeGreaterThanOrEqual(before);
    expect(at).toBeLessThanOrEqual(after);
  });

  it('says when the username or password is wrong', async () => {
    const error = await failure(
      clientFor(sim, { type: 'basic', username: 'admin', password: 'wrong' }).connect(),
    );
    expect(error.kind).toBe('auth');
    expect(error.message).toBe('DHIS2 rejected the username or password. Check them and try again.');
  });

  if (version === '2.36' || version === '2.37') {
    it('explains that this server takes no personal access tokens', async () => {
      const token = 'd2pat_abcdefghijklmnopqrstuvwxyz0123451234567890';
      const error = await failure(clientFor(sim, { type: 'token', token }).connect());
      expect(error.kind).toBe('auth');
      expect(error.message).toMatch(
        /did not recognise the personal access token\. Tokens work on DHIS2 2\.38 and later/,
      );
    });
  } else {
    it('connects with a personal access token', async () => {
      const session = await clientFor(sim, { type: 'token', token: sim.demoToken }).connect();
      expect(session.user.username).toBe('admin');
    });

    it('says when a token is unknown or expired', async () => {
      const unknown = await failure(
        clientFor(sim, { type: 'token', token: `${sim.demoToken.slice(0, -4)}0000` }).connect(),
      );
      expect(unknown.kind).toBe('auth');
      expect(unknown.message).toMatch(/^DHIS2 rejected the personal access token \(".+"\)/);
      const expired = await failure(
        clientFor(sim, { type: 'token', token: sim.issueApiToken(undefined, Date.now() - 1_000) }).connect(),
      );
      expect(expired.kind).toBe('auth');
      expect(expired.message).toMatch(/token has expired/);
    });
  }

  it('gets past transient failures of the server', async () => {
    sim.faults.configure({ retryAfterSeconds: 0 });
    sim.faults.script({ kind: '5xx', times: 2, match: /system\/info/ });
    sim.faults.script({ kind: '429', match: /\/api\/me/ });
    sim.faults.script({ kind: 'reset', match: /\/api\/me/ });
    const session = await clientFor(sim).connect();
    expect(session.user.username).toBe('admin');
    sim.faults.clear();
  });

  it('reports a server that keeps failing as transient', async () => {
    sim.faults.script({ kind: '5xx', times: 20, match: /system\/info/ });
    const error = await failure(clientFor(sim).connect());
    expect(error.kind).toBe('transient');
    expect(error.status).toBe(503);
    sim.faults.clear();
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await failure(clientFor(sim).connect(controller.signal));
    expect(error.kind).toBe('cancelled');
  });
});

describe('personal access tokens on 2.37', () => {
  it('work when the administrator has enabled them', async () => {
    const sim = await startSim('2.37', { patEnabled: true });
    try {
      const session = await clientFor(sim, { type: 'token', token: sim.demoToken }).connect();
      expect(session.user.username).toBe('admin');
    } finally {
      await sim.close();
    }
  });
});
