import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RunSummary, StageName } from '../../../shared/stages.js';
import {
  DEMO_CREDENTIALS,
  startDemoSimulators,
  type DemoSimulatorOptions,
  type DemoSimulators,
} from '../../../simulators/demo.js';
import type { GoDataState } from '../../../simulators/godata/index.js';
import { Dhis2Client } from '../../dhis2/index.js';
import { GoDataClient } from '../../godata/index.js';
import { createLogger } from '../../log.js';
import { covid19DefaultMapping, type MappingConfig } from '../../mapping/index.js';
import { Store, type TargetStore } from '../../store/index.js';
import type { RunHooks, RunOptions } from '../runner.js';
import { SyncSession } from '../session.js';
import { runStageNamed, stagesFor } from '../sync.js';
import { startCli, type CliProcess } from './cli-child.js';
import { startRequestLog, type LoggedRequest, type RequestLog } from './request-log.js';

/**
 * Test bench for the engine: both simulators on loopback, a SQLite store in a temp folder, and sessions built
 * from real clients (short timeouts and quick retries, so fault tests do not wait for production backoff).
 * Each `session()` is a fresh pair of clients, as a new app or CLI process would have.
 */
export const DHIS2_VERSIONS = ['2.36', '2.37', '2.38', '2.39', '2.40', '2.41', '2.42', '2.43'] as const;

/** Small generated datasets keep a full seeding to a few seconds per version. */
export const SMALL = { cases: 30, contacts: 30, events: 10, seed: 7 } as const;

export interface BenchOptions extends Omit<
  DemoSimulatorOptions,
  'dhis2Port' | 'godataPort' | 'host' | 'dataset'
> {
  mapping?: MappingConfig;
  /** Put a request log in front of Go.Data, so a test can list the writes a run sent. */
  logGoDataRequests?: boolean;
  /** Client timeout in ms (a simulated "timeout" fault waits this long). */
  timeoutMs?: number;
}

export interface StageRun {
  stage: StageName;
  run: RunSummary;
}

export class Bench {
  private constructor(
    readonly sims: DemoSimulators,
    readonly dir: string,
    private storeHandle: Store,
    readonly mapping: MappingConfig,
    readonly requestLog: RequestLog | undefined,
    private readonly timeoutMs: number,
  ) {}

  static async start(options: BenchOptions = {}): Promise<Bench> {
    const { mapping, logGoDataRequests, timeoutMs, ...sizes } = options;
    const sims = await startDemoSimulators({ ...SMALL, ...sizes });
    const log = logGoDataRequests ? await startRequestLog(sims.godataUrl) : undefined;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pipeline-test-'));
    const store = Store.inDataDir(dir);
    return new Bench(sims, dir, store, mapping ?? covid19DefaultMapping(), log, timeoutMs ?? 5_000);
  }

  get dhis2Url(): string {
    return this.sims.dhis2Url;
  }

  /** The Go.Data address the engine talks to (through the request log when there is one). */
  get godataUrl(): string {
    return this.requestLog?.url ?? this.sims.godataUrl;
  }

  get store(): Store {
    return this.storeHandle;
  }

  get target(): TargetStore {
    return this.storeHandle.forTarget(this.dhis2Url, this.godataUrl);
  }

  /** Closes and opens the database again, after another process (the CLI) wrote to it. */
  reopenStore(): void {
    this.storeHandle.close();
    this.storeHandle = Store.inDataDir(this.dir);
  }

  session(mapping: MappingConfig = this.mapping): SyncSession {
    const retry = { retries: 8, baseDelayMs: 1, maxDelayMs: 20, maxRetryAfterMs: 20 };
    const dhis2 = new Dhis2Client({
      baseUrl: this.dhis2Url,
      auth: { type: 'basic', ...DEMO_CREDENTIALS.dhis2 },
      retry,
      timeoutMs: this.timeoutMs,
    });
    const godata = new GoDataClient({
      baseUrl: this.godataUrl,
      credentials: { email: DEMO_CREDENTIALS.godata.username, password: DEMO_CREDENTIALS.godata.password },
      retry,
      timeoutMs: this.timeoutMs,
    });
    return new SyncSession({
      dhis2,
      godata,
      target: this.target,
      mapping,
      log: createLogger({ level: 'error' }),
    });
  }

  /** Runs stages in order on one fresh session; stops at the first that throws (the error is rethrown). */
  async run(
    selection: StageName | 'all' | StageName[],
    options: RunOptions = {},
    hooks: RunHooks = {},
    session: SyncSession = this.session(),
  ): Promise<StageRun[]> {
    const stages = Array.isArray(selection) ? selection : stagesFor(selection);
    const runs: StageRun[] = [];
    for (const stage of stages) {
      const runId = await runStageNamed(session, stage, options, hooks);
      const run = session.target.runs.get(runId);
      if (!run) throw new Error(`run ${runId} of ${stage} is not stored`);
      runs.push({ stage, run });
    }
    return runs;
  }

  /** The headless CLI in a child process: `sync --stage <stage>` on this bench's servers and data folder. */
  cliSync(stage: StageName, ...extra: string[]): CliProcess {
    return startCli([
      'sync',
      '--stage',
      stage,
      ...extra,
      '--dhis2-url',
      this.dhis2Url,
      '--godata-url',
      this.godataUrl,
      '--data-dir',
      this.dir,
      '--json',
    ]);
  }

  /** SIGKILLs the CLI when Go.Data has answered the `count`-th request that `matches` with a 200. */
  killCliAfter(cli: CliProcess, count: number, matches: (request: LoggedRequest) => boolean): void {
    if (!this.requestLog) throw new Error('killCliAfter needs Bench.start({ logGoDataRequests: true })');
    let seen = 0;
    this.requestLog.onAnswer((r) => {
      if (r.status === 200 && matches(r) && ++seen === count) cli.child.kill('SIGKILL');
    });
  }

  godata(): GoDataState {
    return this.sims.godata.inspect();
  }

  async close(): Promise<void> {
    await this.requestLog?.close();
    await this.sims.stop();
    this.storeHandle.close();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
