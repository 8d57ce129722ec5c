import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { DEMO_CREDENTIALS } from '../../../simulators/demo.js';

/** The headless CLI (`main/cli/bin.ts`) in a child process, as a scheduled task would run it. */
export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliProcess {
  child: ChildProcess;
  done: Promise<CliResult>;
}

const ROOT = path.resolve(import.meta.dirname, '../../..');

export function startCli(args: string[]): CliProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'main/cli/bin.ts', ...args], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DHIS2_USERNAME: DEMO_CREDENTIALS.dhis2.username,
      DHIS2_PASSWORD: DEMO_CREDENTIALS.dhis2.password,
      GODATA_USERNAME: DEMO_CREDENTIALS.godata.username,
      GODATA_PASSWORD: DEMO_CREDENTIALS.godata.password,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<CliResult>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, done };
}

/** `sync --json` stage lines, as the CLI prints them. */
export interface CliStageLine {
  stage: string;
  runId?: number;
  status: string;
  read: number;
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
  deferred: number;
}

export function stageLines(result: CliResult): CliStageLine[] {
  const line = result.stdout.trim().split('\n').pop() ?? '';
  try {
    return (JSON.parse(line) as { stages: CliStageLine[] }).stages;
  } catch {
    throw new Error(
      `the CLI printed no JSON result (exit ${result.code}):\n${result.stdout}\n${result.stderr}`,
    );
  }
}
