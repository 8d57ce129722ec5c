import fs from 'node:fs';
import path from 'node:path';
import keytar from 'keytar';
import { databaseBytes, expect, test } from '../fixtures.js';
import { navStep } from './wizard-helpers.js';

test.describe('Foundation: wizard shell, locking, secrets', () => {
  test('later steps are locked until main says so; a saved secret reaches the keychain, never the database', async ({
    page,
    bridge,
    sims,
    dataDir,
    keychainService,
  }) => {
    await page.goto(bridge.url);
    for (const step of [/^Locations/, /^Outbreaks/, /^Cases/, /^Contacts/]) {
      await expect(navStep(page, step)).toContainText('Locked');
    }

    await navStep(page, /^Connect/).click();
    const dhis2 = page.getByRole('region', { name: 'DHIS2' });
    await dhis2.getByLabel('DHIS2 URL').fill(sims.dhis2Url);
    await dhis2.getByLabel('Username').fill('admin');
    await dhis2.getByLabel('Password').fill('district');
    await dhis2.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(dhis2.getByText('A password is stored.')).toBeVisible();
    // The password field is never filled back in: the renderer learns only that a secret exists.
    await expect(dhis2.getByLabel('Password')).toHaveValue('');

    expect(await keytar.getPassword(keychainService, `dhis2@${sims.dhis2Url}`)).toBe('district');
    const saved = bridge.store.connections.get('dhis2');
    expect(saved).toMatchObject({ url: sims.dhis2Url, authKind: 'basic', username: 'admin' });
    bridge.store.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(databaseBytes(dataDir).includes(Buffer.from('district'))).toBe(false);
    const logs = path.join(dataDir, 'logs', 'main.log');
    if (fs.existsSync(logs)) expect(fs.readFileSync(logs, 'utf8')).not.toContain('district');

    // Still locked: main decides, and Go.Data is not connected yet.
    await expect(navStep(page, /^Locations/)).toContainText('Locked');
  });

  test('the window API refuses calls that do not come from the app page, and malformed payloads', async ({
    page,
    bridge,
  }) => {
    const foreign = await fetch(`${bridge.url}/__bridge/invoke/connections.list`, {
      method: 'POST',
      body: '{}',
      headers: { 'content-type': 'application/json' },
    });
    expect(foreign.status).toBe(403);

    await page.goto(bridge.url);
    const result = await page.evaluate(async () => {
      const api = (globalThis as unknown as { api: { connections: { save(r: unknown): Promise<unknown> } } })
        .api;
      return api.connections.save({ id: 'dhis2', url: 'javascript:alert(1)', authKind: 'basic' });
    });
    expect(result).toMatchObject({
      ok: false,
      error: { kind: 'invalid-request', fields: { url: expect.stringMatching(/https:\/\//) } },
    });
  });

  test('the production bundles do not contain the test bridge', () => {
    for (const dir of ['out/main', 'out/preload', 'out/renderer']) {
      for (const file of fs.readdirSync(dir, { recursive: true }).map(String)) {
        const full = path.join(dir, file);
        if (fs.statSync(full).isFile())
          expect(fs.readFileSync(full, 'utf8').includes('__bridge'), full).toBe(false);
      }
    }
  });
});
