import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FaultInjector, installFaults } from '../../simulators/common/faults.js';
import { HttpClient, HttpError, type RetryInfo } from './index.js';

let app: FastifyInstance;
let baseUrl: string;
const injector = new FaultInjector({}, 42);
let writes = 0;
let boomCalls = 0;
let inFlight = 0;
let maxInFlight = 0;

beforeAll(async () => {
  app = Fastify();
  installFaults(app, injector, (reply, status, retryAfter) => {
    if (retryAfter !== undefined) void reply.header('retry-after', String(retryAfter));
    return reply.code(status).send({ error: { statusCode: status } });
  });
  app.get('/ok', () => ({ ok: true }));
  app.get('/slow', async () => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    await new Promise((r) => setTimeout(r, 30));
    inFlight--;
    return { ok: true };
  });
  app.post('/write', () => ({ stored: ++writes }));
  app.post('/boom', (_req, reply) => {
    boomCalls++;
    return reply.code(500).send({ error: 'stored, then crashed' });
  });
  app.get('/login-redirect', (_req, reply) => reply.redirect('/dhis-web-commons/security/login.action', 302));
  app.get('/not-found', (_req, reply) => reply.code(404).send({ message: 'nope' }));
  baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
});

afterAll(() => app.close());
beforeEach(() => injector.clear());

function client(onRetry?: (info: RetryInfo) => void, timeoutMs = 2_000) {
  return new HttpClient({
    baseUrl,
    server: 'Test',
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
    timeoutMs,
    onRetry,
  });
}

describe('HttpClient', () => {
  it('retries transient 5xx answers with backoff and reports each retry', async () => {
    injector.script({ kind: '5xx', times: 2 });
    const retries: RetryInfo[] = [];
    const res = await client((r) => retries.push(r)).get<{ ok: boolean }>('/ok');
    expect(res.data.ok).toBe(true);
    expect(retries.map((r) => r.attempt)).toEqual([1, 2]);
  });

  it('honours Retry-After on 429', async () => {
    injector.configure({ retryAfterSeconds: 0 });
    injector.script({ kind: '429' });
    const retries: RetryInfo[] = [];
    await client((r) => retries.push(r)).get('/ok');
    expect(retries).toHaveLength(1);
    expect(retries[0]?.delayMs).toBe(0);
  });

  it('retries a GET whose connection was reset', async () => {
    injector.script({ kind: 'reset', match: /GET \/ok/ });
    const res = await client().get<{ ok: boolean }>('/ok');
    expect(res.data.ok).toBe(true);
  });

  it('does not repeat a create whose answer was lost after the server stored it', async () => {
    const before = writes;
    injector.script({ kind: 'reset', phase: 'after', match: /POST \/write/ });
    const error = await client()
      .request({ method: 'POST', path: '/write', body: {} })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).maybeProcessed).toBe(true);
    expect(writes).toBe(before + 1);
  });

  it('repeats a create the server turned away (503) but not one that failed inside it (500)', async () => {
    const before = writes;
    injector.script({ kind: '5xx', match: /POST \/write/ });
    const res = await client().request<{ stored: number }>({ method: 'POST', path: '/write', body: {} });
    expect(res.data.stored).toBe(before + 1);
    const error = await client()
      .request({ method: 'POST', path: '/boom', body: {} })
      .catch((e: unknown) => e);
    expect((error as HttpError).status).toBe(500);
    expect((error as HttpError).maybeProcessed).toBe(true);
    expect(boomCalls).toBe(1);
  });

  it('gives up after a timeout on a hanging server and says so', async () => {
    injector.script({ kind: 'timeout', times: 10 });
    const error = await new HttpClient({
      baseUrl,
      server: 'Test',
      timeoutMs: 200,
      retry: { retries: 1, baseDelayMs: 1 },
    })
      .get('/ok')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).kind).toBe('timeout');
    expect((error as HttpError).message).toMatch(/did not answer in time/);
  });

  it('stops at once when cancelled, also while waiting to retry', async () => {
    injector.script({ kind: '5xx', times: 10 });
    const controller = new AbortController();
    const slow = new HttpClient({
      baseUrl,
      server: 'Test',
      retry: { baseDelayMs: 10_000, maxDelayMs: 10_000 },
    });
    const pending = slow.get('/ok', undefined, controller.signal).catch((e: unknown) => e);
    setTimeout(() => controller.abort(), 50);
    const error = await pending;
    expect((error as HttpError).kind).toBe('cancelled');
  });

  it('never follows redirects (a DHIS2 login page is not a success)', async () => {
    const res = await client().request({ method: 'GET', path: '/login-redirect', throwOnHttpError: false });
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/dhis-web-commons/security/login.action');
  });

  it('raises non-transient HTTP errors at once with the body kept', async () => {
    const retries: RetryInfo[] = [];
    const error = await client((r) => retries.push(r))
      .get('/not-found')
      .catch((e: unknown) => e);
    expect((error as HttpError).status).toBe(404);
    expect((error as HttpError).body).toEqual({ message: 'nope' });
    expect(retries).toHaveLength(0);
  });

  it('keeps at most `concurrency` requests in flight', async () => {
    maxInFlight = 0;
    const limited = new HttpClient({ baseUrl, server: 'Test', concurrency: 3 });
    await Promise.all(Array.from({ length: 12 }, () => limited.get('/slow')));
    expect(maxInFlight).toBe(3);
  });

  it('reports an unreachable host clearly and without retrying forever', async () => {
    const dead = new HttpClient({
      baseUrl: 'http://127.0.0.1:1',
      server: 'DHIS2',
      retry: { retries: 2, baseDelayMs: 1 },
    });
    const error = await dead.get('/api/system/info').catch((e: unknown) => e);
    expect((error as HttpError).kind).toBe('network');
    expect((error as HttpError).message).toMatch(/DHIS2 is unreachable: ECONNREFUSED/);
  });
});
