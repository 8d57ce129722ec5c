import { createDemoDataset, startDhis2Simulator, type Dhis2Simulator } from '../../simulators/dhis2/index.js';
import { Dhis2Client } from './client.js';
import type { WalkProgress } from './paging.js';
import type { Dhis2Auth } from './transport.js';

/** Helpers for this folder's tests against the DHIS2 simulator (never imported by the engine). */
export const VERSIONS = ['2.36', '2.37', '2.38', '2.39', '2.40', '2.41', '2.42', '2.43'] as const;

export const ADMIN: Dhis2Auth = { type: 'basic', username: 'admin', password: 'district' };

export const DEMO = { cases: 60, contacts: 40, events: 70, seed: 11 };

export interface SimOptions {
  timeZone?: string;
  patEnabled?: boolean;
  counts?: Partial<typeof DEMO>;
}

export function startSim(version: string, options: SimOptions = {}): Promise<Dhis2Simulator> {
  return startDhis2Simulator({
    version,
    dataset: createDemoDataset({ ...DEMO, ...options.counts }),
    port: 0,
    ...(options.timeZone ? { timeZone: options.timeZone } : {}),
    ...(options.patEnabled ? { patEnabled: true } : {}),
  });
}

/** A client with quick retries, so fault tests do not wait for production backoff. */
export function clientFor(sim: Dhis2Simulator, auth: Dhis2Auth = ADMIN): Dhis2Client {
  return new Dhis2Client({
    baseUrl: sim.url,
    auth,
    retry: { retries: 6, baseDelayMs: 1, maxDelayMs: 5 },
    timeoutMs: 5_000,
  });
}

/** Drains a walk: every row, and the walk's own final counts. */
export async function collect<T>(
  walk: AsyncGenerator<T[], WalkProgress>,
): Promise<{ rows: T[]; progress: WalkProgress }> {
  const rows: T[] = [];
  for (let next = await walk.next(); ; next = await walk.next()) {
    if (next.done) return { rows, progress: next.value };
    rows.push(...next.value);
  }
}
