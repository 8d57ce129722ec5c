#!/usr/bin/env node
// `npm test`: all tests — unit and integration (vitest), then e2e (build + Playwright in Chromium).
// On Linux the tests run inside a private D-Bus session with an unlocked gnome-keyring, so the vault is tested
// against a real Secret Service (scripts/with-keyring.sh); macOS and Windows use their own keychain.
import { builtForNode, rebuildForNode, run } from './native.mjs';

const inKeyringSession = process.env.GODATA_BRIDGE_TEST_KEYRING === '1';
if (process.platform === 'linux' && !inKeyringSession) {
  process.exit(
    run('sh', ['scripts/with-keyring.sh', process.execPath, 'scripts/test.mjs', ...process.argv.slice(2)], {
      env: { ...process.env, GODATA_BRIDGE_TEST_KEYRING: '1' },
    }),
  );
}

if (!builtForNode() && rebuildForNode() !== 0) process.exit(1);

const steps = [
  ['npx', ['vitest', 'run']],
  ['npx', ['electron-vite', 'build']],
  ['npx', ['playwright', 'test']],
];
for (const [command, args] of steps) {
  const status = run(command, args);
  if (status !== 0) {
    console.error(`\n${command} ${args.join(' ')} failed (exit ${status}).`);
    process.exit(status);
  }
}
