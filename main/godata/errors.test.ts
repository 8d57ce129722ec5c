import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startGoDataSimulator, type GoDataSimulator } from '../../simulators/godata/index.js';
import { GoDataClient } from './client.js';
import { GoDataError } from './errors.js';
import { ADMIN, caseInput, outbreakInput, testClient } from './simulator-fixture.js';

let sim: GoDataSimulator;
let client: GoDataClient;
let outbreakId: string;
let html: FastifyInstance;
let htmlUrl: string;

beforeAll(async () => {
  sim = await startGoDataSimulator({
    port: 0,
    version: '2.50',
    users: [
      { email: ADMIN.email, password: ADMIN.password, id: 'sys_admin' },
      { email: 'reader@who.int', password: 'reader-password', id: 'reader', permissions: ['outbreak_view'] },
      { email: 'victim@who.int', password: 'victim-password', id: 'victim' },
    ],
  });
  client = testClient(sim).client;
  outbreakId = (await client.outbreaks.create({ ...outbreakInput('Errors'), caseIdMask: '*' })).id;
  // A web server that is not Go.Data: an HTML page for everything, a redirect for the login.
  html = Fastify();
  html.post('/api/users/login', (_req, reply) => reply.redirect('/login.html', 302));
  html.all('/*', (_req, reply) => reply.type('text/html').send('<!doctype html><p>Welcome to nginx</p>'));
  htmlUrl = await html.listen({ port: 0, host: '127.0.0.1' });
});

afterAll(async () => {
  await sim.close();
  await html.close();
});

beforeEach(() => sim.faults.clear());

async function failure(promise: Promise<unknown>): Promise<GoDataError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GoDataError);
  return error as GoDataError;
}

describe('Go.Data errors are typed', () => {
  it('validation: a LoopBack ValidationError keeps its field codes and messages', async () => {
    const error = await failure(client.outbreaks.create(outbreakInput('Errors')));
    expect(error).toMatchObject({
      kind: 'validation',
      status: 422,
      errorName: 'ValidationError',
      code: undefined,
    });
    expect(error.validationCodes?.name).toContain('uniqueness');
    expect(error.validationMessages?.name?.[0]).toMatch(/not unique/);
    expect(error.message).toMatch(/Go\.Data rejected the data \(422 ValidationError\)/);
  });

  it('validation: a Go.Data code is kept', async () => {
    const bad = caseInput('two-homes', { addresses: [{ locationId: 'x' }, { locationId: 'y' }] });
    const error = await failure(client.persons.create('case', outbreakId, bad));
    expect(error).toMatchObject({
      kind: 'validation',
      status: 422,
      code: 'ADDRESS_MULTIPLE_USUAL_PLACE_OF_RESIDENCE',
    });
  });

  it('auth and locked: wrong passwords, then the lockout', async () => {
    const attempt = () =>
      new GoDataClient({
        baseUrl: sim.url,
        credentials: { email: 'victim@who.int', password: 'nope' },
      }).login();
    for (let i = 0; i < 10; i++) {
      expect(await failure(attempt())).toMatchObject({ kind: 'auth', code: 'LOGIN_FAILED' });
    }
    const locked = await failure(attempt());
    expect(locked).toMatchObject({ kind: 'locked', status: 422, code: 'ACTION_TEMPORARILY_BLOCKED' });
    expect(locked.message).toMatch(/temporarily locked/);
  });

  it('forbidden: a missing permission', async () => {
    const reader = new GoDataClient({
      baseUrl: sim.url,
      credentials: { email: 'reader@who.int', password: 'reader-password' },
    });
    const error = await failure(reader.outbreaks.create(outbreakInput('Not allowed')));
    expect(error).toMatchObject({ kind: 'forbidden', status: 403, code: 'MISSING_REQUIRED_PERMISSION' });
  });

  it('not-found: an unknown record', async () => {
    const error = await failure(
      client.persons.update('case', outbreakId, 'no-such-case', { firstName: 'X' }),
    );
    expect(error).toMatchObject({ kind: 'not-found', status: 404 });
    expect(await client.persons.get('case', outbreakId, 'no-such-case')).toBeUndefined();
  });

  it('conflict: a visualId already taken', async () => {
    await client.persons.create('case', outbreakId, caseInput('vis-1', { visualId: 'V-1' }));
    const error = await failure(
      client.persons.create('case', outbreakId, caseInput('vis-2', { visualId: 'V-1' })),
    );
    expect(error).toMatchObject({ kind: 'conflict', status: 409, code: 'DUPLICATE_VISUAL_ID' });
  });

  it('transient: a server that keeps failing', async () => {
    sim.faults.script({ kind: '5xx', times: 10, match: /GET \/api\/outbreaks/ });
    const flaky = testClient(sim, { retry: { retries: 1, baseDelayMs: 1 } }).client;
    await flaky.login();
    const error = await failure(flaky.outbreaks.list());
    expect(error).toMatchObject({ kind: 'transient', status: 503, transient: true });
  });

  it('cancelled: an aborted request stops at once', async () => {
    sim.faults.configure({ latencyMs: 2_000 });
    const controller = new AbortController();
    const pending = failure(client.outbreaks.list(undefined, controller.signal));
    setTimeout(() => controller.abort(), 20);
    expect(await pending).toMatchObject({ kind: 'cancelled' });
  });

  it('unreachable: nothing listens at the address', async () => {
    const nowhere = new GoDataClient({
      baseUrl: 'http://127.0.0.1:1',
      credentials: ADMIN,
      retry: { retries: 0 },
    });
    const error = await failure(nowhere.testConnection());
    expect(error.kind).toBe('unreachable');
    expect(error.message).toMatch(/ECONNREFUSED/);
  });

  it('not-godata: an HTML page or a redirect', async () => {
    const other = new GoDataClient({ baseUrl: htmlUrl, credentials: ADMIN });
    expect(await failure(other.testConnection())).toMatchObject({ kind: 'not-godata' });
    expect(await failure(other.login())).toMatchObject({ kind: 'not-godata', status: 302 });
  });
});
