import type { EventName, EventPayload } from '../../shared/contract.js';
import type { Logger } from '../log.js';
import type { Vault } from '../secrets/vault.js';
import type { Store } from '../store/index.js';

/**
 * Everything the app services need, with no Electron in it: the Electron shell, the e2e bridge and the CLI each
 * build one of these and get the same behaviour.
 */
export interface AppContext {
  store: Store;
  vault: Vault;
  dataDir: string;
  appVersion: string;
  demoMode: boolean;
  log: Logger;
  /** Pushes an event to the renderer (no-op in the CLI). */
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void;
  /** Opens a checked https link in the system browser (Electron shell only). */
  openExternal?(url: string): Promise<boolean>;
  /** Environment for unattended credentials (CLI); the app leaves it undefined. */
  env?: NodeJS.ProcessEnv;
}
