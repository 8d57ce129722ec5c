import { parseArgs } from 'node:util';
import { SCENARIOS, type ScenarioName } from './scenario.js';

export const USAGE = `Usage: npm run bench -- [scenario …] [options]

Scenarios (default: all, at moderate sizes)
  dhis2-paging   DHIS2 simulator (child process) paging a generated case program to the engine's client
  mapping        mapping + Go.Data validation throughput of the default COVID-19 mapping
  store          SQLite writes of ID-map rows and outcomes in page-sized transactions
  sync           full seeding of a blank Go.Data (all stages), then an immediate no-op re-run

Options
  --cases N          size: cases (sync, dhis2-paging dataset), records (mapping) or rows (store);
                     --cases 200000 is the full-size run
  --contacts N       sync: contacts (default 2 per case)
  --events N         sync: events (default 1 per 2 cases)
  --pages N          dhis2-paging: stop after N pages (default: the whole program)
  --page-size N      dhis2-paging: tracked entities per page; store: rows per transaction (default 200)
  --dhis2-version V  simulated DHIS2 (default 2.40)
  --godata-version V simulated Go.Data, 2.48 or 2.50 (default 2.50)
  --latency-ms N     sync, dhis2-paging: latency the simulators add to every answer, as a real network
                     would (jitter up to half of it); throughput targets do not apply then
  --seed N           data generator seed (default 42)
  --out FILE         results file (default bench/results/latest.json)

Prints a table, marks each target met or missed, writes the results as JSON, and exits 1 when a target is missed
or a scenario failed (2 on bad usage).
`;

export class UsageError extends Error {}

export interface BenchArgs {
  help: boolean;
  scenarios: ScenarioName[];
  cases?: number;
  contacts?: number;
  events?: number;
  pages?: number;
  pageSize?: number;
  latencyMs: number;
  dhis2Version: string;
  godataVersion: '2.48' | '2.50';
  seed: number;
  out?: string;
}

function count(value: string | undefined, flag: string, min = 0): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value.replaceAll('_', ''));
  if (!Number.isInteger(n) || n < min)
    throw new UsageError(`--${flag} must be a whole number ≥ ${min}, got "${value}"`);
  return n;
}

export function parseBenchArgs(argv: string[]): BenchArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        cases: { type: 'string' },
        contacts: { type: 'string' },
        events: { type: 'string' },
        pages: { type: 'string' },
        'page-size': { type: 'string' },
        'latency-ms': { type: 'string' },
        'dhis2-version': { type: 'string', default: '2.40' },
        'godata-version': { type: 'string', default: '2.50' },
        seed: { type: 'string', default: '42' },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  const unknown = positionals.filter((p) => p !== 'all' && !(SCENARIOS as readonly string[]).includes(p));
  if (unknown.length > 0)
    throw new UsageError(
      `Unknown scenario ${unknown.map((u) => `"${u}"`).join(', ')}: use ${SCENARIOS.join(', ')} or all`,
    );
  const named = positionals.filter((p): p is ScenarioName => p !== 'all');
  const scenarios =
    named.length === 0 || positionals.includes('all')
      ? [...SCENARIOS]
      : SCENARIOS.filter((s) => named.includes(s));
  const godataVersion = values['godata-version'];
  if (godataVersion !== '2.48' && godataVersion !== '2.50')
    throw new UsageError('--godata-version must be 2.48 or 2.50');
  return {
    help: values.help,
    scenarios,
    cases: count(values.cases, 'cases', 1),
    contacts: count(values.contacts, 'contacts'),
    events: count(values.events, 'events'),
    pages: count(values.pages, 'pages', 1),
    pageSize: count(values['page-size'], 'page-size', 1),
    latencyMs: count(values['latency-ms'], 'latency-ms') ?? 0,
    dhis2Version: values['dhis2-version'],
    godataVersion,
    seed: count(values.seed, 'seed') ?? 42,
    out: values.out,
  };
}
