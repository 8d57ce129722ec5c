import { afterEach, describe, expect, it } from 'vitest';
import { startGoDataSimulator, type GoDataSimulator } from '../../simulators/godata/index.js';
import { GoDataError } from './errors.js';
import { ADMIN, outbreakInput, SIMULATED_VERSIONS, testClient } from './simulator-fixture.js';

let sim: GoDataSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

describe.each(SIMULATED_VERSIONS)('Go.Data session against simulated %s', (version) => {
  it('logs in once and tests the connection: version and user', async () => {
    sim = await startGoDataSimulator({ port: 0, version });
    const { client, logins } = testClient(sim);
    const info = await client.testConnection();
    expect(info.version).toMatch(version === '2.48' ? /^2\.48\./ : /^2\.50\./);
    expect(info.versionSource).toBe('version-endpoint');
    expect(info.user).toMatchObject({ id: 'sys_admin', email: ADMIN.email });
    expect(info.user).not.toHaveProperty('password');
    await client.outbreaks.list();
    expect(logins()).toBe(1);
    expect(sim.inspect().tokens).toBe(1);
  });

  it('makes exactly one login attempt with a wrong password and refuses to try again', async () => {
    sim = await startGoDataSimulator({ port: 0, version });
    const { client } = testClient(sim, { credentials: { email: ADMIN.email, password: 'wrong' } });
    const first = await client.outbreaks.list().catch((e: unknown) => e);
    expect(first).toBeInstanceOf(GoDataError);
    expect(first).toMatchObject({
      kind: 'auth',
      status: 401,
      code: 'LOGIN_FAILED',
      message: expect.stringMatching(/^Go\.Data rejected the email or password\. Check them and try again/),
    });
    // Later calls fail with the same answer without walking the account towards the lockout.
    await expect(client.outbreaks.list()).rejects.toMatchObject({ kind: 'auth' });
    await expect(client.testConnection()).rejects.toMatchObject({ kind: 'auth' });
    expect(sim.inspect().users.find((u) => u.email === ADMIN.email)?.loginRetriesCount).toBe(1);
  });

  it('renews an expired token transparently and replays the request', async () => {
    sim = await startGoDataSimulator({ port: 0, version, tokenExpiry: { afterRequests: 3 } });
    const { client, events } = testClient(sim);
    const created = await client.outbreaks.create(outbreakInput('Renewal'));
    for (let i = 0; i < 7; i++) expect((await client.outbreaks.get(created.id))?.name).toBe('Renewal');
    const logins = events.filter((e) => e.type === 'login');
    expect(logins.length).toBeGreaterThan(1);
    expect(logins.slice(1).every((e) => e.type === 'login' && e.renewal)).toBe(true);
  });

  it('lets a concurrent burst through an expiry share one re-login', async () => {
    sim = await startGoDataSimulator({ port: 0, version, tokenExpiry: { afterRequests: 10 } });
    const { client, logins } = testClient(sim, { concurrency: 8 });
    for (let i = 0; i < 10; i++) await client.outbreaks.list();
    // The token is now spent: every request of the burst meets a 401 (INVALID_TOKEN, then AUTHORIZATION_REQUIRED).
    const burst = await Promise.all(Array.from({ length: 8 }, () => client.outbreaks.list()));
    expect(burst).toHaveLength(8);
    expect(logins()).toBe(2);
    expect(sim.inspect().tokens).toBe(1);
  });

  it('treats a 401 on the version route as "version unknown" and probes with the login instead', async () => {
    sim = await startGoDataSimulator({ port: 0, version: '2.50', apiKey: 'secret-key' });
    const withoutKey = await testClient(sim).client.testConnection();
    expect(withoutKey).toMatchObject({
      version: undefined,
      versionSource: 'unknown',
      user: { id: 'sys_admin' },
    });
    const withKey = await testClient(sim, { apiKey: 'secret-key' }).client.testConnection();
    expect(withKey).toMatchObject({ version: '2.50.3', versionSource: 'version-endpoint' });
  });
});
