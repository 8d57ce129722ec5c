import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGoDataSimulator, type GoDataSimulator } from '../../simulators/godata/index.js';
import { GoDataClient } from './client.js';
import { GoDataError } from './errors.js';
import { ADMIN, caseInput, outbreakInput, testClient } from './simulator-fixture.js';

let sim: GoDataSimulator;
let client: GoDataClient;
let outbreakId: string;
let proxy: FastifyInstance;
let proxyUrl: string;

beforeAll(async () => {
  sim = await startGoDataSimulator({ port: 0 });
  client = testClient(sim, { retry: { retries: 1, baseDelayMs: 1, maxDelayMs: 2 } }).client;
  // A one-digit sequence: the tenth case numbered from the template overflows it (Go.Data: 500 MASK_TOO_SHORT).
  outbreakId = (await client.outbreaks.create({ ...outbreakInput('Server faults'), caseIdMask: 'C9' })).id;
  // A proxy in front of Go.Data whose own 500 is a bare text page.
  proxy = Fastify();
  proxy.all('/*', (_req, reply) => reply.code(500).type('text/plain').send('Internal Server Error'));
  proxyUrl = await proxy.listen({ port: 0, host: '127.0.0.1' });
});

afterAll(async () => {
  await sim.close();
  await proxy.close();
});

async function failure(promise: Promise<unknown>): Promise<GoDataError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GoDataError);
  return error as GoDataError;
}

describe('a Go.Data server fault (500 in its own envelope) is told apart from an outage', () => {
  it('a 500 INTERNAL_ERROR about one record is a server fault, still transient (it is retried)', async () => {
    for (let i = 1; i <= 9; i++)
      await client.persons.create('case', outbreakId, caseInput(`mask-${i}`, { visualId: 'C0' }));
    const error = await failure(
      client.persons.create('case', outbreakId, caseInput('mask-10', { visualId: 'C0' })),
    );
    expect(error).toMatchObject({
      kind: 'transient',
      status: 500,
      code: 'INTERNAL_ERROR',
      serverFault: true,
    });
    expect(error.message).toMatch(/^Go\.Data failed with an internal error \(500 INTERNAL_ERROR\)/);
    // The other records of the outbreak are written as before.
    expect((await client.persons.create('case', outbreakId, caseInput('no-visual-id'))).outcome).toBe(
      'created',
    );
  });

  it('a 503 is an outage, not a server fault', async () => {
    sim.faults.script({ kind: '5xx', times: 10, match: /GET \/api\/outbreaks/ });
    try {
      const error = await failure(client.outbreaks.list());
      expect(error).toMatchObject({ kind: 'transient', status: 503, serverFault: false });
    } finally {
      sim.faults.clear();
    }
  });

  it('a 500 without Go.Data’s envelope (a proxy) is an outage, not a server fault', async () => {
    const behindProxy = new GoDataClient({
      baseUrl: proxyUrl,
      credentials: ADMIN,
      retry: { retries: 1, baseDelayMs: 1, maxDelayMs: 2 },
    });
    const error = await failure(behindProxy.login());
    expect(error).toMatchObject({ kind: 'transient', status: 500, serverFault: false });
  });
});
