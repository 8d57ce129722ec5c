import { spawn } from 'node:child_process';
import path from 'node:path';
import { USAGE, UsageError, parseBenchArgs, type BenchArgs } from './args.js';
import { machine, scenarioText, targetsText, writeReport, type ScenarioFailure } from './report.js';
import type { BenchSettings, ScenarioName, ScenarioResult } from './scenario.js';
import { ROOT } from './sim-process.js';
import { evaluateTargets, failed } from './targets.js';

export const DEFAULT_RESULTS = path.join(ROOT, 'bench', 'results', 'latest.json');

/** One scenario in a fresh process (see child.ts): its memory figures are its own, not the earlier scenarios'. */
function runScenario(name: ScenarioName, settings: Omit<BenchSettings, 'log'>): Promise<ScenarioResult> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'bench/child.ts', name, JSON.stringify(settings)],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => {
      const line = stdout.trim().split('\n').pop() ?? '';
      if (code !== 0) return reject(new Error(`the ${name} scenario exited with status ${code}`));
      try {
        resolve(JSON.parse(line) as ScenarioResult);
      } catch {
        reject(new Error(`the ${name} scenario printed no result`));
      }
    });
  });
}

async function main(argv: string[]): Promise<number> {
  let args: BenchArgs;
  try {
    args = parseBenchArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const { scenarios, out, help: _help, ...settings } = args;
  const startedAt = new Date().toISOString();
  const results: ScenarioResult[] = [];
  const failures: ScenarioFailure[] = [];
  for (const name of scenarios) {
    process.stderr.write(`\n▶ ${name}\n`);
    const started = Date.now();
    try {
      const result = await runScenario(name, settings);
      results.push(result);
      process.stdout.write(scenarioText(result));
      process.stderr.write(`  (${((Date.now() - started) / 1000).toFixed(0)} s)\n`);
    } catch (error) {
      failures.push({ scenario: name, error: (error as Error).message });
      process.stdout.write(`\n== ${name}: FAILED — ${(error as Error).message}\n`);
    }
  }
  const targets = evaluateTargets(results);
  process.stdout.write(targetsText(targets));
  const file = out ? path.resolve(out) : DEFAULT_RESULTS;
  await writeReport(file, {
    startedAt,
    finishedAt: new Date().toISOString(),
    machine: machine(),
    argv,
    results,
    failures,
    targets,
  });
  const misses = failed(targets);
  const met = targets.filter((t) => t.status === 'met').length;
  const applicable = targets.filter((t) => t.status !== 'n/a').length;
  process.stdout.write(
    `\n${met} of ${applicable} targets met` +
      (failures.length > 0 ? `; ${failures.length} scenario(s) failed` : '') +
      `. Results: ${path.relative(process.cwd(), file)}\n`,
  );
  return misses.length > 0 || failures.length > 0 ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
