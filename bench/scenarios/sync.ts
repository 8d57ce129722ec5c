import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { StageName } from '../../shared/stages.js';
import { DEMO_CREDENTIALS } from '../../simulators/demo.js';
import { createLogger } from '../../main/log.js';
import { covid19DefaultMapping } from '../../main/mapping/index.js';
import { openSyncSession, runStageNamed, stagesFor } from '../../main/pipeline/sync.js';
import { Vault } from '../../main/secrets/vault.js';
import { Store } from '../../main/store/index.js';
import { MemorySampler, retainedHeapMb } from '../memory.js';
import { procCpuSeconds, procMemory } from '../proc.js';
import { round, seconds, type BenchSettings, type ScenarioResult } from '../scenario.js';
import { startSimulatorProcess, type SimProcess } from '../sim-process.js';

export const SYNC_DEFAULT_CASES = 5_000;
/** The demo's proportions (200 cases, 400 contacts, 100 events): two contacts and half an event per case. */
export const contactsFor = (cases: number) => cases * 2;
export const eventsFor = (cases: number) => Math.floor(cases / 2);
/** How often retained heap (after a full GC, which pauses the engine for a moment) is sampled during a stage. */
const HEAP_SAMPLE_MS = 3_000;
const HEAP_WARM_UP_RECORDS = 2_000;

interface StageFigures {
  stage: StageName;
  seconds: number;
  read: number;
  written: number;
  deferred: number;
  failed: number;
}

interface HeapSample {
  stage: StageName;
  read: number;
  retainedMb: number;
}

/** Runs every stage once on a fresh session (as one CLI invocation would) and returns what each stage did. */
async function runAll(
  sims: SimProcess,
  store: Store,
  dataDir: string,
  settings: BenchSettings,
  heap: HeapSample[] | undefined,
): Promise<StageFigures[]> {
  const session = await openSyncSession({
    store,
    vault: new Vault(),
    env: {
      DHIS2_USERNAME: DEMO_CREDENTIALS.dhis2.username,
      DHIS2_PASSWORD: DEMO_CREDENTIALS.dhis2.password,
      GODATA_USERNAME: DEMO_CREDENTIALS.godata.username,
      GODATA_PASSWORD: DEMO_CREDENTIALS.godata.password,
    },
    endpoints: { dhis2: { url: sims.dhis2Url }, godata: { url: sims.godataUrl } },
    mapping: covid19DefaultMapping(),
    log: createLogger({ file: path.join(dataDir, 'bench.log'), level: 'warn' }),
  });
  const figures: StageFigures[] = [];
  for (const stage of stagesFor('all')) {
    let lastLog = Date.now();
    let lastHeap = Date.now();
    const started = process.hrtime.bigint();
    const runId = await runStageNamed(
      session,
      stage,
      {},
      {
        progressIntervalMs: 1_000,
        onProgress: (p) => {
          const now = Date.now();
          if (heap && now - lastHeap >= HEAP_SAMPLE_MS) {
            heap.push({ stage, read: p.counts.read, retainedMb: retainedHeapMb() });
            lastHeap = Date.now();
          }
          if (now - lastLog >= 15_000) {
            settings.log(`sync: [${stage}] ${p.phase}: read ${p.counts.read}, created ${p.counts.created}`);
            lastLog = now;
          }
        },
      },
    );
    const elapsed = seconds(started);
    const run = session.target.runs.get(runId);
    if (!run || run.status !== 'completed')
      throw new Error(`sync: the ${stage} run ended ${run?.status ?? 'unstored'}: ${run?.error ?? ''}`);
    const c = run.counts;
    figures.push({
      stage,
      seconds: elapsed,
      read: c.read,
      written: c.created + c.updated + c.deleted,
      deferred: c.deferred,
      failed: c.failed,
    });
    settings.log(
      `sync: ${stage} done in ${elapsed.toFixed(1)} s: read ${c.read}, written ${c.created + c.updated + c.deleted}, deferred ${c.deferred}, failed ${c.failed}`,
    );
  }
  return figures;
}

/**
 * Retained heap gained per record read, for the stage where it grows fastest: the least-squares slope of its
 * samples after the first 2 000 records (before that, compiled code and caches still settle). Stages with fewer
 * than three such samples or less than 2 000 records between them are left out: too little to tell from noise.
 */
export function heapSlope(samples: readonly HeapSample[]): { stage?: StageName; bytesPerRecord: number } {
  let worst: { stage?: StageName; bytesPerRecord: number } = { bytesPerRecord: 0 };
  for (const stage of new Set(samples.map((s) => s.stage))) {
    const mine = samples.filter((s) => s.stage === stage && s.read >= HEAP_WARM_UP_RECORDS);
    const reads = mine.map((s) => s.read);
    if (mine.length < 3 || Math.max(...reads) - Math.min(...reads) < 2_000) continue;
    const meanX = reads.reduce((a, b) => a + b, 0) / mine.length;
    const meanY = mine.reduce((a, s) => a + s.retainedMb, 0) / mine.length;
    const sxy = mine.reduce((a, s) => a + (s.read - meanX) * (s.retainedMb - meanY), 0);
    const sxx = mine.reduce((a, s) => a + (s.read - meanX) ** 2, 0);
    const slope = (sxy / sxx) * 1024 * 1024;
    if (worst.stage === undefined || slope > worst.bytesPerRecord) worst = { stage, bytesPerRecord: slope };
  }
  return worst;
}

