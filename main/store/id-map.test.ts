import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Store } from './index.js';

let dir: string;
let store: Store;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gdb-id-map-'));
  store = Store.inDataDir(dir);
});
afterEach(() => {
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the ID map remembers which run wrote a row, and how', () => {
  it('keeps the last write: a run’s create, another run’s update, a write that does not say, a deletion', () => {
    const t = store.forTarget('https://d', 'https://g');
    const row = { entity: 'case', dhis2Uid: 'te1', godataId: 'g1', outbreakId: 'o1' } as const;
    t.idMap.record({ ...row, payloadHash: 'h1', writtenBy: { runId: 7, as: 'created' } });
    expect(t.idMap.get('case', 'te1')?.writtenBy).toEqual({ runId: 7, as: 'created' });
    t.idMap.record({ ...row, payloadHash: 'h2', writtenBy: { runId: 8, as: 'updated' } });
    expect(t.idMap.get('case', 'te1')?.writtenBy).toEqual({ runId: 8, as: 'updated' });
    t.idMap.record({ ...row, payloadHash: 'h3' });
    expect(t.idMap.get('case', 'te1')?.writtenBy).toBeUndefined();
    t.idMap.markDeleted('case', 'te1', 9);
    expect(t.idMap.get('case', 'te1')).toMatchObject({
      deleted: true,
      writtenBy: { runId: 9, as: 'deleted' },
    });
    t.idMap.markDeleted('case', 'te1');
    expect(t.idMap.get('case', 'te1')?.writtenBy).toBeUndefined();
  });
});
