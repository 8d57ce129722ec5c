// Native modules (better-sqlite3, keytar) are compiled for one ABI at a time: Node's for tests and the CLI,
// Electron's for the app. These helpers check which one is built and rebuild when the other is needed.
import { spawnSync } from 'node:child_process';

const MODULES = ['better-sqlite3', 'keytar'];

export function run(command, args, options = {}) {
  const result = spawnSync(command, args, {
    stdio: 'inherit',
    shell: process.platform === 'win32',
    ...options,
  });
  return result.status ?? 1;
}

/** True when both modules load in this Node. */
export function builtForNode() {
  const probe = spawnSync(
    process.execPath,
    ['-e', "new (require('better-sqlite3'))(':memory:').close(); require('keytar');"],
    { stdio: 'pipe' },
  );
  return probe.status === 0;
}

export function rebuildForNode() {
  console.error('Rebuilding better-sqlite3 and keytar for Node…');
  return run('npm', ['rebuild', ...MODULES]);
}

export function rebuildForElectron() {
  console.error('Rebuilding better-sqlite3 and keytar for Electron (needs the Electron headers)…');
  return run('npx', ['electron-builder', 'install-app-deps']);
}
