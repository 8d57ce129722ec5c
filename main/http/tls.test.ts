import fs from 'node:fs';
import path from 'node:path';
import tls from 'node:tls';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Dhis2Client } from '../dhis2/index.js';
import { GoDataClient } from '../godata/index.js';
import { HttpClient, HttpError, type RetryInfo } from './index.js';

// A real HTTPS server on loopback with a self-signed certificate (test-only key, committed in testing/).
const dir = path.join(import.meta.dirname, 'testing');
const cert = fs.readFileSync(path.join(dir, 'loopback.cert.pem'), 'utf8');
let app: FastifyInstance;
let baseUrl: string;

beforeAll(async () => {
  app = Fastify({ https: { key: fs.readFileSync(path.join(dir, 'loopback.key.pem')), cert } });
  app.get('/ok', () => ({ ok: true }));
  baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(() => app.close());

describe('HttpClient over TLS', () => {
  it('refuses an untrusted certificate at once, saying what to do, without retrying', async () => {
    const retries: RetryInfo[] = [];
    const client = new HttpClient({ baseUrl, server: 'DHIS2', onRetry: (r) => retries.push(r) });
    const error = await client.get('/ok').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ untrustedCertificate: true, transient: false });
    expect((error as Error).message).toMatch(/DHIS2's TLS certificate is not trusted .*NODE_EXTRA_CA_CERTS/);
    expect(retries).toEqual([]);
  });

  it('trusts a private certificate authority when given one', async () => {
    const client = new HttpClient({ baseUrl, server: 'DHIS2', ca: cert });
    expect((await client.get<{ ok: boolean }>('/ok')).data).toEqual({ ok: true });
  });

  it('a private CA given to the client keeps the ones from NODE_EXTRA_CA_CERTS trusted', async () => {
    const before = process.env.NODE_EXTRA_CA_CERTS;
    process.env.NODE_EXTRA_CA_CERTS = path.join(dir, 'loopback.cert.pem');
    try {
      const unrelated = tls.rootCertificates[0] ?? '';
      const client = new HttpClient({ baseUrl, server: 'DHIS2', ca: unrelated });
      expect((await client.get<{ ok: boolean }>('/ok')).data).toEqual({ ok: true });
    } finally {
      if (before === undefined) delete process.env.NODE_EXTRA_CA_CERTS;
      else process.env.NODE_EXTRA_CA_CERTS = before;
    }
  });

  it('the DHIS2 and Go.Data clients pass on what to do about an untrusted certificate', async () => {
    const dhis2 = new Dhis2Client({
      baseUrl,
      auth: { type: 'basic', username: 'admin', password: 'district' },
    });
    await expect(dhis2.connect()).rejects.toMatchObject({
      kind: 'unreachable',
      message: expect.stringMatching(/certificate .* is not trusted .*NODE_EXTRA_CA_CERTS/),
    });
    const godata = new GoDataClient({ baseUrl, credentials: { email: 'admin@who.int', password: 'admin' } });
    await expect(godata.testConnection()).rejects.toMatchObject({
      kind: 'unreachable',
      message: expect.stringMatching(/certificate is not trusted .*NODE_EXTRA_CA_CERTS/),
    });
  });
});
