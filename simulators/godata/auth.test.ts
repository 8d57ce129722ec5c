import { afterEach, describe, expect, it } from 'vitest';
import { startGoDataSimulator, type GoDataSimulator, type GoDataSimulatorOptions } from './index.js';
import { activeOutbreak, errorOf, OUTBREAK_BODY, RawClient } from './testing/client.js';

let sim: GoDataSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function start(options: GoDataSimulatorOptions = {}): Promise<RawClient> {
  sim = await startGoDataSimulator(options);
  return new RawClient(sim.url);
}

/** A clock the test moves by hand (token TTL and lockout windows). */
function manualClock(): { now: () => number; advance: (seconds: number) => void } {
  let time = Date.parse('2025-03-01T08:00:00.000Z');
  return { now: () => time, advance: (seconds) => (time += seconds * 1000) };
}

describe('login', () => {
  it('answers an AccessToken for the default admin', async () => {
    const client = await start();
    const answer = await client.post('/api/users/login', { email: 'ADMIN@who.int', password: 'admin' });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ ttl: 600, userId: 'sys_admin' });
    expect(answer.body.id).toMatch(/^[A-Za-z0-9]{64}$/);
    expect(typeof answer.body.created).toBe('string');
  });

  it('rejects bad credentials and a missing email with LoopBack codes', async () => {
    const client = await start();
    const wrong = await client.post('/api/users/login', { email: 'admin@who.int', password: 'nope' });
    expect(wrong.status).toBe(401);
    expect(errorOf(wrong)).toEqual({
      statusCode: 401,
      name: 'Error',
      message: 'login failed',
      code: 'LOGIN_FAILED',
    });
    const missing = await client.post('/api/users/login', { password: 'admin' });
    expect(missing.status).toBe(400);
    expect(errorOf(missing).code).toBe('USERNAME_EMAIL_REQUIRED');
  });

  it('issues OAuth tokens and validates their parameters', async () => {
    const client = await start();
    const ok = await client.post('/api/oauth/token', { username: 'admin@who.int', password: 'admin' });
    expect(ok.body).toMatchObject({ token_type: 'bearer', expires_in: 600 });
    const missing = await client.post('/api/oauth/token', { password: 'admin' });
    expect(missing.status).toBe(400);
    expect(errorOf(missing)).toMatchObject({
      code: 'REQUEST_VALIDATION_ERROR',
      message: 'Invalid request parameters. Details: Missing required parameter: username',
    });
  });

  it('locks an account for 30 minutes after 10 failures, even for the right password', async () => {
    const clock = manualClock();
    const client = await start({ now: clock.now });
    for (let i = 0; i < 10; i++) {
      expect(
        (await client.post('/api/users/login', { email: 'admin@who.int', password: 'bad' })).status,
      ).toBe(401);
    }
    const blocked = await client.post('/api/users/login', { email: 'admin@who.int', password: 'admin' });
    expect(blocked.status).toBe(422);
    expect(errorOf(blocked)).toEqual({
      statusCode: 422,
      name: 'Error',
      message: 'This action has been blocked temporarily',
      code: 'ACTION_TEMPORARILY_BLOCKED',
    });
    expect(sim?.inspect().users[0]?.locked).toBe(true);
    clock.advance(30 * 60 + 1);
    expect(
      (await client.post('/api/users/login', { email: 'admin@who.int', password: 'admin' })).status,
    ).toBe(200);
    expect(sim?.inspect().users[0]?.loginRetriesCount).toBe(0);
  });
});

