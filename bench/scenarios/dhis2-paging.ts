import { DEMO_CREDENTIALS } from '../../simulators/demo.js';
import { Dhis2Client } from '../../main/dhis2/index.js';
import { covid19DefaultMapping } from '../../main/mapping/index.js';
import { procCpuSeconds, procMemory } from '../proc.js';
import { round, seconds, type BenchSettings, type ScenarioResult } from '../scenario.js';
import { startSimulatorProcess } from '../sim-process.js';

/** The generated dataset is lazy (records are built from the seed when read): 200 000 cases cost nothing up front. */
export const PAGING_DEFAULT_CASES = 200_000;
/** Pages before the simulator's memory counts (start-up, JIT compilation and heap sizing settle first). */
const WARM_UP_PAGES = 20;

/**
 * Growth of the simulator's RSS over the walk: the highest sample in the last quarter of the pages minus the highest
 * in the first quarter after warm-up. Highs rather than single samples, since RSS breathes with every collection.
 */
export function rssGrowth(samples: ReadonlyArray<{ page: number; rssMb: number }>): {
  earlyMb: number;
  lateMb: number;
} {
  const warm = samples.filter((s) => s.page > WARM_UP_PAGES);
  const pool = warm.length >= 4 ? warm : samples;
  const quarter = Math.max(1, Math.floor(pool.length / 4));
  const high = (list: ReadonlyArray<{ rssMb: number }>) => Math.max(...list.map((s) => s.rssMb));
  if (pool.length === 0) return { earlyMb: 0, lateMb: 0 };
  return { earlyMb: high(pool.slice(0, quarter)), lateMb: high(pool.slice(-quarter)) };
}

/**
 * The DHIS2 simulator in its own process serves a large generated case program page by page to the engine's
 * client (`Dhis2Client.trackedEntities`, the walk the cases stage uses). Measures pages/s and records/s, and the
 * simulator's RSS after the first pages and at the end: serving page 900 must cost what serving page 20 did.
 */
export async function dhis2Paging(settings: BenchSettings): Promise<ScenarioResult> {
  const cases = settings.cases ?? PAGING_DEFAULT_CASES;
  settings.log(`dhis2-paging: starting the simulators with ${cases} generated cases`);
  const sim = await startSimulatorProcess({
    cases,
    contacts: 0,
    events: 0,
    seed: settings.seed,
    dhis2Version: settings.dhis2Version,
    latencyMs: settings.latencyMs,
  });
  try {
    const client = new Dhis2Client({
      baseUrl: sim.dhis2Url,
      auth: { type: 'basic', ...DEMO_CREDENTIALS.dhis2 },
    });
    await client.connect();
    const program = covid19DefaultMapping().outbreaks[0]?.casePrograms[0];
    if (!program) throw new Error('the default mapping has no case program');
    const startRss = procMemory(sim.pid).rssMb;
    const checkpoints: Array<Record<string, number>> = [];
    const samples: Array<{ page: number; rssMb: number }> = [];
    let pages = 0;
    let records = 0;
    const simCpuBefore = procCpuSeconds(sim.pid);
    const engineCpuBefore = process.cpuUsage();
    const started = process.hrtime.bigint();
    let warmAt = started;
    let warmRecords = 0;
    const walk = client.trackedEntities({ program, pageSize: settings.pageSize, includeDeleted: true });
    for await (const page of walk) {
      pages++;
      records += page.length;
      const rss = procMemory(sim.pid).rssMb;
      samples.push({ page: pages, rssMb: rss });
      if (pages === WARM_UP_PAGES) {
        warmAt = process.hrtime.bigint();
        warmRecords = records;
      }
      if (pages % 100 === 0) {
        checkpoints.push({
          page: pages,
          records,
          sim_rss_mb: round(rss),
          seconds: round(seconds(started), 2),
        });
        settings.log(`dhis2-paging: ${pages} pages, ${records} records, simulator RSS ${rss.toFixed(0)} MB`);
      }
      if (settings.pages !== undefined && pages >= settings.pages) break;
    }
    const elapsed = seconds(started);
    const simCpu = procCpuSeconds(sim.pid) - simCpuBefore;
    const engineCpu = process.cpuUsage(engineCpuBefore);
    const end = procMemory(sim.pid);
    const { earlyMb, lateMb } = rssGrowth(samples);
    // Throughput after warm-up: the first pages pay for JIT compilation in both processes.
    const steady = seconds(warmAt);
    return {
      scenario: 'dhis2-paging',
      params: {
        cases,
        pages_read: pages,
        page_size: settings.pageSize ?? 200,
        dhis2: settings.dhis2Version,
        ...(settings.latencyMs > 0 ? { latency_ms: settings.latencyMs } : {}),
      },
      metrics: {
        pages,
        records,
        seconds: round(elapsed, 2),
        pages_per_s: round(pages / elapsed),
        records_per_s: round(records / elapsed, 0),
        steady_records_per_s: pages > WARM_UP_PAGES ? round((records - warmRecords) / steady, 0) : 0,
        sim_cpu_ms_per_page: round((simCpu * 1000) / pages),
        client_cpu_ms_per_page: round((engineCpu.user + engineCpu.system) / 1000 / pages),
        sim_rss_start_mb: round(startRss),
        sim_rss_early_mb: round(earlyMb),
        sim_rss_late_mb: round(lateMb),
        sim_rss_growth_mb: round(lateMb - earlyMb),
        sim_rss_end_mb: round(end.rssMb),
        sim_peak_rss_mb: round(end.peakRssMb),
      },
      detail: checkpoints,
      series: { sim_rss: samples.map((x) => ({ page: x.page, rss_mb: round(x.rssMb) })) },
      notes: [
        `sim_rss_early/late: highest simulator RSS in the first and last quarter of the pages after page ${WARM_UP_PAGES}; growth = late - early.`,
      ],
    };
  } finally {
    await sim.stop();
  }
}
