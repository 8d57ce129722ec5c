import { FaultInjector, type FaultConfig } from './common/faults.js';
import {
  createDemoDataset,
  loadDatasetFromDir,
  startDhis2Simulator,
  type Dhis2Simulator,
} from './dhis2/index.js';
import { startGoDataSimulator, type GoDataSimulator, type GoDataVersion } from './godata/index.js';

/** The demo accounts: DHIS2's public demo and a new Go.Data's default administrator. */
export const DEMO_CREDENTIALS = {
  dhis2: { username: 'admin', password: 'district' },
  godata: { username: 'admin@who.int', password: 'admin' },
} as const;

export const DEMO_SIZES = { cases: 200, contacts: 400, events: 100, seed: 42 } as const;

export interface DemoSimulatorOptions {
  dhis2Port?: number;
  godataPort?: number;
  host?: string;
  dhis2Version?: string;
  godataVersion?: GoDataVersion;
  /** 'demo' (generated on the real Sierra Leone + COVID-19 metadata) or a folder of DHIS2 exports. */
  dataset?: string;
  cases?: number;
  contacts?: number;
  events?: number;
  seed?: number;
  packageRelease?: '2021' | '1.0.X';
  dhis2Faults?: Partial<FaultConfig>;
  godataFaults?: Partial<FaultConfig>;
  godataTokenTtlSeconds?: number;
}

export interface DemoSimulators {
  dhis2: Dhis2Simulator;
  godata: GoDataSimulator;
  dhis2Url: string;
  godataUrl: string;
  stop(): Promise<void>;
}

/** Both simulators on loopback, as `npm run sim`, the CLI's `--demo` and the app's demo mode use them. */
export async function startDemoSimulators(options: DemoSimulatorOptions): Promise<DemoSimulators> {
  const seed = options.seed ?? DEMO_SIZES.seed;
  const dataset =
    !options.dataset || options.dataset === 'demo'
      ? createDemoDataset({
          cases: options.cases ?? DEMO_SIZES.cases,
          contacts: options.contacts ?? DEMO_SIZES.contacts,
          events: options.events ?? DEMO_SIZES.events,
          seed,
          packageRelease: options.packageRelease,
        })
      : loadDatasetFromDir(options.dataset);
  const dhis2 = await startDhis2Simulator({
    port: options.dhis2Port ?? 0,
    host: options.host,
    version: options.dhis2Version ?? '2.40',
    dataset,
    seed,
    faults: options.dhis2Faults,
  });
  let godata: GoDataSimulator;
  try {
    godata = await startGoDataSimulator({
      port: options.godataPort ?? 0,
      host: options.host,
      version: options.godataVersion ?? '2.50',
      seed,
      faults: options.godataFaults,
      tokenTtlSeconds: options.godataTokenTtlSeconds,
    });
  } catch (error) {
    await dhis2.close();
    throw error;
  }
  return {
    dhis2,
    godata,
    dhis2Url: dhis2.url,
    godataUrl: godata.url,
    stop: async () => {
      await Promise.allSettled([dhis2.close(), godata.close()]);
    },
  };
}

export { FaultInjector };
