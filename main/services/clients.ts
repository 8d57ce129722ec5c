import { Dhis2Client } from '../dhis2/index.js';
import { GoDataClient } from '../godata/index.js';
import type { Logger } from '../log.js';
import type { Vault } from '../secrets/vault.js';
import { dhis2Auth, godataCredentials, type ConnectionTarget } from './credentials.js';

/** Builds the two server clients from a connection and its credentials (keychain or environment). */
export interface ClientOptions {
  vault: Vault;
  env?: NodeJS.ProcessEnv;
  log?: Logger;
  dhis2Concurrency?: number;
  godataConcurrency?: number;
}

export async function createDhis2Client(
  target: Omit<ConnectionTarget, 'id'>,
  options: ClientOptions,
): Promise<Dhis2Client> {
  const auth = await dhis2Auth(options.vault, { ...target, id: 'dhis2' }, options.env);
  return new Dhis2Client({
    baseUrl: target.url,
    auth,
    concurrency: options.dhis2Concurrency,
    onRetry: (info) => options.log?.warn('DHIS2 request retried', { ...info }),
  });
}

export async function createGoDataClient(
  target: Omit<ConnectionTarget, 'id'>,
  options: ClientOptions,
): Promise<GoDataClient> {
  const credentials = await godataCredentials(options.vault, { ...target, id: 'godata' }, options.env);
  return new GoDataClient({
    baseUrl: target.url,
    credentials,
    concurrency: options.godataConcurrency,
    onRetry: (info) => options.log?.warn('Go.Data request retried', { ...info }),
    onEvent: (event) => options.log?.info(`Go.Data ${event.type}`, { ...event }),
  });
}
