import type { ScenarioName, ScenarioResult } from './scenario.js';

/**
 * The speed and memory targets of the project, all in this one file. Each target names a scenario's figure and a
 * bound: `max` figures must stay at or under it, `min` figures at or over it. A bound may depend on the run (its
 * size, simulated latency) and is undefined where the target does not apply. Floors are set from measured figures
 * (docs/BENCHMARKS.md) with room for a shared, noisy machine: a miss means a real regression, not a busy neighbour.
 */
export interface Target {
  id: string;
  scenario: ScenarioName;
  metric: string;
  kind: 'max' | 'min';
  bound: number | ((result: ScenarioResult) => number | undefined);
  unit: string;
  label: string;
}

export type TargetStatus = 'met' | 'missed' | 'not measured' | 'n/a';

export interface TargetOutcome {
  id: string;
  scenario: ScenarioName;
  label: string;
  metric: string;
  kind: 'max' | 'min';
  value?: number;
  bound?: number;
  unit: string;
  status: TargetStatus;
}

/** Throughput floors are loopback figures: with simulated network latency they do not apply. */
const loopback = (result: ScenarioResult): boolean => !result.params.latency_ms;

export const TARGETS: readonly Target[] = [
  // Serving page 900 must cost the simulator what serving page 20 did: records are generated per request from the
  // seed and dropped after the answer. A leak of one retained page per request would add ~1 MB per page.
  {
    id: 'paging-sim-memory-flat',
    scenario: 'dhis2-paging',
    metric: 'sim_rss_growth_mb',
    kind: 'max',
    bound: 64,
    unit: 'MB',
    label: 'simulator RSS growth, early → late pages',
  },
  // The engine's tracked-entity walk (the cases stage's reader) against the simulator, both processes busy: reading
  // must stay far ahead of the Go.Data writes it feeds (a few hundred per second). Measured 1 900–3 900 records/s.
  {
    id: 'paging-throughput',
    scenario: 'dhis2-paging',
    metric: 'records_per_s',
    kind: 'min',
    bound: (r) => (loopback(r) ? 800 : undefined),
    unit: 'records/s',
    label: 'tracked entities paged per second',
  },
  // Mapping is pure CPU work per record and must never be what a sync waits for: at ≥ 5 000 records/s it costs
  // under 40 s of a 200 000-case seeding whose HTTP writes take far longer. Measured 10 500–16 300/s.
  {
    id: 'mapping-throughput',
    scenario: 'mapping',
    metric: 'records_per_s',
    kind: 'min',
    bound: 5_000,
    unit: 'records/s',
    label: 'records mapped + validated per second',
  },
  // One page's ID-map rows and outcomes in one transaction: SQLite must keep far ahead of the Go.Data writes
  // (a few hundred per second). Measured 15 600–25 400 rows/s on this machine's disk.
  {
    id: 'store-paged-writes',
    scenario: 'store',
    metric: 'paged_rows_per_s',
    kind: 'min',
    bound: 4_000,
    unit: 'rows/s',
    label: 'ID-map + outcome rows written per second',
  },
  // Every record of a re-run is looked up in the ID map before it is found unchanged. Measured 106 000–183 000/s.
  {
    id: 'store-lookups',
    scenario: 'store',
    metric: 'lookups_per_s',
    kind: 'min',
    bound: 30_000,
    unit: 'lookups/s',
    label: 'ID-map lookups per second',
  },
  // The engine pages through DHIS2 with async iterators and keeps nothing per record but its outcome key: a
  // 200 000-case seeding must fit comfortably on a laptop next to Electron's renderer. Measured 197 MB at 5 000
  // cases, 272 MB at 200 000 (about 100 MB of it is Node, tsx and the loaded modules).
  {
    id: 'sync-engine-rss',
    scenario: 'sync',
    metric: 'engine_peak_rss_mb',
    kind: 'max',
    bound: 400,
    unit: 'MB',
    label: 'engine peak RSS during the seeding',
  },
  // Retained heap gained per record read within a stage. Today ≈ 110–150 B/record: the run's outcome keys
  // (pipeline/recorder.ts, docs/BENCHMARKS.md); more than this means something else started holding records.
  {
    id: 'sync-heap-per-record',
    scenario: 'sync',
    metric: 'heap_growth_bytes_per_record',
    kind: 'max',
    bound: 300,
    unit: 'B/record',
    label: 'retained heap growth per record read',
  },
  // End-to-end seeding throughput over the record stages (cases, events, contacts). Bounded by person creates,
  // which Go.Data needs one at a time per outbreak; measured 245–434 records/s from 5 000 to 200 000 cases.
  {
    id: 'sync-throughput',
    scenario: 'sync',
    metric: 'records_per_s',
    kind: 'min',
    bound: (r) => (loopback(r) ? 120 : undefined),
    unit: 'records/s',
    label: 'records seeded per second',
  },
  // An immediate re-run sends nothing: every record is unchanged by hash, or not read at all (watermarks).
  {
    id: 'rerun-writes-nothing',
    scenario: 'sync',
    metric: 'rerun_written',
    kind: 'max',
    bound: 0,
    unit: 'writes',
    label: 'records written by the immediate re-run',
  },
  // …and reads almost nothing: only records at the watermark's edge (and open issues it retries).
  {
    id: 'rerun-reads-little',
    scenario: 'sync',
    metric: 'rerun_records_read',
    kind: 'max',
    bound: (r) => Math.ceil((r.metrics.records_read ?? 0) * 0.01) + 10,
    unit: 'records',
    label: 'records read by the immediate re-run',
  },
  // A scheduled no-op sync must be cheap whatever the size: it re-reads the org-unit tree and the watermark edges.
  {
    id: 'rerun-time',
    scenario: 'sync',
    metric: 'rerun_seconds',
    kind: 'max',
    bound: 5,
    unit: 's',
    label: 'immediate re-run wall time',
  },
];

export function evaluateTargets(
  results: readonly ScenarioResult[],
  targets: readonly Target[] = TARGETS,
): TargetOutcome[] {
  const outcomes: TargetOutcome[] = [];
  for (const target of targets) {
    const result = results.find((r) => r.scenario === target.scenario);
    if (!result) continue;
    const { id, scenario, label, metric, kind, unit } = target;
    const bound = typeof target.bound === 'number' ? target.bound : target.bound(result);
    const value = result.metrics[metric];
    let status: TargetStatus;
    if (bound === undefined) status = 'n/a';
    else if (value === undefined || Number.isNaN(value)) status = 'not measured';
    else status = (kind === 'max' ? value <= bound : value >= bound) ? 'met' : 'missed';
    outcomes.push({
      id,
      scenario,
      label,
      metric,
      kind,
      unit,
      status,
      ...(value !== undefined ? { value } : {}),
      ...(bound !== undefined ? { bound } : {}),
    });
  }
  return outcomes;
}

/** A missed target, or one whose figure the run did not produce, fails the bench. */
export const failed = (outcomes: readonly TargetOutcome[]): TargetOutcome[] =>
  outcomes.filter((o) => o.status === 'missed' || o.status === 'not measured');
