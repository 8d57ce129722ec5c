import { describe, expect, it } from 'vitest';
import type { FaultConfig } from '../../simulators/common/faults.js';
import { Bench, DHIS2_VERSIONS } from './testing/bench.js';
import { canonicalState } from './testing/godata-state.js';
import { expectReconciled } from './testing/runs.js';

/**
 * Modest fault rates on both servers, with a fixed seed: errors, throttling, dropped connections and answers
 * that never come (half of the resets and timeouts strike after the server stored the write).
 */
const GODATA_FAULTS: Partial<FaultConfig> = {
  rates: { '5xx': 0.04, '429': 0.03, reset: 0.03, timeout: 0.01 },
  retryAfterSeconds: 0,
  afterHandlerShare: 0.5,
};
/** DHIS2 gets few requests (pages of 200): higher rates so every run meets some. */
const DHIS2_FAULTS: Partial<FaultConfig> = {
  rates: { '5xx': 0.1, '429': 0.05, reset: 0.05, timeout: 0.02 },
  retryAfterSeconds: 0,
  afterHandlerShare: 0.5,
};
const SIZES = { cases: 40, contacts: 30, events: 10 } as const;

describe.concurrent.each(DHIS2_VERSIONS.map((version, i) => [version, 100 + i] as const))(
  'a run against DHIS2 %s with fault injection (seed %i)',
  (version, seed) => {
    it('completes every stage and leaves Go.Data as a clean run does', { timeout: 240_000 }, async () => {
      const [faulty, clean] = await Promise.all([
        Bench.start({ dhis2Version: version, ...SIZES, seed, timeoutMs: 3_000 }),
        Bench.start({ dhis2Version: version, ...SIZES, seed }),
      ]);
      try {
        // Logged in before the faults start: the Go.Data client never repeats a login (see login.test.ts).
        const session = faulty.session();
        await session.godata.login();
        faulty.sims.dhis2.faults.configure(DHIS2_FAULTS);
        faulty.sims.godata.faults.configure(GODATA_FAULTS);
        const [runs, cleanRuns] = await Promise.all([faulty.run('all', {}, {}, session), clean.run('all')]);
        expectReconciled(faulty.target, runs);
        expectReconciled(clean.target, cleanRuns);
        const injected = (bench: Bench, side: 'dhis2' | 'godata') =>
          Object.values(bench.sims[side].faults.stats.injected).reduce((a, b) => a + b, 0);
        expect(injected(faulty, 'dhis2')).toBeGreaterThan(0);
        expect(injected(faulty, 'godata')).toBeGreaterThan(0);
        for (const [i, { stage, run }] of runs.entries()) {
          const same = cleanRuns[i]?.run.counts;
          expect({ stage, ...run.counts }, `the same outcomes as the clean run`).toEqual({ stage, ...same });
        }
        expect(canonicalState(faulty.godata())).toEqual(canonicalState(clean.godata()));
      } finally {
        await Promise.all([faulty.close(), clean.close()]);
      }
    });
  },
);
