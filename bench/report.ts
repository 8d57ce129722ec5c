import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as prettier from 'prettier';
import type { ScenarioName, ScenarioResult } from './scenario.js';
import { formatTable } from './table.js';
import type { TargetOutcome } from './targets.js';

export interface ScenarioFailure {
  scenario: ScenarioName;
  error: string;
}

export interface BenchReport {
  startedAt: string;
  finishedAt: string;
  machine: { cpus: number; cpuModel: string; memoryMb: number; node: string; platform: string };
  argv: string[];
  results: ScenarioResult[];
  failures: ScenarioFailure[];
  targets: TargetOutcome[];
}

export function machine(): BenchReport['machine'] {
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryMb: Math.round(os.totalmem() / 1024 / 1024),
    node: process.version,
    platform: `${process.platform} ${os.release()}`,
  };
}

export function scenarioText(result: ScenarioResult): string {
  const params = Object.entries(result.params)
    .map(([k, v]) => `${k}=${typeof v === 'number' ? v.toLocaleString('en-US') : v}`)
    .join(', ');
  const metrics = formatTable(Object.entries(result.metrics).map(([figure, value]) => ({ figure, value })));
  const detail = result.detail && result.detail.length > 0 ? `\n${formatTable(result.detail)}` : '';
  const notes = (result.notes ?? []).map((n) => `  note: ${n}\n`).join('');
  return `\n== ${result.scenario} (${params})\n${metrics}${detail}${notes}`;
}

export function targetsText(outcomes: readonly TargetOutcome[]): string {
  if (outcomes.length === 0) return '';
  const rows = outcomes.map((o) => ({
    target: o.id,
    figure: o.label,
    value: o.value === undefined ? '-' : `${o.value.toLocaleString('en-US')} ${o.unit}`,
    bound:
      o.bound === undefined
        ? '-'
        : `${o.kind === 'max' ? '≤' : '≥'} ${o.bound.toLocaleString('en-US')} ${o.unit}`,
    status: o.status === 'met' ? 'met' : o.status === 'missed' ? 'MISSED' : o.status,
  }));
  return `\n== targets\n${formatTable(rows)}`;
}

/**
 * Written as Prettier would format it: the file is git-ignored, but `npm run format:check` reads the working tree
 * (Prettier does not honour nested .gitignore files).
 */
export async function writeReport(file: string, report: BenchReport): Promise<void> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const options = (await prettier.resolveConfig(file)) ?? {};
  fs.writeFileSync(file, await prettier.format(JSON.stringify(report), { ...options, parser: 'json' }));
}
