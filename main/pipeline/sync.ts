import { STAGES, type StageName } from '../../shared/stages.js';
import type { Logger } from '../log.js';
import type { MappingConfig } from '../mapping/index.js';
import type { Vault } from '../secrets/vault.js';
import { createDhis2Client, createGoDataClient } from '../services/clients.js';
import type { AuthKind, Store } from '../store/index.js';
import { runStage, type RunHooks, type RunOptions } from './runner.js';
import { SyncSession } from './session.js';
import { STAGE_MODULES } from './stages/index.js';

export interface SyncEndpoints {
  dhis2: { url: string; authKind?: AuthKind; username?: string };
  godata: { url: string; username?: string };
}

export interface OpenSyncOptions {
  store: Store;
  vault: Vault;
  endpoints: SyncEndpoints;
  mapping: MappingConfig;
  log: Logger;
  /** Environment credentials for unattended runs (CLI). */
  env?: NodeJS.ProcessEnv;
  dhis2Concurrency?: number;
  godataConcurrency?: number;
}

/** Builds both clients (credentials from the keychain or the environment) and the target's store. */
export async function openSyncSession(options: OpenSyncOptions): Promise<SyncSession> {
  const { store, vault, endpoints, env, log } = options;
  const clientOptions = {
    vault,
    env,
    log,
    dhis2Concurrency: options.dhis2Concurrency,
    godataConcurrency: options.godataConcurrency,
  };
  const dhis2 = await createDhis2Client(endpoints.dhis2, clientOptions);
  const godata = await createGoDataClient(endpoints.godata, clientOptions);
  return new SyncSession({
    dhis2,
    godata,
    target: store.forTarget(endpoints.dhis2.url, endpoints.godata.url),
    mapping: options.mapping,
    log,
  });
}

export function runStageNamed(
  session: SyncSession,
  stage: StageName,
  options: RunOptions = {},
  hooks: RunHooks = {},
): Promise<number> {
  return runStage(session, stage, STAGE_MODULES[stage], options, hooks);
}

/** `all` → every stage in order; a single name → that stage. */
export function stagesFor(selection: StageName | 'all'): StageName[] {
  return selection === 'all' ? [...STAGES] : [selection];
}