describe('tokens', () => {
  it('accepts the token as Authorization (bare or Bearer), X-Access-Token or ?access_token=', async () => {
    const client = await start();
    const token = await client.login();
    client.token = undefined;
    const variants: Array<Record<string, string>> = [
      { authorization: token },
      { authorization: `Bearer ${token}` },
      { 'x-access-token': token },
    ];
    for (const headers of variants) {
      expect((await client.get('/api/outbreaks', headers)).status).toBe(200);
    }
    expect((await client.get(`/api/outbreaks?access_token=${token}`)).status).toBe(200);
  });

  it('answers 401 AUTHORIZATION_REQUIRED without or with an unknown token', async () => {
    const client = await start();
    const variants: Array<Record<string, string>> = [{}, { authorization: 'unknown-token' }];
    for (const headers of variants) {
      const answer = await client.get('/api/outbreaks', headers);
      expect(answer.status).toBe(401);
      expect(errorOf(answer)).toEqual({
        statusCode: 401,
        name: 'Error',
        message: 'Authorization Required',
        code: 'AUTHORIZATION_REQUIRED',
      });
    }
  });

  it('expires after 600 idle seconds: INVALID_TOKEN once, then AUTHORIZATION_REQUIRED', async () => {
    const clock = manualClock();
    const client = await start({ now: clock.now });
    await client.login();
    clock.advance(599);
    expect((await client.get('/api/outbreaks')).status).toBe(200);
    clock.advance(599);
    expect((await client.get('/api/outbreaks')).status).toBe(200);
    clock.advance(600);
    const expired = await client.get('/api/outbreaks');
    expect(expired.status).toBe(401);
    expect(errorOf(expired)).toEqual({
      statusCode: 401,
      name: 'Error',
      message: 'Invalid Access Token',
      code: 'INVALID_TOKEN',
    });
    expect(errorOf(await client.get('/api/outbreaks')).code).toBe('AUTHORIZATION_REQUIRED');
    expect(sim?.inspect().tokens).toBe(0);
  });

  it('slides only when the token is older than 50 s', async () => {
    const clock = manualClock();
    const client = await start({ now: clock.now });
    await client.login();
    clock.advance(40);
    expect((await client.get('/api/outbreaks')).status).toBe(200);
    // The request at 40 s did not re-stamp the token: it dies 600 s after login.
    clock.advance(560);
    expect(errorOf(await client.get('/api/outbreaks')).code).toBe('INVALID_TOKEN');
  });

  it('forces expiry after N requests or N seconds', async () => {
    const client = await start({ tokenExpiry: { afterRequests: 2 } });
    await client.login();
    expect((await client.get('/api/outbreaks')).status).toBe(200);
    expect((await client.get('/api/outbreaks')).status).toBe(200);
    expect(errorOf(await client.get('/api/outbreaks')).code).toBe('INVALID_TOKEN');
    await client.login();
    expect((await client.get('/api/outbreaks')).status).toBe(200);
    await sim?.close();

    const clock = manualClock();
    const timed = await start({ tokenExpiry: { afterSeconds: 5 }, now: clock.now });
    await timed.login();
    clock.advance(4);
    expect((await timed.get('/api/outbreaks')).status).toBe(200);
    clock.advance(1);
    expect(errorOf(await timed.get('/api/outbreaks')).code).toBe('INVALID_TOKEN');
  });

  it('keeps one live token per user: a new login kills the previous one', async () => {
    const client = await start();
    const first = await client.login();
    const second = await client.login();
    expect(second).not.toBe(first);
    expect(errorOf(await client.get('/api/outbreaks', { authorization: first })).code).toBe(
      'AUTHORIZATION_REQUIRED',
    );
    expect((await client.get('/api/outbreaks', { authorization: second })).status).toBe(200);
    expect(sim?.inspect().tokens).toBe(1);
  });

  it('fails a login that carries an expired token', async () => {
    const client = await start({ tokenExpiry: { afterRequests: 0 } });
    const token = await client.login();
    const answer = await client.post(
      '/api/users/login',
      { email: 'admin@who.int', password: 'admin' },
      { authorization: token },
    );
    expect(errorOf(answer).code).toBe('INVALID_TOKEN');
  });

  it('logs out (204) and refuses a logout without a token', async () => {
    const client = await start();
    await client.login();
    const out = await client.post('/api/users/logout');
    expect(out.status).toBe(204);
    expect(out.text).toBe('');
    expect((await client.get('/api/outbreaks')).status).toBe(401);
    client.token = undefined;
    expect((await client.post('/api/users/logout')).status).toBe(401);
  });
});

