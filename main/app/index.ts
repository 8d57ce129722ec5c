// Security first: every web contents created from here on is locked down.
import { installSecurity, openExternalChecked, secureSession } from './security.js';
installSecurity();

import fs from 'node:fs';
import path from 'node:path';
import { app, dialog, ipcMain, type BrowserWindow } from 'electron';
import { createDispatch } from '../ipc/dispatch.js';
import { createEmitter, registerIpc } from '../ipc/electron.js';
import { createLogger } from '../log.js';
import { KEYCHAIN_SERVICE, Vault } from '../secrets/vault.js';
import { createAppServices, type AppServices } from '../services/index.js';
import { Store } from '../store/index.js';
import { startDemo, type Demo } from './demo.js';
import { registerAppScheme, serveRenderer } from './protocol.js';
import { createMainWindow } from './window.js';

registerAppScheme();
app.enableSandbox();

const demoMode = process.argv.includes('--demo') || process.env.GODATA_BRIDGE_DEMO === '1';
const outDir = import.meta.dirname;
let window: BrowserWindow | undefined;
let store: Store | undefined;
let demo: Demo | undefined;
let services: AppServices | undefined;
let shutDown = false;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('window-all-closed', () => app.quit());
  // Quitting mid-run cancels the run and lets it record where it stopped before the database closes; the next
  // run continues from there.
  app.on('before-quit', (event) => {
    if (shutDown) return;
    event.preventDefault();
    shutDown = true;
    void shutdown().finally(() => app.quit());
  });
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      dialog.showErrorBox(
        'Go.Data Bridge could not start',
        error instanceof Error ? error.message : String(error),
      );
      app.quit();
    });
}

async function start(): Promise<void> {
  secureSession();
  serveRenderer(path.join(outDir, '..', 'renderer'));
  // Demo mode keeps its own data folder, so trying the app never touches real connections or ID maps.
  // The demo Go.Data lives in memory, so the demo's ID map starts fresh with it at every launch.
  const dataDir = demoMode ? path.join(app.getPath('userData'), 'demo') : app.getPath('userData');
  if (demoMode) fs.rmSync(dataDir, { recursive: true, force: true });
  const log = createLogger({ file: path.join(dataDir, 'logs', 'main.log') });
  store = Store.inDataDir(dataDir);
  // Demo passwords live under their own keychain service: storing them must not replace the real ones.
  const vault = new Vault(demoMode ? `${KEYCHAIN_SERVICE} (demo)` : KEYCHAIN_SERVICE);
  if (demoMode) demo = await startDemo(store, vault, log);
  services = createAppServices({
    store,
    vault,
    dataDir,
    appVersion: app.getVersion(),
    demoMode,
    log,
    emit: createEmitter(
      () => window,
      (name, error) => log.error(`Event ${name} dropped: outside the contract`, { error }),
    ),
    openExternal: openExternalChecked,
  });
  registerIpc(
    ipcMain,
    createDispatch(services.handlers, { log: (message, error) => log.error(message, { error }) }),
  );
  window = createMainWindow(path.join(outDir, '..', 'preload', 'index.cjs'));
  window.on('closed', () => (window = undefined));
}

async function shutdown(): Promise<void> {
  try {
    await services?.stages.stop();
    await demo?.stop();
  } finally {
    store?.close();
  }
}
