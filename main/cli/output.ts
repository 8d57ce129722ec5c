import { OUTCOMES, type RunSummary, type StageProgress } from '../../shared/stages.js';

/** Progress goes to stderr (humans), results to stdout (machines). */
export function progressPrinter(stream: NodeJS.WritableStream = process.stderr) {
  return (p: StageProgress) => {
    const c = p.counts;
    const parts = [
      `read ${c.read}`,
      `created ${c.created}`,
      `updated ${c.updated}`,
      `unchanged ${c.unchanged}`,
    ];
    for (const key of ['skipped', 'failed', 'deferred', 'deleted'] as const)
      if (c[key] > 0) parts.push(`${key} ${c[key]}`);
    stream.write(`[${p.stage}] ${p.phase}${p.total ? ` (of ${p.total})` : ''}: ${parts.join(', ')}\n`);
  };
}

export interface StageLine {
  stage: string;
  runId?: number;
  status: string;
  read: number;
  created: number;
  updated: number;
  unchanged: number;
  skipped: number;
  failed: number;
  deferred: number;
  deleted: number;
  error?: string;
}

export function stageLine(summary: RunSummary | undefined, stage: string, error?: string): StageLine {
  const c = summary?.counts;
  return {
    stage,
    ...(summary ? { runId: summary.id } : {}),
    status: summary?.status ?? 'not run',
    read: c?.read ?? 0,
    created: c?.created ?? 0,
    updated: c?.updated ?? 0,
    unchanged: c?.unchanged ?? 0,
    skipped: c?.skipped ?? 0,
    failed: c?.failed ?? 0,
    deferred: c?.deferred ?? 0,
    deleted: c?.deleted ?? 0,
    ...(error ? { error } : {}),
  };
}

export function table(lines: StageLine[]): string {
  const header = ['stage', 'status', 'read', ...OUTCOMES] as const;
  const rows = [header.map(String), ...lines.map((l) => header.map((h) => String(l[h])))];
  const widths = header.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  const text = rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ')).join('\n');
  const errors = lines.filter((l) => l.error).map((l) => `${l.stage}: ${l.error}`);
  return [text, ...errors].join('\n') + '\n';
}
