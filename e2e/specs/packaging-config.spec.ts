import { createRequire } from 'node:module';
import path from 'node:path';
import { expect, test } from '@playwright/test';

// Packaging needs the internet (electron-builder downloads Electron), so CI never packages; this at least checks
// electron-builder.yml against electron-builder's own schema, the first thing `npm run package` does.
// Its config loader and validator are not exported from the package root; they live in app-builder-lib.
const require = createRequire(import.meta.url);
type Config = Record<string, unknown>;
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
  getConfig: (projectDir: string, configPath: string, fromOptions: null) => Promise<Config>;
  validateConfiguration: (config: Config, logger: unknown) => Promise<void>;
};
const { DebugLogger } = require('builder-util/out/DebugLogger.js') as {
  DebugLogger: new (enabled: boolean) => unknown;
};

test('electron-builder accepts electron-builder.yml, packaging the built bundles', async () => {
  const config = await getConfig(path.resolve('.'), 'electron-builder.yml', null);
  await validateConfiguration(config, new DebugLogger(false));
  expect(config.extraMetadata).toEqual({ main: 'out/main/index.js' });
  expect(JSON.stringify(config.files)).toContain('"out/**"');
  expect(config.asarUnpack).toEqual(
    expect.arrayContaining(['node_modules/better-sqlite3/**', 'node_modules/keytar/**']),
  );
});
