import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import keytar from 'keytar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CREDENTIALS, startDemoSimulators, type DemoSimulators } from '../../simulators/demo.js';
import { createLogger } from '../log.js';
import { Vault } from '../secrets/vault.js';
import { Store } from '../store/index.js';
import { createAppServices, type AppServices } from './index.js';

// The app services over real simulators, a real SQLite file and the real keychain (`npm test` provides one).
const SERVICE = `Go.Data Bridge test stages ${process.pid}`;
let sims: DemoSimulators;
let store: Store;
let services: AppServices;
let dataDir: string;

beforeAll(async () => {
  sims = await startDemoSimulators({ cases: 20, contacts: 1, events: 5 });
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bridge-stages-'));
  store = Store.inDataDir(dataDir);
  services = createAppServices({
    store,
    vault: new Vault(SERVICE),
    dataDir,
    appVersion: 'test',
    demoMode: false,
    log: createLogger({ level: 'error' }),
    emit: () => {},
  });
  const { dhis2, godata } = DEMO_CREDENTIALS;
  await services.connections.save({
    id: 'dhis2',
    url: sims.dhis2Url,
    authKind: 'basic',
    username: dhis2.username,
    secret: dhis2.password,
  });
  await services.connections.save({
    id: 'godata',
    url: sims.godataUrl,
    authKind: 'basic',
    username: godata.username,
    secret: godata.password,
  });
  await services.connections.test('dhis2');
  await services.connections.test('godata');
  services.mapping.reset();
  services.mapping.save(services.mapping.current().config);
});

afterAll(async () => {
  await services.stages.idle();
  store.close();
  await sims.stop();
  for (const entry of await keytar.findCredentials(SERVICE))
    await keytar.deletePassword(SERVICE, entry.account);
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const statusOf = async (stage: string) =>
  (await services.stages.list()).stages.find((s) => s.stage === stage)?.status;

describe('StagesService', () => {
  it('refuses a stage whose prerequisite has not finished, naming it', async () => {
    await expect(services.stages.run('outbreaks', {})).rejects.toMatchObject({
      kind: 'stage-locked',
      message: expect.stringMatching(/Locations must finish first/),
    });
    expect(await statusOf('outbreaks')).toBe('locked');
  });

  it('runs one stage at a time, also when two runs are asked for in the same instant', async () => {
    const [first, second] = await Promise.allSettled([
      services.stages.run('locations', {}),
      services.stages.run('locations', {}),
    ]);
    expect(first.status).toBe('fulfilled');
    expect(second).toMatchObject({ status: 'rejected', reason: { kind: 'busy' } });
    // The refused call must not free the slot of the run that did start.
    expect(await statusOf('locations')).toBe('running');
    await expect(services.stages.run('locations', {})).rejects.toMatchObject({ kind: 'busy' });
    await services.stages.idle();
    expect(await statusOf('locations')).toBe('finished');
    expect(await statusOf('outbreaks')).toBe('ready');
  });

  it('reaches a run cancelled while it is still starting up: no run is opened', async () => {
    const starting = services.stages.run('outbreaks', {});
    expect(services.stages.cancel('outbreaks')).toEqual({ cancelled: true });
    await expect(starting).rejects.toMatchObject({ kind: 'cancelled' });
    await services.stages.idle();
    expect(store.forTarget(sims.dhis2Url, sims.godataUrl).runs.latest('outbreaks')).toBeUndefined();
    expect(await statusOf('outbreaks')).toBe('ready');
    await services.stages.run('outbreaks', {});
    await services.stages.idle();
    expect(await statusOf('outbreaks')).toBe('finished');
  });

  it('stop() cancels the running stage and returns once it has recorded where it stopped', async () => {
    await services.stages.run('cases', {});
    await services.stages.stop();
    expect(store.forTarget(sims.dhis2Url, sims.godataUrl).runs.latest('cases')?.status).toBe('cancelled');
    expect(await statusOf('cases')).toBe('ready');
    await services.stages.stop(); // nothing running: a no-op
    // Once the app is closing, no new run may start against a database about to close.
    await expect(services.stages.run('cases', {})).rejects.toMatchObject({ kind: 'busy' });
  });

  it('locks the stages again when a server refuses the saved password, until a test succeeds', async () => {
    const { dhis2 } = DEMO_CREDENTIALS;
    const saved = { id: 'dhis2', url: sims.dhis2Url, authKind: 'basic', username: dhis2.username } as const;
    await services.connections.save({ ...saved, secret: 'not-the-password' });
    expect(await statusOf('locations')).toBe('locked');
    await expect(services.connections.test('dhis2')).rejects.toMatchObject({ kind: 'auth' });
    expect((await services.stages.list()).ready.connections).toBe(false);
    await services.connections.save({ ...saved, secret: dhis2.password });
    await services.connections.test('dhis2');
    expect(await statusOf('locations')).toBe('finished');
  });
});
