/** What every scenario hands back: its parameters, named figures, and rows for a detail table. */
export interface ScenarioResult {
  scenario: ScenarioName;
  params: Record<string, number | string>;
  /** Flat figures the targets read (`records_per_s`, `peak_rss_mb` …). */
  metrics: Record<string, number>;
  /** Optional breakdown (one row per stage, per checkpoint …) printed under the summary. */
  detail?: Array<Record<string, number | string>>;
  notes?: string[];
  /** Raw samples kept in the results file, not printed (memory over pages, heap over records …). */
  series?: Record<string, Array<Record<string, number | string>>>;
}

export const SCENARIOS = ['dhis2-paging', 'mapping', 'store', 'sync'] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

/** Sizes and switches from the command line; each scenario picks what applies to it. */
export interface BenchSettings {
  /** Cases (sync, paging dataset), records (mapping) or rows (store); undefined = the scenario's moderate default. */
  cases?: number;
  contacts?: number;
  events?: number;
  /** dhis2-paging: stop after this many pages (default: read the whole program). */
  pages?: number;
  /** Rows per page or transaction where a scenario pages (default: what the engine uses). */
  pageSize?: number;
  /** Latency the simulators add to every answer (sync, dhis2-paging); 0 = loopback speed. */
  latencyMs: number;
  dhis2Version: string;
  godataVersion: '2.48' | '2.50';
  seed: number;
  /** Progress lines on stderr. */
  log: (line: string) => void;
}

export const round = (value: number, digits = 1): number => {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
};

export function seconds(startNs: bigint): number {
  return Number(process.hrtime.bigint() - startNs) / 1e9;
}
