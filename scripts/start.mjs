#!/usr/bin/env node
// `npm start`: builds the app and opens it in demo mode (both simulators run inside the app, connections are
// pre-filled). Pass `-- --real` to open it on your own servers instead.
import { electronBinary } from './electron-binary.mjs';
import { rebuildForElectron, run } from './native.mjs';

const real = process.argv.includes('--real');

if (run('npx', ['electron-vite', 'build']) !== 0) process.exit(1);
if (!electronBinary() && !process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
  console.error('Downloading the Electron binary (first start only)…');
  run(process.execPath, ['node_modules/electron/install.js']);
}
const binary = electronBinary();
if (!binary) {
  console.error(`
No Electron binary is installed on this machine (npm install ran with ELECTRON_SKIP_BINARY_DOWNLOAD=1, or the
download failed, e.g. without internet access). To get it, with internet access:

    node node_modules/electron/install.js

Without it you can still use everything headless:
    npm run cli -- sync --demo       # seed a blank Go.Data simulator end to end
    npm run sim                      # start the DHIS2 and Go.Data simulators
    npm test                         # the wizard runs in Chromium in the e2e tests
`);
  process.exit(1);
}
if (rebuildForElectron() !== 0) process.exit(1);
process.exit(run(binary, ['out/main/index.js', ...(real ? [] : ['--demo'])]));
