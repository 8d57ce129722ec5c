import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FaultInjector, installFaults, parseFaultSpec, type FaultDecision } from './faults.js';

let app: FastifyInstance;
let baseUrl: string;
const injector = new FaultInjector({}, 7);
let writes = 0;

beforeAll(async () => {
  app = Fastify();
  installFaults(app, injector, (reply, status, retryAfter) => {
    if (retryAfter !== undefined) void reply.header('retry-after', String(retryAfter));
    return reply.code(status).send({ injected: status });
  });
  app.get('/read', () => ({ ok: true }));
  app.post('/write', () => ({ stored: ++writes }));
  baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
});

afterAll(() => app.close());
beforeEach(() => injector.clear());

/** What a real client sees: an answer, or the name of the network failure. */
async function call(method: 'GET' | 'POST', path: string, timeoutMs = 1_000) {
  try {
    const res = await fetch(baseUrl + path, { method, signal: AbortSignal.timeout(timeoutMs) });
    return { status: res.status, retryAfter: res.headers.get('retry-after'), body: await res.json() };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    return { failure: (error as Error).name === 'TimeoutError' ? 'timeout' : (cause?.code ?? 'network') };
  }
}

describe('fault injection seen by a real HTTP client', () => {
  it('answers an injected 5xx through the simulator responder', async () => {
    injector.script({ kind: '5xx' });
    expect(await call('GET', '/read')).toMatchObject({ status: 503, body: { injected: 503 } });
    expect(await call('GET', '/read')).toMatchObject({ status: 200, body: { ok: true } });
  });

  it('answers 429 with the configured Retry-After', async () => {
    injector.configure({ retryAfterSeconds: 3 });
    injector.script({ kind: '429' });
    expect(await call('GET', '/read')).toMatchObject({ status: 429, retryAfter: '3' });
  });

  it('resets the connection before the handler: nothing stored', async () => {
    const before = writes;
    injector.script({ kind: 'reset', match: /^POST \/write$/ });
    const result = await call('POST', '/write');
    expect(result.failure).toBeDefined();
    expect(result.failure).not.toBe('timeout');
    expect(writes).toBe(before);
  });

  it('resets the connection after the handler: the write is stored, the answer lost', async () => {
    const before = writes;
    injector.script({ kind: 'reset', phase: 'after', match: /^POST \/write$/ });
    const result = await call('POST', '/write');
    expect(result.failure).toBeDefined();
    expect(writes).toBe(before + 1);
  });

  it('hangs before the handler until the client gives up: nothing stored', async () => {
    const before = writes;
    injector.script({ kind: 'timeout', match: /^POST \/write$/ });
    expect(await call('POST', '/write', 300)).toEqual({ failure: 'timeout' });
    expect(writes).toBe(before);
  });

  it('hangs after the handler: the write is stored, no answer ever comes', async () => {
    const before = writes;
    injector.script({ kind: 'timeout', phase: 'after', match: /^POST \/write$/ });
    expect(await call('POST', '/write', 300)).toEqual({ failure: 'timeout' });
    expect(writes).toBe(before + 1);
  });

  it('only hits requests that match the script, as many times as asked', async () => {
    injector.script({ kind: '5xx', match: /^GET \/read$/, times: 2 });
    expect(await call('POST', '/write')).toMatchObject({ status: 200 });
    expect(await call('GET', '/read')).toMatchObject({ status: 503 });
    expect(await call('GET', '/read')).toMatchObject({ status: 503 });
    expect(await call('GET', '/read')).toMatchObject({ status: 200 });
  });

  it('injects by rate: every request fails at rate 1', async () => {
    injector.configure({ rates: { '5xx': 1 } });
    const results = await Promise.all([call('GET', '/read'), call('GET', '/read'), call('GET', '/read')]);
    expect(results.map((r) => r.status)).toEqual([503, 503, 503]);
  });

  it('closes the app even while a request hangs', async () => {
    const other = Fastify();
    const hangs = new FaultInjector({}, 1);
    installFaults(other, hangs, (reply, status) => reply.code(status).send({}));
    other.get('/x', () => ({}));
    const url = await other.listen({ port: 0, host: '127.0.0.1' });
    hangs.script({ kind: 'timeout' });
    const pending = fetch(url + '/x').catch((e: unknown) => e);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await other.close();
    expect(await pending).toBeInstanceOf(Error);
  });
});

describe('FaultInjector', () => {
  function sequence(seed: number, n: number): Array<FaultDecision | undefined> {
    const injector = new FaultInjector({ rates: { '5xx': 0.2, '429': 0.1, reset: 0.1, timeout: 0.1 } }, seed);
    return Array.from({ length: n }, (_, i) => injector.decide('GET', `/r/${i}`));
  }

  it('makes the same decisions for the same seed and different ones for another seed', () => {
    expect(sequence(11, 200)).toEqual(sequence(11, 200));
    expect(sequence(11, 200)).not.toEqual(sequence(12, 200));
  });

  it('strikes at roughly the configured rates and counts what it injected', () => {
    const injector = new FaultInjector({ rates: { '5xx': 0.25 } }, 3);
    for (let i = 0; i < 4000; i++) injector.decide('GET', '/');
    expect(injector.stats.requests).toBe(4000);
    expect(injector.stats.injected['5xx']).toBeGreaterThan(800);
    expect(injector.stats.injected['5xx']).toBeLessThan(1200);
    expect(injector.stats.injected.reset).toBe(0);
  });

  it('lets reset and timeout strike after the handler in the configured share, never 5xx or 429', () => {
    const injector = new FaultInjector({ rates: { reset: 0.5, '5xx': 0.5 }, afterHandlerShare: 1 }, 5);
    const decisions = Array.from({ length: 500 }, () => injector.decide('POST', '/')).filter((d) => d);
    expect(decisions.filter((d) => d?.kind === 'reset').every((d) => d?.phase === 'after')).toBe(true);
    expect(decisions.filter((d) => d?.kind === '5xx').every((d) => d?.phase === 'before')).toBe(true);
    expect(() => injector.script({ kind: '5xx', phase: 'after' })).toThrow(/only reset and timeout/);
  });

  it('draws latency within [latency, latency + jitter], deterministically', () => {
    const a = new FaultInjector({ latencyMs: 20, jitterMs: 10 }, 9);
    const b = new FaultInjector({ latencyMs: 20, jitterMs: 10 }, 9);
    const delays = Array.from({ length: 100 }, () => a.delayMs());
    expect(delays).toEqual(Array.from({ length: 100 }, () => b.delayMs()));
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(20);
    expect(Math.max(...delays)).toBeLessThanOrEqual(30);
    expect(new Set(delays).size).toBeGreaterThan(1);
  });
});

describe('parseFaultSpec', () => {
  it('parses kind=rate lists', () => {
    expect(parseFaultSpec('5xx=0.05, reset=0.02,429=1')).toEqual({ '5xx': 0.05, reset: 0.02, '429': 1 });
    expect(parseFaultSpec(undefined)).toEqual({});
    expect(parseFaultSpec('  ')).toEqual({});
  });

  it('names what is wrong', () => {
    expect(() => parseFaultSpec('boom=0.1')).toThrow(/Unknown fault kind "boom"/);
    expect(() => parseFaultSpec('5xx')).toThrow(/not of the form kind=rate/);
    expect(() => parseFaultSpec('5xx=2')).toThrow(/between 0 and 1/);
  });
});
