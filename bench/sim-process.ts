import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

/** The repository root (bench/ sits directly under it). */
export const ROOT = path.resolve(import.meta.dirname, '..');

export interface SimProcessOptions {
  cases: number;
  contacts: number;
  events: number;
  seed?: number;
  dhis2Version?: string;
  godataVersion?: '2.48' | '2.50';
  /** Added to every answer of both simulators (`--latency-ms`). */
  latencyMs?: number;
  /** How long generation and start-up may take. */
  startTimeoutMs?: number;
}

export interface SimProcess {
  pid: number;
  dhis2Url: string;
  godataUrl: string;
  stop(): Promise<void>;
}

/** The URLs `simulators/cli.ts` prints once both servers listen. */
export function parseSimulatorBanner(text: string): { dhis2Url?: string; godataUrl?: string } {
  const url = (label: string) =>
    new RegExp(`^${label} \\S+ simulator:\\s+(http://\\S+)`, 'm').exec(text)?.[1];
  return { dhis2Url: url('DHIS2'), godataUrl: url('Go\\.Data') };
}

/**
 * Both simulators in a child process (`simulators/cli.ts`, as `npm run sim` runs it) on free ports, so their memory
 * and CPU are theirs and not the engine's. `node --import tsx` rather than the `tsx` binary: the pid is then the
 * simulator itself, not a wrapper, and its `/proc/<pid>/status` is the simulator's memory.
 */
export function startSimulatorProcess(options: SimProcessOptions): Promise<SimProcess> {
  const args = [
    '--import',
    'tsx',
    'simulators/cli.ts',
    '--dhis2-port',
    '0',
    '--godata-port',
    '0',
    '--cases',
    String(options.cases),
    '--contacts',
    String(options.contacts),
    '--events',
    String(options.events),
    '--seed',
    String(options.seed ?? 42),
    '--dhis2-version',
    options.dhis2Version ?? '2.40',
    '--godata-version',
    options.godataVersion ?? '2.50',
    '--latency-ms',
    String(options.latencyMs ?? 0),
  ];
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise<SimProcess>((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(
      () => fail(new Error(`the simulators did not start within ${options.startTimeoutMs ?? 120_000} ms`)),
      options.startTimeoutMs ?? 120_000,
    );
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${error.message}\n${stdout}${stderr}`));
    };
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const { dhis2Url, godataUrl } = parseSimulatorBanner(stdout);
      if (!dhis2Url || !godataUrl || child.pid === undefined) return;
      clearTimeout(timer);
      resolve({ pid: child.pid, dhis2Url, godataUrl, stop: () => stopChild(child) });
    });
    child.once('error', fail);
    child.once('exit', (code, signal) =>
      fail(new Error(`the simulators exited before listening (code ${code}, signal ${signal})`)),
    );
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.removeAllListeners('exit');
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
