import { parseArgs } from 'node:util';
import { STAGES, type StageName } from '../../shared/stages.js';

export class UsageError extends Error {}

export const USAGE = `Usage: godata-bridge <command> [options]

Commands
  sync      Run one stage or all stages in order (locations, outbreaks, cases, events, contacts)
  test      Test both connections and show the server versions
  metadata  Pull DHIS2 metadata (programs, option sets, org-unit levels) into the data folder
  drift     Show how the DHIS2 org-unit tree changed since it was mirrored
  status    Show each stage's state and last run
  report    Write a run's outcomes as CSV or JSON

Options
  --dhis2-url URL        DHIS2 root (default: the connection saved in the app)
  --godata-url URL       Go.Data root (default: the connection saved in the app)
  --stage NAME|all       sync: the stage to run (default all)
  --data-dir DIR         folder of the SQLite database (default: the app's data folder)
  --mapping FILE         mapping JSON (default: the mapping saved in the app, else the COVID-19 default)
  --apply-drift          sync: mirror DHIS2 tree changes into Go.Data locations
  --full-resync          sync: read everything again (unchanged records are still not re-sent)
  --json                 machine-readable output on stdout
  --run ID               report: the run (default: the latest run)
  --format csv|json      report: output format (default csv)
  --out FILE             report/metadata: write to a file instead of stdout
  --demo                 start the bundled simulators and seed the demo Go.Data end to end

Credentials come from the OS keychain (as saved by the app) or, for unattended use, from the environment:
  DHIS2_USERNAME + DHIS2_PASSWORD, or DHIS2_TOKEN;  GODATA_USERNAME + GODATA_PASSWORD
Progress is written to stderr; the result to stdout. Exit status 0 on success, 1 when a stage failed, 2 on bad usage.
`;

export interface CliArgs {
  command: string;
  dhis2Url?: string;
  godataUrl?: string;
  stage: StageName | 'all';
  dataDir?: string;
  mapping?: string;
  applyDrift: boolean;
  fullResync: boolean;
  json: boolean;
  run?: number;
  format: 'csv' | 'json';
  out?: string;
  demo: boolean;
}

export function parseCli(argv: string[]): CliArgs {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'dhis2-url': { type: 'string' },
      'godata-url': { type: 'string' },
      stage: { type: 'string', default: 'all' },
      'data-dir': { type: 'string' },
      mapping: { type: 'string' },
      'apply-drift': { type: 'boolean', default: false },
      'full-resync': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      run: { type: 'string' },
      format: { type: 'string', default: 'csv' },
      out: { type: 'string' },
      demo: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const command = values.help ? 'help' : (positionals[0] ?? (values.demo ? 'sync' : 'help'));
  const stage = values.stage;
  if (stage !== 'all' && !(STAGES as readonly string[]).includes(stage)) {
    throw new UsageError(`Unknown stage "${stage}": use one of ${STAGES.join(', ')} or all`);
  }
  if (values.format !== 'csv' && values.format !== 'json')
    throw new UsageError('--format must be csv or json');
  const run = values.run === undefined ? undefined : Number(values.run);
  if (run !== undefined && !Number.isInteger(run)) throw new UsageError('--run must be a run number');
  return {
    command,
    dhis2Url: values['dhis2-url'],
    godataUrl: values['godata-url'],
    stage: stage as StageName | 'all',
    dataDir: values['data-dir'],
    mapping: values.mapping,
    applyDrift: values['apply-drift'],
    fullResync: values['full-resync'],
    json: values.json,
    run,
    format: values.format,
    out: values.out,
    demo: values.demo,
  };
}
