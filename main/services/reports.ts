import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'csv-stringify';
import { AppError } from '../../shared/result.js';
import type { Outcome, OutcomeRecord } from '../../shared/stages.js';
import type { RunsRepo } from '../store/index.js';

export const REPORT_COLUMNS = [
  'entity',
  'dhis2Uid',
  'outcome',
  'godataId',
  'reason',
  'details',
  'at',
] as const;

/** Every outcome of a run, read page by page so a 200,000-record run never sits in memory at once. */
export function* outcomesOf(
  runs: RunsRepo,
  runId: number,
  outcome?: Outcome,
  pageSize = 5_000,
): Generator<OutcomeRecord> {
  for (let offset = 0; ; offset += pageSize) {
    const page = runs.outcomes(runId, { outcome, limit: pageSize, offset });
    yield* page;
    if (page.length < pageSize) return;
  }
}

/** Writes a run's outcomes as CSV or JSON and returns how many rows were written. */
export async function writeReport(
  runs: RunsRepo,
  runId: number,
  format: 'csv' | 'json',
  out: NodeJS.WritableStream,
): Promise<number> {
  let rows = 0;
  if (format === 'json') {
    const summary = runs.get(runId);
    out.write(`{"run":${JSON.stringify(summary)},"outcomes":[`);
    for (const record of outcomesOf(runs, runId)) {
      out.write(`${rows++ === 0 ? '\n' : ',\n'}${JSON.stringify(record)}`);
    }
    out.write('\n]}\n');
    return rows;
  }
  const csv = stringify({ header: true, columns: [...REPORT_COLUMNS] });
  csv.pipe(out, { end: false });
  for (const record of outcomesOf(runs, runId)) {
    if (!csv.write(record)) await new Promise((resolve) => csv.once('drain', resolve));
    rows++;
  }
  csv.end();
  await new Promise((resolve) => csv.once('end', resolve));
  return rows;
}

/** Saves a report file in the data folder's `reports/`. */
export async function exportReport(
  runs: RunsRepo,
  dataDir: string,
  runId: number,
  format: 'csv' | 'json',
): Promise<{ path: string; rows: number }> {
  const summary = runs.get(runId);
  if (!summary) throw new AppError('not-found', `There is no run ${runId}.`);
  const dir = path.join(dataDir, 'reports');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `run-${runId}-${summary.stage}.${format}`);
  const stream = fs.createWriteStream(file);
  const rows = await writeReport(runs, runId, format, stream);
  await new Promise<void>((resolve, reject) =>
    stream.end((error?: Error | null) => (error ? reject(error) : resolve())),
  );
  return { path: file, rows };
}
