import { afterEach, describe, expect, it } from 'vitest';
import { startGoDataSimulator, type GoDataSimulator } from './index.js';
import { activeOutbreak, RawClient } from './testing/client.js';

let sim: GoDataSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

describe('fault injection', () => {
  it('renders an injected 5xx in the Go.Data envelope (no name)', async () => {
    sim = await startGoDataSimulator();
    const client = new RawClient(sim.url);
    await client.login();
    sim.faults.script({ kind: '5xx', match: /^GET \/api\/outbreaks$/ });
    const answer = await client.get('/api/outbreaks');
    expect(answer.status).toBe(503);
    expect(answer.body).toEqual({ error: { statusCode: 503, message: 'Service Unavailable' } });
    expect((await client.get('/api/outbreaks')).status).toBe(200);
  });

  it('answers an injected 429 with Retry-After', async () => {
    sim = await startGoDataSimulator({ faults: { retryAfterSeconds: 7 } });
    const client = new RawClient(sim.url);
    sim.faults.script({ kind: '429' });
    const answer = await client.post('/api/users/login', { email: 'admin@who.int', password: 'admin' });
    expect(answer.status).toBe(429);
    expect(answer.headers.get('retry-after')).toBe('7');
    expect(answer.body).toEqual({ error: { statusCode: 429, name: 'Error', message: 'Too Many Requests' } });
  });

  it('stores the write when the answer is lost after the handler ran', async () => {
    sim = await startGoDataSimulator();
    const client = new RawClient(sim.url);
    await client.login();
    const base = `/api/outbreaks/${await activeOutbreak(client)}`;
    sim.faults.script({ kind: 'reset', phase: 'after', match: /^POST .*\/cases$/ });
    await expect(client.post(`${base}/cases`, { id: 'lost-answer', firstName: 'A' })).rejects.toThrow();
    expect((await client.get(`${base}/cases/lost-answer`)).status).toBe(200);
  });

  it('keeps the inspection and health routes out of the faults', async () => {
    sim = await startGoDataSimulator({ faults: { rates: { '5xx': 1 } } });
    const client = new RawClient(sim.url);
    expect((await client.get('/__simulator/state')).status).toBe(200);
    expect((await client.get('/status')).status).toBe(200);
    expect((await client.get('/api/outbreaks')).status).toBe(503);
    expect(sim.faults.stats.injected['5xx']).toBe(1);
  });
});
