import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger, redact } from './log.js';

describe('log', () => {
  it('redacts secrets by key and by shape, at any depth', () => {
    const out = JSON.stringify(
      redact({
        password: 'district',
        headers: { Authorization: 'Basic YWRtaW46ZGlzdHJpY3Q=' },
        note: 'sent ApiToken d2p_abcdefghijklmnop and Bearer abc.def',
        nested: [{ accessToken: 'x' }],
        url: 'https://dhis2.example/api/me',
      }),
    );
    expect(out).not.toMatch(/district|YWRtaW46|d2p_abc|abc\.def|"x"/);
    expect(out).toContain('https://dhis2.example/api/me');
  });

  it('writes JSON lines to the log file without secrets', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gdb-log-'));
    const file = path.join(dir, 'logs', 'main.log');
    const log = createLogger({ file });
    log.info('login', { email: 'admin@who.int', password: 'admin' });
    log.debug('hidden at info level');
    await new Promise((r) => setTimeout(r, 50));
    const lines = fs
      .readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 'info',
      message: 'login',
      data: { email: 'admin@who.int', password: '[redacted]' },
    });
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
