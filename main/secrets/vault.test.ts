import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import keytar from 'keytar';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { KeychainUnavailableError, Vault } from './vault.js';

// These tests use the real OS keychain. `npm test` runs them inside a D-Bus session with an unlocked
// gnome-keyring (scripts/test.mjs); a separate service name keeps them away from real app entries.
const SERVICE = `Go.Data Bridge test ${process.pid}`;
const vault = new Vault(SERVICE);

beforeAll(async () => {
  try {
    await keytar.findCredentials(SERVICE);
  } catch (error) {
    throw new Error(
      `No unlocked keychain for the vault tests: run them with \`npm test\` (scripts/with-keyring.sh). ${String(error)}`,
    );
  }
});

afterEach(async () => {
  for (const entry of await keytar.findCredentials(SERVICE))
    await keytar.deletePassword(SERVICE, entry.account);
});

describe('Vault (real keychain)', () => {
  const dhis2 = { connectionId: 'dhis2', url: 'https://play.dhis2.org/40' };

  it('stores, reads and deletes a secret in the keychain', async () => {
    await vault.set(dhis2, 'district');
    expect(await keytar.getPassword(SERVICE, 'dhis2@https://play.dhis2.org/40')).toBe('district');
    expect(await vault.get(dhis2)).toBe('district');
    expect(await vault.has(dhis2)).toBe(true);
    expect(await vault.delete(dhis2)).toBe(true);
    expect(await vault.has(dhis2)).toBe(false);
  });

  it('drops the secret kept for the old URL when a connection moves to another server', async () => {
    await vault.set(dhis2, 'district');
    const moved = { connectionId: 'dhis2', url: 'https://dhis2.moh.example' };
    await vault.set(moved, 'd2pat_abc');
    expect(await vault.get(dhis2)).toBeUndefined();
    expect(await vault.get(moved)).toBe('d2pat_abc');
  });

  it('keeps connections apart and forgets all of one connection', async () => {
    await vault.set(dhis2, 'district');
    await vault.set({ connectionId: 'godata', url: 'https://godata.example' }, 'admin');
    expect(await vault.deleteConnection('dhis2')).toBe(1);
    expect(await vault.get({ connectionId: 'godata', url: 'https://godata.example' })).toBe('admin');
  });

  it('refuses an empty secret', async () => {
    await expect(vault.set(dhis2, '')).rejects.toThrow(/empty secret/);
  });

  it('says clearly when no keychain service is reachable', async () => {
    const script = `
      import { Vault } from './main/secrets/vault.ts';
      try { await new Vault('probe').get({ connectionId: 'x', url: 'y' }); console.log('no error'); }
      catch (e) { console.log(e.name + ': ' + e.message); }`;
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      {
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus',
        },
      },
    );
    expect(stdout).toMatch(/^KeychainUnavailableError: No keychain service is available/);
    expect(stdout).toMatch(/gnome-keyring/);
    expect(new KeychainUnavailableError(new Error('x')).message).toMatch(/environment variables/);
  });
});
