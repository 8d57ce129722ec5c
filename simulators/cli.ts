import { parseArgs } from 'node:util';
import { parseFaultSpec, type FaultConfig } from './common/faults.js';
import { DEMO_CREDENTIALS, DEMO_SIZES, startDemoSimulators } from './demo.js';

const USAGE = `Usage: npm run sim -- [options]

  --dhis2-port N          DHIS2 simulator port (default 8080)
  --godata-port N         Go.Data simulator port (default 8000)
  --dhis2-version V       2.36 … 2.43 (default 2.40)
  --godata-version V      2.48 or 2.50 (default 2.50)
  --dataset demo|DIR      generated demo data on real Sierra Leone metadata, or a folder of DHIS2 exports
  --cases N --contacts N --events N   demo sizes (default ${DEMO_SIZES.cases} / ${DEMO_SIZES.contacts} / ${DEMO_SIZES.events})
  --package-release 2021|1.0.X        which COVID-19 package option codes the demo uses (default 2021)
  --seed N                seeds the data generator and the faults (default ${DEMO_SIZES.seed})
  --latency-ms N          latency added to every answer of both simulators (jitter up to half of it)
  --dhis2-faults SPEC     e.g. 5xx=0.05,reset=0.02,429=0.01,timeout=0.01
  --godata-faults SPEC
  --godata-token-ttl S    Go.Data token lifetime in seconds (default 600, sliding)
`;

function int(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number, got "${value}"`);
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'dhis2-port': { type: 'string' },
      'godata-port': { type: 'string' },
      'dhis2-version': { type: 'string', default: '2.40' },
      'godata-version': { type: 'string', default: '2.50' },
      dataset: { type: 'string', default: 'demo' },
      cases: { type: 'string' },
      contacts: { type: 'string' },
      events: { type: 'string' },
      'package-release': { type: 'string', default: '2021' },
      seed: { type: 'string' },
      'latency-ms': { type: 'string' },
      'dhis2-faults': { type: 'string' },
      'godata-faults': { type: 'string' },
      'godata-token-ttl': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  const godataVersion = values['godata-version'];
  if (godataVersion !== '2.48' && godataVersion !== '2.50')
    throw new Error('--godata-version must be 2.48 or 2.50');
  const release = values['package-release'];
  if (release !== '2021' && release !== '1.0.X') throw new Error('--package-release must be 2021 or 1.0.X');
  const latencyMs = int(values['latency-ms'], 'latency-ms', 0);
  const faults = (spec: string | undefined): Partial<FaultConfig> => ({
    rates: parseFaultSpec(spec),
    latencyMs,
    jitterMs: Math.floor(latencyMs / 2),
  });
  const sims = await startDemoSimulators({
    dhis2Port: int(values['dhis2-port'], 'dhis2-port', 8080),
    godataPort: int(values['godata-port'], 'godata-port', 8000),
    dhis2Version: values['dhis2-version'],
    godataVersion,
    dataset: values.dataset,
    cases: int(values.cases, 'cases', DEMO_SIZES.cases),
    contacts: int(values.contacts, 'contacts', DEMO_SIZES.contacts),
    events: int(values.events, 'events', DEMO_SIZES.events),
    seed: int(values.seed, 'seed', DEMO_SIZES.seed),
    packageRelease: release,
    dhis2Faults: faults(values['dhis2-faults']),
    godataFaults: faults(values['godata-faults']),
    godataTokenTtlSeconds: values['godata-token-ttl']
      ? int(values['godata-token-ttl'], 'godata-token-ttl', 600)
      : undefined,
  });
  process.stdout.write(
    [
      `DHIS2 ${sims.dhis2.version} simulator:  ${sims.dhis2Url}   (Basic ${DEMO_CREDENTIALS.dhis2.username} / ${DEMO_CREDENTIALS.dhis2.password}${sims.dhis2.demoToken ? `, or ApiToken ${sims.dhis2.demoToken}` : ''})`,
      `Go.Data ${sims.godata.version} simulator: ${sims.godataUrl}   (${DEMO_CREDENTIALS.godata.username} / ${DEMO_CREDENTIALS.godata.password})`,
      'Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  );
  const stop = () => {
    void sims.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
  process.exit(2);
});
