import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RUN_OWNER, Store } from './index.js';

let dir: string;
let first: Store;
let second: Store;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gdb-run-lock-'));
  // Two connections to one file, as the app and the CLI have.
  first = Store.inDataDir(dir);
  second = Store.inDataDir(dir);
  // Answer "busy" at once instead of waiting for the lock (this test holds it on the same thread).
  second.db.pragma('busy_timeout = 0');
});
afterEach(() => {
  first.close();
  second.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('starting a run', () => {
  it('between its check and its insert, another connection cannot check', () => {
    const a = first.forTarget('https://d', 'https://g');
    const b = second.forTarget('https://d', 'https://g');
    const started = a.immediateTransaction(() => {
      expect(a.runs.live()).toEqual([]);
      // The other process, trying to start a run at this very moment, waits for the lock (here: is told busy).
      expect(() => b.immediateTransaction(() => b.runs.live())).toThrow(/locked|busy/i);
      return a.runs.start('cases');
    });
    expect(b.immediateTransaction(() => b.runs.live())).toEqual([
      { id: started, stage: 'cases', owner: RUN_OWNER },
    ]);
  });

  it('lists the live runs of the target, of any stage, and interrupts orphans on the way', async () => {
    const t = first.forTarget('https://d', 'https://g');
    const other = first.forTarget('https://d', 'https://other-godata');
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    const dead = spawn(process.execPath, ['-e', '']);
    await new Promise((resolve) => dead.once('exit', resolve));
    try {
      const mine = t.runs.start('locations');
      const live = t.runs.start('outbreaks');
      const orphan = t.runs.start('cases');
      const foreignQuiet = t.runs.start('events');
      const elsewhere = other.runs.start('contacts');
      const setOwner = first.db.prepare('UPDATE runs SET owner = ?, heartbeat_at = ? WHERE id = ?');
      setOwner.run(`${os.hostname()}:${child.pid}`, new Date().toISOString(), live);
      setOwner.run(`${os.hostname()}:${dead.pid}`, new Date().toISOString(), orphan);
      setOwner.run('other-host:1', '2020-01-01T00:00:00.000Z', foreignQuiet);

      expect(t.runs.live()).toEqual([
        { id: mine, stage: 'locations', owner: RUN_OWNER },
        { id: live, stage: 'outbreaks', owner: `${os.hostname()}:${child.pid}` },
      ]);
      expect(t.runs.get(orphan)?.status).toBe('interrupted');
      expect(t.runs.get(foreignQuiet)?.status).toBe('interrupted');
      // Another pair's runs are its own business.
      expect(other.runs.get(elsewhere)?.status).toBe('running');
    } finally {
      child.kill();
    }
  });
});
