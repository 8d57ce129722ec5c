import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Store } from './index.js';

let dir: string;
let store: Store;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gdb-store-'));
  store = Store.inDataDir(dir);
});
afterEach(() => {
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('store repositories', () => {
  it('saves connections without secrets and forgets the tested version when the URL changes', () => {
    store.connections.save({
      id: 'dhis2',
      url: 'https://play.dhis2.org',
      authKind: 'basic',
      username: 'admin',
    });
    store.connections.markTested('dhis2', '2.40.3');
    expect(store.connections.get('dhis2')).toMatchObject({ serverVersion: '2.40.3', username: 'admin' });
    store.connections.save({ id: 'dhis2', url: 'https://other.org', authKind: 'token' });
    expect(store.connections.get('dhis2')).toMatchObject({
      url: 'https://other.org',
      authKind: 'token',
      serverVersion: undefined,
    });
  });

  it('keeps a successful test only while the server and the credentials stay the same', () => {
    const godata = {
      id: 'godata',
      url: 'https://godata.org',
      authKind: 'basic',
      username: 'a@who.int',
    } as const;
    const tested = () => store.connections.get('godata')?.lastTestedAt;
    store.connections.save(godata, true);
    store.connections.markTested('godata', '2.50.1');
    store.connections.save(godata);
    expect(tested(), 'saved again unchanged').toBeDefined();
    store.connections.save(godata, true);
    expect(tested(), 'new password').toBeUndefined();
    store.connections.markTested('godata', '2.50.1');
    store.connections.save({ ...godata, username: 'b@who.int' });
    expect(tested(), 'other user').toBeUndefined();
    store.connections.markTested('godata', '2.50.1');
    store.connections.markUntested('godata');
    expect(tested(), 'credentials refused').toBeUndefined();
    expect(store.connections.get('godata')?.serverVersion).toBe('2.50.1');
  });

  it('scopes the ID map to a DHIS2 → Go.Data pair and normalises URLs', () => {
    const a = store.forTarget('https://dhis2.org/', 'https://godata.org');
    const same = store.forTarget('https://dhis2.org', 'https://godata.org/');
    const other = store.forTarget('https://dhis2.org', 'https://godata-2.org');
    expect(same.targetId).toBe(a.targetId);
    a.idMap.record({ entity: 'case', dhis2Uid: 'te1', godataId: 'g1', outbreakId: 'o1', payloadHash: 'h1' });
    a.idMap.record({ entity: 'case', dhis2Uid: 'te1', godataId: 'g1', outbreakId: 'o1', payloadHash: 'h2' });
    expect(a.idMap.get('case', 'te1')).toMatchObject({ godataId: 'g1', payloadHash: 'h2', deleted: false });
    expect(a.idMap.byGodataId('case', 'g1')?.dhis2Uid).toBe('te1');
    expect(a.idMap.count('case')).toBe(1);
    expect(other.idMap.get('case', 'te1')).toBeUndefined();
    a.idMap.markDeleted('case', 'te1');
    expect(a.idMap.count('case')).toBe(0);
  });

  it('derives outcome counts from the recorded outcomes, keeping one outcome per record and run', () => {
    const t = store.forTarget('https://d', 'https://g');
    const run = t.runs.start('cases', { programs: ['uYjxkTbwRNf'] });
    t.runs.recordOutcomes(run, [
      { entity: 'case', dhis2Uid: 'a', outcome: 'created', godataId: 'ga' },
      { entity: 'case', dhis2Uid: 'b', outcome: 'failed', reason: 'gender: value "X" has no mapping' },
      { entity: 'case', dhis2Uid: 'c', outcome: 'unchanged' },
    ]);
    t.runs.recordOutcomes(run, [{ entity: 'case', dhis2Uid: 'b', outcome: 'updated' }]);
    t.runs.finish(run, 'completed', 3);
    const summary = t.runs.latest('cases');
    expect(summary).toMatchObject({ id: run, status: 'completed' });
    expect(summary?.counts).toMatchObject({ read: 3, created: 1, updated: 1, unchanged: 1, failed: 0 });
    expect(t.runs.outcomes(run, { outcome: 'created' })).toEqual([
      expect.objectContaining({ dhis2Uid: 'a', godataId: 'ga' }),
    ]);
  });

  it('marks runs left running by a crash as interrupted', () => {
    const t = store.forTarget('https://d', 'https://g');
    const run = t.runs.start('locations');
    // As if the process that started it had been killed.
    store.db.prepare('UPDATE runs SET owner = ? WHERE id = ?').run(`${os.hostname()}:999999999`, run);
    store.close();
    store = Store.inDataDir(dir);
    expect(store.recoverInterruptedRuns()).toBe(1);
    expect(store.forTarget('https://d', 'https://g').runs.get(run)?.status).toBe('interrupted');
  });

  it('keeps open issues until resolved or dismissed; a new reason brings a dismissed issue back', () => {
    const t = store.forTarget('https://d', 'https://g');
    t.issues.open(
      {
        stage: 'contacts',
        entity: 'contact',
        dhis2Uid: 'x',
        outcome: 'deferred',
        reason: 'case not in Go.Data yet',
      },
      1,
    );
    t.issues.open(
      { stage: 'cases', entity: 'case', dhis2Uid: 'y', outcome: 'failed', reason: 'bad date' },
      1,
    );
    expect(t.issues.count('contacts')).toBe(1);
    t.issues.dismiss([{ entity: 'case', dhis2Uid: 'y' }]);
    expect(t.issues.list('cases')).toEqual([]);
    t.issues.open(
      { stage: 'cases', entity: 'case', dhis2Uid: 'y', outcome: 'failed', reason: 'bad date' },
      2,
    );
    expect(t.issues.list('cases')).toEqual([]);
    t.issues.open({ stage: 'cases', entity: 'case', dhis2Uid: 'y', outcome: 'failed', reason: 'other' }, 3);
    expect(t.issues.list('cases')).toHaveLength(1);
    t.issues.resolve('contact', 'x');
    expect(t.issues.count('contacts')).toBe(0);
  });

  it('stores watermarks and checkpoints per stage and scope', () => {
    const t = store.forTarget('https://d', 'https://g');
    t.progress.setWatermark('cases', 'uYjxkTbwRNf', '2024-01-01T00:00:00.000Z');
    t.progress.setCheckpoint('cases', 'uYjxkTbwRNf', 7, { page: 3 });
    expect(t.progress.watermark('cases', 'uYjxkTbwRNf')).toBe('2024-01-01T00:00:00.000Z');
    expect(t.progress.checkpoint<{ page: number }>('cases', 'uYjxkTbwRNf')).toEqual({
      runId: 7,
      cursor: { page: 3 },
    });
    expect(t.progress.checkpointRunId('cases')).toBe(7);
    t.progress.clearCheckpoints('cases');
    expect(t.progress.checkpoint('cases', 'uYjxkTbwRNf')).toBeUndefined();
  });
});

describe('run ownership', () => {
  it('leaves a run owned by a live process alone and interrupts orphans', async () => {
    const { spawn } = await import('node:child_process');
    const os = await import('node:os');
    const t = store.forTarget('https://d', 'https://g');
    const mine = t.runs.start('locations');
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    const live = t.runs.start('outbreaks');
    store.db.prepare('UPDATE runs SET owner = ? WHERE id = ?').run(`${os.hostname()}:${child.pid}`, live);
    const dead = t.runs.start('cases');
    store.db.prepare('UPDATE runs SET owner = ? WHERE id = ?').run(`${os.hostname()}:999999999`, dead);
    const legacy = t.runs.start('events');
    store.db.prepare('UPDATE runs SET owner = NULL WHERE id = ?').run(legacy);
    const foreignQuiet = t.runs.start('contacts');
    store.db
      .prepare('UPDATE runs SET owner = ?, heartbeat_at = ? WHERE id = ?')
      .run('other-host:1', '2020-01-01T00:00:00.000Z', foreignQuiet);
    try {
      expect(store.recoverInterruptedRuns()).toBe(3);
      expect(t.runs.get(mine)?.status).toBe('running');
      expect(t.runs.get(live)?.status).toBe('running');
      expect(t.runs.get(dead)?.status).toBe('interrupted');
      expect(t.runs.get(legacy)?.status).toBe('interrupted');
      expect(t.runs.get(foreignQuiet)?.status).toBe('interrupted');
    } finally {
      child.kill();
    }
  });
});
