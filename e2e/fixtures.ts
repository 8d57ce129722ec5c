import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base } from '@playwright/test';
import keytar from 'keytar';
import { startDemoSimulators, type DemoSimulators } from '../simulators/demo.js';
import { startBridge, type Bridge } from './bridge/server.js';

export { expect } from '@playwright/test';

interface Fixtures {
  /** Fresh simulators per test: a blank Go.Data and a small generated DHIS2 dataset. */
  sims: DemoSimulators;
  dataDir: string;
  keychainService: string;
  bridge: Bridge;
}

export const test = base.extend<Fixtures>({
  sims: async ({}, use) => {
    const sims = await startDemoSimulators({ cases: 24, contacts: 40, events: 12, seed: 7 });
    await use(sims);
    await sims.stop();
  },
  dataDir: async ({}, use) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gdb-e2e-'));
    await use(dir);
    fs.rmSync(dir, { recursive: true, force: true });
  },
  keychainService: async ({}, use, testInfo) => {
    const service = `Go.Data Bridge e2e ${process.pid} ${testInfo.testId}`;
    await use(service);
    for (const entry of await keytar.findCredentials(service))
      await keytar.deletePassword(service, entry.account);
  },
  bridge: async ({ dataDir, keychainService }, use) => {
    const bridge = await startBridge({ dataDir, keychainService });
    await use(bridge);
    await bridge.close();
  },
});

/** Every byte SQLite holds for the data folder (main file, WAL, shared memory). */
export function databaseBytes(dataDir: string): Buffer {
  return Buffer.concat(
    fs
      .readdirSync(dataDir)
      .filter((f) => f.startsWith('godata-bridge.sqlite'))
      .map((f) => fs.readFileSync(path.join(dataDir, f))),
  );
}
