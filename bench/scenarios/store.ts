import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { godataPersonId } from '../../main/pipeline/ids.js';
import { Store, type OutcomeInput, type TargetStore } from '../../main/store/index.js';
import { round, seconds, type BenchSettings, type ScenarioResult } from '../scenario.js';

export const STORE_DEFAULT_ROWS = 100_000;
/** The engine's tracked-entity page size: one page of outcomes is one transaction. */
const DEFAULT_PAGE = 200;

interface Row {
  uid: string;
  godataId: string;
}

/** DHIS2-looking uids and their Go.Data ids, made before the clock starts so only SQLite is timed. */
function makeRows(n: number): Row[] {
  return Array.from({ length: n }, (_, i) => {
    const uid = `B${i.toString(36).padStart(10, '0')}`;
    return { uid, godataId: godataPersonId('case', uid) };
  });
}

function outcomeOf(row: Row): OutcomeInput {
  return { entity: 'case', dhis2Uid: row.uid, outcome: 'created', godataId: row.godataId };
}

function recordIdMap(target: TargetStore, row: Row): void {
  target.idMap.record({
    entity: 'case',
    dhis2Uid: row.uid,
    godataId: row.godataId,
    outbreakId: 'f0a1b2c3-0000-4000-8000-000000000001',
    sourceUpdatedAt: '2024-01-01T00:00:00.000Z',
    payloadHash: 'x'.repeat(32),
  });
}

/**
 * SQLite write throughput on a real file (WAL, as the app opens it), through the store's own repositories:
 * 1. `paged`: ID-map rows and outcomes of a page committed together in one transaction per page;
 * 2. `engine`: the pattern the pipeline uses today — each ID-map row its own autocommit (person-writer), outcomes
 *    in one transaction per 500, and an open-issue delete per outcome (recorder.flush), each its own autocommit;
 * 3. `lookups`: ID-map reads by uid, what every record of a re-run costs before it is found unchanged.
 */
export function storeScenario(settings: BenchSettings): ScenarioResult {
  const rows = settings.cases ?? STORE_DEFAULT_ROWS;
  const pageSize = settings.pageSize ?? DEFAULT_PAGE;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-store-'));
  try {
    settings.log(`store: ${rows} rows in pages of ${pageSize} (${dir})`);
    const data = makeRows(rows);
    const paged = new Store(path.join(dir, 'paged.sqlite'));
    const pagedTarget = paged.forTarget('http://dhis2.bench', 'http://godata.bench');
    const pagedRun = pagedTarget.runs.start('cases');
    let started = process.hrtime.bigint();
    for (let first = 0; first < rows; first += pageSize) {
      const last = Math.min(rows, first + pageSize);
      paged.transaction(() => {
        const outcomes: OutcomeInput[] = [];
        for (const row of data.slice(first, last)) {
          recordIdMap(pagedTarget, row);
          outcomes.push(outcomeOf(row));
        }
        pagedTarget.runs.recordOutcomes(pagedRun, outcomes);
      });
    }
    const pagedSeconds = seconds(started);

    started = process.hrtime.bigint();
    let found = 0;
    for (const row of data) if (pagedTarget.idMap.get('case', row.uid)) found++;
    const lookupSeconds = seconds(started);
    if (found !== rows) throw new Error(`store: ${found} of ${rows} ID-map rows read back`);
    paged.close();

    settings.log('store: the engine pattern (ID-map autocommit per row, issue delete per outcome)');
    const engine = new Store(path.join(dir, 'engine.sqlite'));
    const engineTarget = engine.forTarget('http://dhis2.bench', 'http://godata.bench');
    const engineRun = engineTarget.runs.start('cases');
    started = process.hrtime.bigint();
    let buffer: OutcomeInput[] = [];
    const flush = () => {
      engineTarget.runs.recordOutcomes(engineRun, buffer);
      for (const o of buffer) engineTarget.issues.resolve(o.entity, o.dhis2Uid);
      buffer = [];
    };
    for (const row of data) {
      recordIdMap(engineTarget, row);
      buffer.push(outcomeOf(row));
      if (buffer.length >= 500) flush();
    }
    flush();
    const engineSeconds = seconds(started);
    engine.close();
    const fileMb = fs.statSync(path.join(dir, 'paged.sqlite')).size / 1024 / 1024;

    return {
      scenario: 'store',
      params: { rows, page_size: pageSize },
      metrics: {
        paged_rows_per_s: round(rows / pagedSeconds, 0),
        paged_seconds: round(pagedSeconds, 2),
        engine_pattern_rows_per_s: round(rows / engineSeconds, 0),
        engine_pattern_seconds: round(engineSeconds, 2),
        lookups_per_s: round(rows / lookupSeconds, 0),
        file_mb: round(fileMb),
      },
      notes: [
        'A row is one ID-map upsert plus one outcome upsert (the engine pattern adds one open-issue delete).',
      ],
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