const RECORD_STAGES: readonly StageName[] = ['cases', 'events', 'contacts'];

/**
 * A full seeding of a blank Go.Data from N generated cases (contacts and events in the demo's proportions), the
 * simulators in a child process and the engine here, then an immediate re-run on a fresh session, which should
 * read almost nothing and write nothing. Engine RSS and heap are sampled throughout.
 */
export async function syncScenario(settings: BenchSettings): Promise<ScenarioResult> {
  const cases = settings.cases ?? SYNC_DEFAULT_CASES;
  const contacts = settings.contacts ?? contactsFor(cases);
  const events = settings.events ?? eventsFor(cases);
  settings.log(`sync: starting the simulators with ${cases} cases, ${contacts} contacts, ${events} events`);
  const sims = await startSimulatorProcess({
    cases,
    contacts,
    events,
    seed: settings.seed,
    dhis2Version: settings.dhis2Version,
    godataVersion: settings.godataVersion,
    latencyMs: settings.latencyMs,
  });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-sync-'));
  const store = Store.inDataDir(dataDir);
  try {
    const baselineHeap = retainedHeapMb();
    const sampler = new MemorySampler();
    const heap: HeapSample[] = [];
    const simCpuBefore = procCpuSeconds(sims.pid);
    const engineCpuBefore = process.cpuUsage();
    sampler.start();
    const seeding = await runAll(sims, store, dataDir, settings, heap);
    const peaks = sampler.stop();
    const engineCpu = process.cpuUsage(engineCpuBefore);
    const simCpu = procCpuSeconds(sims.pid) - simCpuBefore;
    const afterHeap = retainedHeapMb();
    settings.log('sync: immediate re-run');
    const rerunStarted = process.hrtime.bigint();
    const rerun = await runAll(sims, store, dataDir, settings, undefined);
    const rerunSeconds = seconds(rerunStarted);
    const simRss = procMemory(sims.pid);

    const records = seeding.filter((f) => RECORD_STAGES.includes(f.stage));
    const recordsRead = records.reduce((n, f) => n + f.read, 0);
    const recordSeconds = records.reduce((n, f) => n + f.seconds, 0);
    const slope = heapSlope(heap);
    const metrics: Record<string, number> = {
      seed_seconds: round(
        seeding.reduce((n, f) => n + f.seconds, 0),
        1,
      ),
      engine_cpu_seconds: round((engineCpu.user + engineCpu.system) / 1e6, 1),
      sim_cpu_seconds: round(simCpu, 1),
      records_read: recordsRead,
      records_written: records.reduce((n, f) => n + f.written, 0),
      records_per_s: round(recordsRead / recordSeconds, 0),
      engine_peak_rss_mb: round(peaks.peakRssMb),
      engine_peak_heap_mb: round(peaks.peakHeapMb),
      engine_retained_heap_before_mb: round(baselineHeap),
      engine_retained_heap_after_mb: round(afterHeap),
      heap_growth_bytes_per_record: round(slope.bytesPerRecord, 0),
      rerun_seconds: round(rerunSeconds, 2),
      rerun_read: rerun.reduce((n, f) => n + f.read, 0),
      rerun_records_read: rerun
        .filter((f) => RECORD_STAGES.includes(f.stage))
        .reduce((n, f) => n + f.read, 0),
      rerun_written: rerun.reduce((n, f) => n + f.written, 0),
      sim_rss_mb: round(simRss.rssMb),
      sim_peak_rss_mb: round(simRss.peakRssMb),
    };
    for (const f of seeding) {
      metrics[`${f.stage}_seconds`] = round(f.seconds, 2);
      if (RECORD_STAGES.includes(f.stage)) metrics[`${f.stage}_per_s`] = round(f.read / f.seconds, 0);
    }
    const detail = seeding.map((f, i) => ({
      stage: f.stage,
      seconds: round(f.seconds, 2),
      read: f.read,
      written: f.written,
      deferred: f.deferred,
      failed: f.failed,
      per_s: round(f.read / f.seconds, 0),
      rerun_seconds: round(rerun[i]?.seconds ?? 0, 2),
      rerun_read: rerun[i]?.read ?? 0,
      rerun_written: rerun[i]?.written ?? 0,
    }));
    return {
      scenario: 'sync',
      params: {
        cases,
        contacts,
        events,
        dhis2: settings.dhis2Version,
        godata: settings.godataVersion,
        ...(settings.latencyMs > 0 ? { latency_ms: settings.latencyMs } : {}),
      },
      metrics,
      detail,
      series: {
        retained_heap: heap.map((h) => ({
          stage: h.stage,
          read: h.read,
          retained_mb: round(h.retainedMb, 2),
        })),
      },
      notes: [
        `heap_growth_bytes_per_record: retained heap (after a full GC, sampled every ${HEAP_SAMPLE_MS / 1000} s) gained per record read, ` +
          (slope.stage
            ? `worst stage (${slope.stage}).`
            : 'but no stage ran long enough to tell growth from noise (0 = not measured).'),
        'engine_cpu_seconds / sim_cpu_seconds: CPU time of this process and of the simulators during the seeding (2 busy cores would allow twice the wall time).',
        'rerun_read counts what the re-run read: records at the watermark edge, every org unit, and the open issues (deferred contacts) it retries.',
      ],
    };
  } finally {
    store.close();
    await sims.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
