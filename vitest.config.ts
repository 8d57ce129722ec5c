import { defineConfig } from 'vitest/config';

// Unit and integration tests run in plain Node: nothing here may load Electron.
export default defineConfig({
  test: {
    include: [
      'main/**/*.test.ts',
      'shared/**/*.test.ts',
      'simulators/**/*.test.ts',
      'renderer/**/*.test.ts',
      'bench/**/*.test.ts',
    ],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
