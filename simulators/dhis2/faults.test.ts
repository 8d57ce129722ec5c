import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoDataset, startDhis2Simulator, type Dhis2Simulator } from './index.js';
import { RawClient } from './testClient.js';

/** Injected faults on the DHIS2 simulator, seen by a real HTTP client. */
const dataset = createDemoDataset({ cases: 5, contacts: 0, events: 0, seed: 4 });
const AUTH = `Basic ${Buffer.from('admin:district').toString('base64')}`;

async function outcome(url: string, timeoutMs = 1_000): Promise<number | string> {
  try {
    const res = await fetch(url, {
      headers: { Authorization: AUTH },
      signal: AbortSignal.timeout(timeoutMs),
    });
    await res.arrayBuffer();
    return res.status;
  } catch (error) {
    return (error as Error).name === 'TimeoutError' ? 'timeout' : 'network error';
  }
}

describe('DHIS2 simulator faults', () => {
  let sim: Dhis2Simulator;
  let api: RawClient;

  beforeAll(async () => {
    sim = await startDhis2Simulator({ version: '2.41', dataset, seed: 99 });
    api = new RawClient(sim.url);
  });
  afterAll(() => sim.close());

  it('renders an injected 5xx as a WebMessage', async () => {
    sim.faults.script({ kind: '5xx' });
    const res = await api.get('/api/system/info');
    expect(res.status).toBe(503);
    expect(res.json).toMatchObject({
      httpStatus: 'Service Unavailable',
      httpStatusCode: 503,
      status: 'ERROR',
    });
  });

  it('renders an injected 429 as a WebMessage with Retry-After', async () => {
    sim.faults.configure({ retryAfterSeconds: 7 });
    sim.faults.script({ kind: '429', match: /\/api\/organisationUnits/ });
    expect((await api.get('/api/system/info')).status).toBe(200);
    const res = await api.get('/api/organisationUnits');
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('7');
    expect(res.json).toMatchObject({ httpStatusCode: 429, status: 'ERROR' });
  });

  it('resets connections and lets requests hang until the client gives up', async () => {
    sim.faults.script({ kind: 'reset' });
    expect(await outcome(`${sim.url}/api/system/info`)).toBe('network error');
    sim.faults.script({ kind: 'timeout' });
    expect(await outcome(`${sim.url}/api/system/info`, 300)).toBe('timeout');
    expect(await outcome(`${sim.url}/api/system/info`)).toBe(200);
  });

  it('draws the same faults in the same order for the same seed', async () => {
    const run = async (seed: number): Promise<Array<number | string>> => {
      const other = await startDhis2Simulator({
        version: '2.41',
        dataset,
        seed,
        faults: { rates: { '5xx': 0.3, '429': 0.2 } },
      });
      try {
        const results: Array<number | string> = [];
        for (let i = 0; i < 30; i++) results.push(await outcome(`${other.url}/api/system/ping`));
        return results;
      } finally {
        await other.close();
      }
    };
    const first = await run(5);
    expect(await run(5)).toEqual(first);
    expect(first).toContain(503);
    expect(first).toContain(429);
    expect(first).toContain(200);
    expect(await run(6)).not.toEqual(first);
  });
});
