import { RUNNERS } from './scenarios/index.js';
import { SCENARIOS, type BenchSettings, type ScenarioName } from './scenario.js';

/**
 * Runs one scenario in a process of its own (started by `bench/index.ts`), so memory figures are that scenario's
 * alone: argv is the scenario name and its settings as JSON; the result goes to stdout as one JSON line, progress
 * to stderr.
 */
async function main(): Promise<void> {
  const [name, json] = process.argv.slice(2);
  if (!(SCENARIOS as readonly string[]).includes(name ?? '') || json === undefined) {
    throw new Error(`usage: bench/child.ts <${SCENARIOS.join('|')}> <settings JSON>`);
  }
  const settings: BenchSettings = {
    ...(JSON.parse(json) as Omit<BenchSettings, 'log'>),
    log: (line) => process.stderr.write(`  ${line}\n`),
  };
  const result = await RUNNERS[name as ScenarioName](settings);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
