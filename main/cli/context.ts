import fs from 'node:fs';
import { AppError } from '../../shared/result.js';
import { createLogger, type Logger } from '../log.js';
import {
  covid19DefaultMapping,
  parseMappingConfig,
  parseMappingConfigJson,
  type MappingConfig,
} from '../mapping/index.js';
import type { SyncEndpoints } from '../pipeline/sync.js';
import { Vault } from '../secrets/vault.js';
import { Store } from '../store/index.js';
import { UsageError, type CliArgs } from './args.js';
import { defaultDataDir } from './paths.js';

export interface CliContext {
  store: Store;
  vault: Vault;
  dataDir: string;
  log: Logger;
  env: NodeJS.ProcessEnv;
}

export function openCliContext(args: CliArgs, env: NodeJS.ProcessEnv): CliContext {
  const dataDir = args.dataDir ?? defaultDataDir();
  const store = Store.inDataDir(dataDir);
  store.recoverInterruptedRuns();
  const log = createLogger({ file: `${dataDir}/logs/cli.log` });
  return { store, vault: new Vault(), dataDir, log, env };
}

/** URLs from the flags, else the connections saved in the app (usernames come along for keychain lookups). */
export function endpointsOf(args: CliArgs, ctx: CliContext): SyncEndpoints {
  const savedDhis2 = ctx.store.connections.get('dhis2');
  const savedGodata = ctx.store.connections.get('godata');
  const dhis2Url = args.dhis2Url ?? savedDhis2?.url;
  const godataUrl = args.godataUrl ?? savedGodata?.url;
  if (!dhis2Url || !godataUrl) {
    throw new UsageError('Give --dhis2-url and --godata-url (no connections are saved in this data folder).');
  }
  for (const url of [dhis2Url, godataUrl]) {
    if (!/^https?:\/\//.test(url))
      throw new UsageError(`"${url}" is not a server address (expected https://…)`);
  }
  const sameDhis2 = savedDhis2?.url === dhis2Url.replace(/\/+$/, '');
  const sameGodata = savedGodata?.url === godataUrl.replace(/\/+$/, '');
  return {
    dhis2: {
      url: dhis2Url,
      authKind: sameDhis2 ? savedDhis2?.authKind : undefined,
      username: sameDhis2 ? savedDhis2?.username : undefined,
    },
    godata: { url: godataUrl, username: sameGodata ? savedGodata?.username : undefined },
  };
}

/** `--mapping FILE`, else the mapping saved in the app, else the COVID-19 default. */
export function mappingOf(args: CliArgs, ctx: CliContext): MappingConfig {
  if (args.mapping) {
    let text: string;
    try {
      text = fs.readFileSync(args.mapping, 'utf8');
    } catch (error) {
      throw new UsageError(`Cannot read the mapping file ${args.mapping}: ${(error as Error).message}`);
    }
    const parsed = parseMappingConfigJson(text);
    if (!parsed.ok) {
      throw new UsageError(
        `The mapping file ${args.mapping} has problems:\n${parsed.errors.map((e) => `  ${e.path || '(mapping)'}: ${e.message}`).join('\n')}`,
      );
    }
    return parsed.config;
  }
  const saved = ctx.store.mappings.get();
  if (!saved) return covid19DefaultMapping();
  const parsed = parseMappingConfig(saved.config);
  if (!parsed.ok)
    throw new AppError(
      'validation',
      'The mapping saved in the app cannot be read; fix it in the app or pass --mapping.',
    );
  return parsed.config;
}
