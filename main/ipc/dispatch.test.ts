import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/result.js';
import { createDispatch, type Handlers } from './dispatch.js';

const view = {
  id: 'dhis2',
  url: 'https://dhis2.example',
  authKind: 'basic',
  username: 'admin',
  hasSecret: true,
} as const;
const saved: unknown[] = [];
const handlers = {
  'connections.save': (request: unknown) => {
    saved.push(request);
    // A careless handler that returns more than the contract allows: the secret must not cross.
    return { ...view, secret: 'district', password: 'district' };
  },
  'connections.test': () => {
    throw new AppError('auth', 'DHIS2 rejected the username or password');
  },
  'connections.list': () => {
    throw new Error('SQLITE_CORRUPT at /home/user/.config/app.sqlite');
  },
  // A handler bug: the answer does not match the contract.
  'connections.forget': () => ({ removed: 'yes' }),
} as unknown as Handlers;
const logged: unknown[] = [];
const dispatch = createDispatch(handlers, { log: (_m, e) => logged.push(e) });

describe('IPC dispatch', () => {
  it('rejects a malformed payload with a clear, per-field error and never calls the handler', async () => {
    const result = await dispatch('connections.save', {
      id: 'dhis2',
      url: 'ftp://nowhere',
      authKind: 'basic',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.kind).toBe('invalid-request');
    expect(result.error.message).toBe('Invalid request for connections.save');
    expect(result.error.fields).toMatchObject({
      url: expect.stringMatching(/https:\/\//),
      username: expect.stringMatching(/username/),
    });
    expect(saved).toHaveLength(0);
  });

  it('rejects unknown channels and extra fields on strict requests', async () => {
    expect(await dispatch('fs.readFile', { path: '/etc/passwd' })).toMatchObject({
      ok: false,
      error: { kind: 'invalid-request' },
    });
    expect(await dispatch('connections.test', { id: 'dhis2', extra: 1 })).toMatchObject({
      ok: false,
      error: { kind: 'invalid-request' },
    });
  });

  it('passes a valid request through and strips whatever the response schema does not name', async () => {
    const result = await dispatch('connections.save', {
      id: 'dhis2',
      url: 'https://dhis2.example',
      authKind: 'basic',
      username: 'admin',
      secret: 'district',
    });
    expect(result).toEqual({ ok: true, value: view });
    expect(JSON.stringify(result)).not.toContain('district');
  });

  it('returns typed errors as serialisable results, never stack traces', async () => {
    expect(await dispatch('connections.test', { id: 'dhis2' })).toEqual({
      ok: false,
      error: { kind: 'auth', message: 'DHIS2 rejected the username or password' },
    });
    const internal = await dispatch('connections.list', {});
    expect(internal).toMatchObject({ ok: false, error: { kind: 'internal' } });
    expect(JSON.stringify(internal)).not.toMatch(/SQLITE_CORRUPT|\.sqlite|at /);
    expect(logged).toHaveLength(1);
  });

  it('reports an answer outside the contract as an internal error, not as a bad request', async () => {
    logged.length = 0;
    const result = await dispatch('connections.forget', { id: 'godata' });
    expect(result).toEqual({
      ok: false,
      error: {
        kind: 'internal',
        message: 'Something went wrong inside the app. The details are in the log file.',
      },
    });
    expect(logged).toHaveLength(1);
  });
});
