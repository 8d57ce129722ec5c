import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { procCpuSeconds, procMemory } from './proc.js';
import { parseSimulatorBanner, startSimulatorProcess, type SimProcess } from './sim-process.js';

describe('parseSimulatorBanner', () => {
  it('finds both URLs in what simulators/cli.ts prints', () => {
    const banner = [
      'DHIS2 2.40.0 simulator:  http://127.0.0.1:41234   (Basic admin / district, or ApiToken d2pat_x)',
      'Go.Data 2.50 simulator: http://127.0.0.1:41235   (admin@who.int / admin)',
    ].join('\n');
    expect(parseSimulatorBanner(banner)).toEqual({
      dhis2Url: 'http://127.0.0.1:41234',
      godataUrl: 'http://127.0.0.1:41235',
    });
    expect(parseSimulatorBanner('DHIS2 2.40.0 simulator:  http://127.0.0.1:1')).toEqual({
      dhis2Url: 'http://127.0.0.1:1',
      godataUrl: undefined,
    });
  });
});

describe('startSimulatorProcess', () => {
  let sims: SimProcess | undefined;
  afterAll(async () => {
    await sims?.stop();
  });

  it('runs both simulators in a child process whose memory and CPU can be read, and stops it', async () => {
    sims = await startSimulatorProcess({ cases: 20, contacts: 20, events: 5 });
    const info = (await (
      await fetch(`${sims.dhis2Url}/api/system/info`, {
        headers: { Authorization: `Basic ${btoa('admin:district')}` },
      })
    ).json()) as { version: string };
    expect(info.version).toMatch(/^2\.40/);
    expect((await fetch(`${sims.godataUrl}/api/system-settings/version`)).ok).toBe(true);
    const memory = procMemory(sims.pid);
    expect(memory.rssMb).toBeGreaterThan(20);
    expect(memory.peakRssMb).toBeGreaterThanOrEqual(memory.rssMb);
    expect(procCpuSeconds(sims.pid)).toBeGreaterThan(0);
    const pid = sims.pid;
    await sims.stop();
    sims = undefined;
    expect(fs.existsSync(`/proc/${pid}`)).toBe(false);
  });
});
