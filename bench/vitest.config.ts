import path from 'node:path';
import { defineConfig } from 'vitest/config';

// The root vitest config includes only main/, shared/, simulators/, renderer/ and scripts/, so the bench's own
// tests run with this one: `npx vitest run --config bench/vitest.config.ts`.
export default defineConfig({
  root: path.resolve(import.meta.dirname, '..'),
  test: {
    include: ['bench/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
