import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';

import { electronBinary } from '../../scripts/electron-binary.mjs';

/** The real Electron app, where an Electron binary exists (not on machines that install with the download skipped). */
const binary = electronBinary();

test.describe('Electron app', () => {
  test.skip(!binary, 'No Electron binary on this machine (installed with ELECTRON_SKIP_BINARY_DOWNLOAD)');

  test('opens the wizard in a locked-down window', async () => {
    const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'gdb-electron-'));
    const app = await electron.launch({
      executablePath: binary,
      args: [path.resolve('out/main/index.js'), `--user-data-dir=${userData}`, '--demo'],
      env: { ...process.env, GODATA_BRIDGE_DEMO: '1' },
    });
    try {
      const page = await app.firstWindow();
      await expect(page.getByRole('heading', { name: /Go\.Data Bridge/ }).first()).toBeVisible();
      const prefs = await app.evaluate(({ BrowserWindow }) => {
        const w = BrowserWindow.getAllWindows()[0];
        const contents = w?.webContents as unknown as
          { getLastWebPreferences?: () => Record<string, unknown> } | undefined;
        const p = contents?.getLastWebPreferences?.();
        return {
          contextIsolation: p?.contextIsolation,
          sandbox: p?.sandbox,
          nodeIntegration: p?.nodeIntegration,
        };
      });
      expect(prefs).toEqual({ contextIsolation: true, sandbox: true, nodeIntegration: false });
      expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe(
        'undefined',
      );
      expect(await page.evaluate(() => typeof (globalThis as { api?: unknown }).api)).toBe('object');
      // An external page cannot replace the app page.
      await page.evaluate(() => {
        (globalThis as unknown as { location: { href: string } }).location.href = 'https://example.org/';
      });
      await page.waitForTimeout(500);
      expect(page.url()).toMatch(/^app:\/\/bridge\//);
    } finally {
      await app.close();
      fs.rmSync(userData, { recursive: true, force: true });
    }
  });
});
