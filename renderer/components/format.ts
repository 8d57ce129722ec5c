import { OUTCOMES, type Outcome, type OutcomeCounts, type RunStatus } from '../../shared/stages.js';

const number = new Intl.NumberFormat('en');

export function formatNumber(n: number): string {
  return number.format(n);
}

/** Local date and time, readable; the raw value when it is not a date. */
export function formatDateTime(iso: string | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}

/** "3 min 20 s" between two instants (or until now while running). */
export function formatDuration(startIso: string, endIso?: string, now: number = Date.now()): string {
  const start = new Date(startIso).getTime();
  const end = endIso ? new Date(endIso).getTime() : now;
  if (Number.isNaN(start) || Number.isNaN(end) || end < start) return '';
  const seconds = Math.round((end - start) / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${seconds % 60} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

export const OUTCOME_TEXT: Readonly<Record<Outcome, string>> = {
  created: 'Created',
  updated: 'Updated',
  unchanged: 'Unchanged',
  skipped: 'Skipped',
  failed: 'Failed',
  deferred: 'Deferred',
  deleted: 'Deleted',
};

export const RUN_STATUS_TEXT: Readonly<Record<RunStatus, string>> = {
  running: 'Running',
  completed: 'Completed',
  failed: 'Failed',
  cancelled: 'Cancelled',
  interrupted: 'Interrupted',
};

/**
 * Every record read ends in exactly one outcome, so read = created + updated + unchanged + skipped + failed +
 * deferred + deleted. `unaccounted` is what a run has read but not yet settled (non-zero while running).
 */
export function countsBreakdown(counts: OutcomeCounts): {
  rows: { outcome: Outcome; count: number }[];
  settled: number;
  unaccounted: number;
} {
  const rows = OUTCOMES.map((outcome) => ({ outcome, count: counts[outcome] }));
  const settled = rows.reduce((n, r) => n + r.count, 0);
  return { rows, settled, unaccounted: counts.read - settled };
}

/** "1,204 read: 1,100 created, 4 failed" — only the non-zero outcomes. */
export function countsSentence(counts: OutcomeCounts): string {
  const parts = countsBreakdown(counts)
    .rows.filter((r) => r.count > 0)
    .map((r) => `${formatNumber(r.count)} ${OUTCOME_TEXT[r.outcome].toLowerCase()}`);
  return `${formatNumber(counts.read)} read${parts.length > 0 ? `: ${parts.join(', ')}` : ''}`;
}