describe('users and authorization', () => {
  it('reads and patches the own user; activeOutbreakId must be among a restricted user outbreakIds', async () => {
    const client = await start({
      users: [
        { email: 'admin@who.int', password: 'admin', id: 'sys_admin' },
        {
          email: 'field@who.int',
          password: 'field',
          id: 'field',
          outbreakIds: ['allowed'],
          permissions: ['case_all'],
        },
      ],
    });
    await client.login('field@who.int', 'field');
    const me = await client.get('/api/users/field');
    expect(me.body).toMatchObject({ id: 'field', email: 'field@who.int', outbreakIds: ['allowed'] });
    expect(me.body).not.toHaveProperty('password');
    const refused = await client.patch('/api/users/field', { activeOutbreakId: 'other' });
    expect(refused.status).toBe(422);
    expect(errorOf(refused)).toEqual({
      statusCode: 422,
      name: 'Error',
      message: 'Active outbreak not allowed',
      code: 'ACTIVE_OUTBREAK_NOT_ALLOWED',
    });
    expect((await client.patch('/api/users/field', { activeOutbreakId: 'allowed' })).body).toMatchObject({
      activeOutbreakId: 'allowed',
    });
    const other = await client.get('/api/users/sys_admin');
    expect(errorOf(other)).toMatchObject({
      statusCode: 403,
      code: 'MISSING_REQUIRED_PERMISSION',
      details: { permissions: 'user_view' },
    });
  });

  it('limits a restricted user to its outbreaks', async () => {
    const client = await start({
      users: [
        { email: 'admin@who.int', password: 'admin', id: 'sys_admin' },
        { email: 'field@who.int', password: 'field', id: 'field', outbreakIds: ['nothing-yet'] },
      ],
    });
    await client.login();
    const hidden = await client.post<{ id: string }>('/api/outbreaks', { name: 'Hidden', ...OUTBREAK_BODY });
    const field = new RawClient(client.base);
    await field.login('field@who.int', 'field');
    const mine = await field.post<{ id: string }>('/api/outbreaks', { name: 'Mine', ...OUTBREAK_BODY });
    const listed = await field.get<Array<{ id: string }>>('/api/outbreaks');
    expect(listed.body.map((o) => o.id)).toEqual([mine.body.id]);
    expect((await field.get<{ count: number }>('/api/outbreaks/count')).body).toEqual({ count: 1 });
    const denied = await field.get(`/api/outbreaks/${hidden.body.id}`);
    expect(denied.status).toBe(403);
    expect(errorOf(denied)).toMatchObject({
      code: 'ACCESS_DENIED',
      details: {
        accessErrors:
          "access denied to the given outbreak; the outbreak is not set as one of the user's accessible outbreaks",
      },
    });
  });

  it('answers 403 MISSING_REQUIRED_PERMISSION for a role without the permission', async () => {
    const client = await start({
      users: [
        {
          email: 'reader@who.int',
          password: 'reader',
          id: 'reader',
          permissions: ['outbreak_view', 'case_list'],
        },
      ],
    });
    await client.login('reader@who.int', 'reader');
    const answer = await client.post('/api/outbreaks', { name: 'X', ...OUTBREAK_BODY });
    expect(answer.status).toBe(403);
    expect(errorOf(answer)).toEqual({
      statusCode: 403,
      name: 'Error',
      message:
        'Logged in user must have (at least) one of the following permissions to access this endpoint: outbreak_create.',
      code: 'MISSING_REQUIRED_PERMISSION',
      details: { permissions: 'outbreak_create' },
    });
  });

  it('honours <group>_all permissions', async () => {
    const client = await start({
      users: [{ email: 'o@who.int', password: 'o', id: 'o', permissions: ['outbreak_all'] }],
    });
    await client.login('o@who.int', 'o');
    expect((await client.post('/api/outbreaks', { name: 'X', ...OUTBREAK_BODY })).status).toBe(200);
    expect((await client.post('/api/locations', { name: 'L' })).status).toBe(403);
  });

  it('gates writes under /outbreaks/{id}/… on the active outbreak, reads and the outbreak record itself are free', async () => {
    const client = await start();
    await client.login();
    const active = await activeOutbreak(client);
    const other = await client.post<{ id: string }>('/api/outbreaks', { name: 'Other', ...OUTBREAK_BODY });
    const otherId = other.body.id;
    const write = await client.post(`/api/outbreaks/${otherId}/cases`, { firstName: 'A' });
    expect(write.status).toBe(403);
    expect(errorOf(write)).toEqual({
      statusCode: 403,
      name: 'Error',
      message:
        "Logged in user doesn't have access this endpoint: access to POST/PUT/DELETE actions on outbreak related data is granted only for the active outbreak.",
      code: 'ACCESS_DENIED',
      details: {
        accessErrors:
          'access to POST/PUT/DELETE actions on outbreak related data is granted only for the active outbreak',
      },
    });
    // Even read-only POST variants are refused outside the active outbreak (only GET is exempt).
    expect((await client.post(`/api/outbreaks/${otherId}/cases/filter`, { filter: {} })).status).toBe(403);
    expect((await client.get(`/api/outbreaks/${otherId}/cases`)).status).toBe(200);
    expect((await client.patch(`/api/outbreaks/${otherId}`, { description: 'edited' })).status).toBe(200);
    expect((await client.post(`/api/outbreaks/${active}/cases`, { firstName: 'A' })).status).toBe(200);
  });
});
