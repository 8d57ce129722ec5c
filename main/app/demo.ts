import type { Logger } from '../log.js';
import type { Vault } from '../secrets/vault.js';
import type { Store } from '../store/index.js';
import { DEMO_CREDENTIALS, startDemoSimulators, type DemoSimulators } from '../../simulators/demo.js';

export interface Demo {
  stop(): Promise<void>;
}

/**
 * Demo mode: both simulators run inside the app on loopback with the demo dataset, and the connections are
 * pre-filled (with the demo passwords stored in the keychain when one is available).
 */
export async function startDemo(store: Store, vault: Vault, log: Logger): Promise<Demo> {
  const sims: DemoSimulators = await startDemoSimulators({});
  store.connections.save({
    id: 'dhis2',
    url: sims.dhis2Url,
    authKind: 'basic',
    username: DEMO_CREDENTIALS.dhis2.username,
  });
  store.connections.save({
    id: 'godata',
    url: sims.godataUrl,
    authKind: 'basic',
    username: DEMO_CREDENTIALS.godata.username,
  });
  try {
    await vault.set({ connectionId: 'dhis2', url: sims.dhis2Url }, DEMO_CREDENTIALS.dhis2.password);
    await vault.set({ connectionId: 'godata', url: sims.godataUrl }, DEMO_CREDENTIALS.godata.password);
  } catch (error) {
    log.warn('Demo passwords not stored: no keychain; type them in the Connect step', { error });
  }
  log.info('demo simulators started', { dhis2: sims.dhis2Url, godata: sims.godataUrl });
  return { stop: () => sims.stop() };
}
