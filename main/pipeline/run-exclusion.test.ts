import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/result.js';
import { runStage } from './runner.js';
import { STAGE_MODULES } from './stages/index.js';
import { Bench } from './testing/bench.js';
import { stageLines, type CliResult } from './testing/cli-child.js';
import { expectReconciled } from './testing/runs.js';

/**
 * One run at a time per DHIS2 → Go.Data pair, across processes: the app and the CLI share the SQLite file, and
 * Go.Data keeps one session per user, so a second run of any stage is refused while one runs in a live process.
 */
const SIZES = { dhis2Version: '2.40', cases: 60, contacts: 10, events: 5 } as const;
const CASE_CREATE = /\/outbreaks\/[^/]+\/cases$/;

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (e: unknown) => e,
  );
}

function cliError(result: CliResult): string {
  const line = JSON.parse(result.stdout.trim().split('\n').pop() ?? '{}') as {
    stages?: Array<{ error?: string }>;
  };
  return line.stages?.[0]?.error ?? '';
}

describe('runs of one DHIS2 and Go.Data pair exclude each other across processes', () => {
  let bench: Bench | undefined;
  afterEach(async () => {
    await bench?.close();
    bench = undefined;
  });

  it('the CLI refuses any stage while the app runs one, naming the running stage', async () => {
    bench = await Bench.start({ ...SIZES, logGoDataRequests: true });
    const b = bench;
    await b.run(['locations', 'outbreaks']);
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let appRun = -1;
    // The app's cases run holds on until the CLI has tried; then it does its work.
    const app = runStage(
      b.session(),
      'cases',
      async (ctx) => {
        await held;
        await STAGE_MODULES.cases(ctx);
      },
      {},
      { onStart: (id) => (appRun = id) },
    );
    const refused = await b.cliSync('locations').done;
    release();
    await app;

    expect(refused.code, refused.stderr).toBe(1);
    expect(cliError(refused)).toMatch(
      new RegExp(
        `^Cases is already running for this DHIS2 and Go\\.Data pair \\(run ${appRun}, started by another process \\(.+:\\d+\\)\\)\\. Locations can start once`,
      ),
    );
    const latest = b.target.runs.latest('locations');
    expect(b.target.runs.list().filter((r) => r.stage === 'locations')).toHaveLength(1);
    expect(latest?.status).toBe('completed');
    const done = b.target.runs.get(appRun);
    if (!done) throw new Error('the app run is gone');
    expectReconciled(b.target, [{ stage: 'cases', run: done }]);
  });

  it('the app refuses any stage while the CLI runs one, and the CLI run is undisturbed', async () => {
    bench = await Bench.start({ ...SIZES, logGoDataRequests: true, godataFaults: { latencyMs: 3 } });
    const b = bench;
    await b.run(['locations', 'outbreaks']);
    const cli = b.cliSync('cases');
    let refusal: Promise<unknown> | undefined;
    b.requestLog?.onAnswer((r) => {
      // The CLI waits for this answer, so its run is in progress: the app tries another stage right now.
      if (!refusal && r.method === 'POST' && CASE_CREATE.test(r.path) && r.status === 200)
        refusal = rejection(runStage(b.session(), 'locations', STAGE_MODULES.locations));
    });
    const result = await cli.done;
    expect(result.code, result.stderr).toBe(0);
    expect(stageLines(result)[0]).toMatchObject({ stage: 'cases', status: 'completed', failed: 0 });

    const error = await refusal;
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).kind).toBe('busy');
    expect((error as AppError).message).toMatch(
      /^Cases is already running for this DHIS2 and Go\.Data pair \(run \d+, started by another process/,
    );
    expect(b.target.runs.list().filter((r) => r.stage === 'locations')).toHaveLength(1);
    // Once the CLI is done, the app runs as usual.
    expectReconciled(b.target, await b.run(['events', 'contacts']));
  });

  it('a run orphaned by a killed process blocks nothing; its stage resumes it', async () => {
    bench = await Bench.start({ ...SIZES, logGoDataRequests: true, godataFaults: { latencyMs: 3 } });
    const b = bench;
    await b.run(['locations', 'outbreaks']);
    const cli = b.cliSync('cases');
    b.killCliAfter(cli, 10, (r) => r.method === 'POST' && CASE_CREATE.test(r.path));
    expect((await cli.done).signal).toBe('SIGKILL');
    const orphan = b.target.runs.latest('cases');
    expect(orphan?.status).toBe('running');

    // No start-up recovery in between: the app was already running when the CLI died.
    expectReconciled(b.target, await b.run('locations'));
    expect(b.target.runs.get(orphan?.id ?? -1)?.status).toBe('interrupted');
    const resumed = await b.run(['cases', 'events', 'contacts']);
    expect(resumed[0]?.run.id).toBe(orphan?.id);
    expectReconciled(b.target, resumed);
  });

  it('a run beats its heartbeat while it works, also between checkpoints', async () => {
    bench = await Bench.start({ ...SIZES, godataFaults: { latencyMs: 2 } });
    const b = bench;
    const beats = new Set<string>();
    const watch = setInterval(() => {
      const row = b.store.db.prepare("SELECT heartbeat_at AS at FROM runs WHERE status = 'running'").get() as
        { at: string | null } | undefined;
      if (row?.at) beats.add(row.at);
    }, 5);
    try {
      // The locations stage writes the tree in one import and saves no checkpoint until it is done.
      await b.run('locations', {}, { heartbeatMs: 10 });
    } finally {
      clearInterval(watch);
    }
    expect(beats.size).toBeGreaterThan(2);
  });
});
