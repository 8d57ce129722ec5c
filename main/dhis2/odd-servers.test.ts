import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Dhis2Client, testConnection } from './client.js';
import { Dhis2Error } from './errors.js';

/**
 * Servers the simulator cannot be: addresses that are not a DHIS2 API (a login page, a redirect, a proxy's JSON,
 * a dead port), and DHIS2s outside the simulated range or in states it does not model.
 */
let app: FastifyInstance;
let url: string;

const LOGIN_PAGE = `<!DOCTYPE html><html><head><title>DHIS 2</title></head><body>
<form action="/dhis-web-commons-security/login.action" method="post">
<input type="text" name="j_username"><input type="password" name="j_password"></form></body></html>`;

beforeAll(async () => {
  app = Fastify();
  app.get('/html/api/system/info', (_req, reply) => reply.type('text/html; charset=utf-8').send(LOGIN_PAGE));
  app.get('/redirect/api/system/info', (_req, reply) =>
    reply.redirect('/dhis-web-commons/security/login.action', 302),
  );
  app.get('/moved/api/system/info', (_req, reply) =>
    reply.redirect('https://dhis2.example.org/api/system/info', 301),
  );
  app.get('/proxy/api/system/info', () => ({ status: 'ok', service: 'nginx-gateway' }));
  app.get('/old/api/system/info', () => ({ version: '2.35.8', serverTimeZoneId: 'Etc/UTC' }));
  app.get('/next/api/system/info', () => ({ version: '2.44-SNAPSHOT', serverTimeZoneId: 'Africa/Freetown' }));
  app.get('/next/api/me', () => ({ id: 'M5zQapPyTZI', username: 'admin', displayName: 'John Traore' }));
  app.get('/locked/api/system/info', (_req, reply) =>
    reply
      .code(401)
      .send({ httpStatus: 'Unauthorized', httpStatusCode: 401, status: 'ERROR', message: 'Account locked' }),
  );
  url = await app.listen({ port: 0, host: '127.0.0.1' });
});

afterAll(() => app.close());

async function connectError(baseUrl: string): Promise<Dhis2Error> {
  const error = await new Dhis2Client({
    baseUrl,
    auth: { type: 'basic', username: 'admin', password: 'district' },
  })
    .connect()
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(Dhis2Error);
  return error as Dhis2Error;
}

describe('connecting to something that is not DHIS2', () => {
  it('says a login page is a login page and which URL to enter', async () => {
    const error = await connectError(`${url}/html`);
    expect(error.kind).toBe('not-dhis2');
    expect(error.message).toMatch(/answered with a login page/);
    expect(error.message).toMatch(/DHIS2 root, e\.g\. https:\/\/dhis2\.example\.org/);
  });

  it('refuses to follow a redirect to a login page', async () => {
    const error = await connectError(`${url}/redirect`);
    expect(error.kind).toBe('not-dhis2');
    expect(error.message).toMatch(/redirect to a login page/);
  });

  it('names where another redirect goes', async () => {
    const error = await connectError(`${url}/moved`);
    expect(error.kind).toBe('not-dhis2');
    expect(error.message).toMatch(/redirects elsewhere \(https:\/\/dhis2\.example\.org\/api\/system\/info\)/);
  });

  it('refuses JSON that is not a DHIS2 answer', async () => {
    const error = await connectError(`${url}/proxy`);
    expect(error.kind).toBe('not-dhis2');
    expect(error.message).toMatch(/not like DHIS2/);
  });

  it('says there is no DHIS2 API where the server answers 404', async () => {
    const error = await connectError(`${url}/nothing-here`);
    expect(error.kind).toBe('not-dhis2');
    expect(error.message).toMatch(/There is no DHIS2 API at/);
  });

  it('refuses DHIS2 versions older than 2.36', async () => {
    const error = await connectError(`${url}/old`);
    expect(error.kind).toBe('unsupported-version');
    expect(error.message).toMatch(/DHIS2 2\.35\.8 is too old/);
  });

  it('reports an unreachable port clearly', async () => {
    const report = await testConnection({
      baseUrl: 'http://127.0.0.1:1',
      auth: { type: 'basic', username: 'admin', password: 'district' },
      retry: { retries: 1, baseDelayMs: 1 },
    });
    expect(report).toEqual({
      ok: false,
      kind: 'unreachable',
      message:
        'DHIS2 could not be reached at http://127.0.0.1:1: the connection was refused. Check the URL and your network connection.',
    });
  });

  it('refuses addresses that are not http(s) URLs or that carry credentials', () => {
    const auth = { type: 'basic', username: 'a', password: 'b' } as const;
    expect(() => new Dhis2Client({ baseUrl: 'dhis2.example.org', auth })).toThrow(/is not a web address/);
    expect(() => new Dhis2Client({ baseUrl: 'ftp://dhis2.example.org', auth })).toThrow(
      /not an http\(s\) address/,
    );
    expect(() => new Dhis2Client({ baseUrl: 'https://admin:district@dhis2.example.org', auth })).toThrow(
      /credentials/,
    );
    expect(new Dhis2Client({ baseUrl: 'https://dhis2.example.org/dhis/api/', auth }).baseUrl).toBe(
      'https://dhis2.example.org/dhis',
    );
  });
});

describe('DHIS2 versions and accounts the simulator does not model', () => {
  it('reads a version newer than the newest known with the newest rules', async () => {
    const session = await new Dhis2Client({
      baseUrl: `${url}/next`,
      auth: { type: 'basic', username: 'admin', password: 'district' },
    }).connect();
    expect(session.server).toMatchObject({ version: '2.44-SNAPSHOT', major: 2, minor: 44, patch: 0 });
    expect(session.rules.line).toBe('2.43');
    expect(session.newerThanKnown).toBe(true);
    expect(session.user).toEqual({ id: 'M5zQapPyTZI', username: 'admin', displayName: 'John Traore' });
  });

  it('says when the account is locked', async () => {
    const error = await connectError(`${url}/locked`);
    expect(error.kind).toBe('auth');
    expect(error.message).toMatch(/account is locked/);
    expect(error.serverMessage).toBe('Account locked');
  });
});
