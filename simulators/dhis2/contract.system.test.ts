import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoDataset, startDhis2Simulator, type Dhis2Simulator } from './index.js';
import { RawClient, VERSIONS, minorOf } from './testClient.js';

/**
 * Contract, part 1 (reference §2, §3): version detection, authentication answers and the current user,
 * checked for every simulated version with a raw HTTP client.
 */
const dataset = createDemoDataset({ cases: 5, contacts: 5, events: 5, seed: 3 });

describe.each(VERSIONS)('DHIS2 %s: system and authentication', (version) => {
  const minor = minorOf(version);
  let sim: Dhis2Simulator;
  let api: RawClient;

  beforeAll(async () => {
    sim = await startDhis2Simulator({ version, dataset, timeZone: 'Asia/Kolkata' });
    api = new RawClient(sim.url);
  });
  afterAll(() => sim.close());

  it('reports its version and server time zone in /api/system/info', async () => {
    const info = await api.ok('/api/system/info');
    expect(info.version).toMatch(new RegExp(`^2\\.${minor}\\.\\d+`));
    expect(info.serverTimeZoneId).toBe('Asia/Kolkata');
    expect(info).toMatchObject({ calendar: 'iso8601', dateFormat: 'yyyy-mm-dd' });
  });

  it('answers /api/system/ping with pong', async () => {
    const res = await api.get('/api/system/ping');
    expect(res.status).toBe(200);
    expect(res.text).toBe('pong');
  });

  it('redirects a request without credentials to the login page of the version', async () => {
    const res = await api.get('/api/me', null);
    expect(res.status).toBe(302);
    const expected =
      minor <= 40
        ? '/dhis-web-commons/security/login.action'
        : minor === 41
          ? '/dhis-web-login'
          : '/dhis-web-login/';
    expect(new URL(res.headers.get('location') ?? '').pathname).toBe(expected);
  });

  it('answers 401 JSON instead of redirecting when X-Requested-With is set', async () => {
    const res = await api.get('/api/me', null, { 'X-Requested-With': 'XMLHttpRequest' });
    expect(res.status).toBe(401);
    expect(res.json).toEqual({
      httpStatus: 'Unauthorized',
      httpStatusCode: 401,
      status: 'ERROR',
      message: 'Unauthorized',
    });
  });

  it('rejects wrong Basic credentials with a 401 WebMessage', async () => {
    const res = await api.get('/api/me', { basic: ['admin', 'wrong'] });
    expect(res.status).toBe(401);
    expect(res.json).toMatchObject({ httpStatusCode: 401, status: 'ERROR' });
  });

  it('accepts personal access tokens only where the version has them', async () => {
    const withToken = await api.get('/api/me', {
      token: sim.demoToken || 'd2pat_abcdefghijklmnopqrstuvwxyz0123450000000000',
    });
    if (minor <= 37) {
      // 2.36 has no tokens; 2.37 only behind enable.api_token.authentication (off here).
      expect(withToken.status).toBe(302);
    } else {
      expect(withToken.status).toBe(200);
      expect(sim.demoToken.startsWith(minor >= 41 ? 'd2p_' : 'd2pat_')).toBe(true);
      const unknown = await api.get('/api/me', {
        token:
          minor >= 41 ? sim.demoToken.replace(/^d2p_./, 'd2p_Z') : 'd2pat_' + 'x'.repeat(32) + '0000000000',
      });
      expect(unknown.status).toBe(401);
      expect(unknown.json).toMatchObject({ httpStatusCode: 401, status: 'ERROR' });
    }
  });

  it.runIf(minor >= 41)('still accepts old d2pat_ tokens next to new d2p_ ones', async () => {
    const legacy = sim.issueApiToken('v1');
    expect(legacy.startsWith('d2pat_')).toBe(true);
    expect((await api.get('/api/me', { token: legacy })).status).toBe(200);
  });

  it.runIf(minor >= 38)('rejects an expired token with its own message', async () => {
    const expired = sim.issueApiToken(undefined, Date.now() - 1_000);
    const res = await api.get('/api/me', { token: expired });
    expect(res.status).toBe(401);
    expect(res.json).toMatchObject({ message: 'Failed to authenticate API token, token has expired.' });
  });

  it('shapes /api/me as the version does', async () => {
    const me = await api.ok('/api/me');
    expect(me.organisationUnits).toEqual([{ id: 'ImspTQPwCqd' }]);
    if (minor <= 37) {
      expect(me.username).toBeUndefined();
      expect(me.userCredentials).toMatchObject({ username: 'admin' });
    } else if (minor <= 41) {
      expect(me).toMatchObject({ username: 'admin', userCredentials: { username: 'admin' } });
    } else {
      expect(me.username).toBe('admin');
      expect(me.userCredentials).toBeUndefined();
    }
    const slim = await api.ok('/api/me?fields=id,displayName,organisationUnits[id,path]');
    expect(slim).toEqual({
      id: me.id,
      displayName: me.displayName,
      organisationUnits: [{ id: 'ImspTQPwCqd', path: '/ImspTQPwCqd' }],
    });
  });

  it('serves versioned aliases of the API', async () => {
    const info = await api.ok(`/api/${minor}/system/info`);
    expect(info.version).toMatch(new RegExp(`^2\\.${minor}\\.`));
  });
});

describe('DHIS2 2.37 with enable.api_token.authentication = on', () => {
  it('accepts its d2pat_ token', async () => {
    const sim = await startDhis2Simulator({ version: '2.37', dataset, patEnabled: true });
    try {
      const api = new RawClient(sim.url);
      expect(sim.demoToken.startsWith('d2pat_')).toBe(true);
      expect((await api.get('/api/me', { token: sim.demoToken })).status).toBe(200);
    } finally {
      await sim.close();
    }
  });

  it('reports a full patch version when asked for one', async () => {
    const sim = await startDhis2Simulator({ version: '2.40.3', dataset });
    try {
      expect((await new RawClient(sim.url).ok('/api/system/info')).version).toBe('2.40.3');
    } finally {
      await sim.close();
    }
  });
});
