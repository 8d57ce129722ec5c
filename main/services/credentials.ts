import { AppError } from '../../shared/result.js';
import type { Dhis2Auth } from '../dhis2/index.js';
import type { GoDataCredentials } from '../godata/index.js';
import { KeychainUnavailableError, type Vault } from '../secrets/vault.js';
import type { AuthKind, ConnectionId } from '../store/index.js';

/**
 * Where credentials come from: the OS keychain (keyed per connection and URL) or, for unattended runs,
 * environment variables — DHIS2_USERNAME/DHIS2_PASSWORD or DHIS2_TOKEN, GODATA_USERNAME/GODATA_PASSWORD.
 * The keychain wins when it has an entry; a missing keychain service is not an error when the environment
 * provides the credentials.
 */
export interface ConnectionTarget {
  id: ConnectionId;
  url: string;
  authKind?: AuthKind;
  username?: string;
}

function fromEnv(
  target: ConnectionTarget,
  env: NodeJS.ProcessEnv,
): Dhis2Auth | GoDataCredentials | undefined {
  if (target.id === 'dhis2') {
    if (env.DHIS2_TOKEN) return { type: 'token', token: env.DHIS2_TOKEN };
    const username = env.DHIS2_USERNAME ?? target.username;
    if (username && env.DHIS2_PASSWORD) return { type: 'basic', username, password: env.DHIS2_PASSWORD };
    return undefined;
  }
  const email = env.GODATA_USERNAME ?? target.username;
  if (email && env.GODATA_PASSWORD) return { email, password: env.GODATA_PASSWORD };
  return undefined;
}

async function fromVault(
  vault: Vault,
  target: ConnectionTarget,
): Promise<Dhis2Auth | GoDataCredentials | undefined> {
  const secret = await vault.get({ connectionId: target.id, url: target.url });
  if (!secret) return undefined;
  if (target.id === 'godata')
    return target.username ? { email: target.username, password: secret } : undefined;
  if (target.authKind === 'token') return { type: 'token', token: secret };
  return target.username ? { type: 'basic', username: target.username, password: secret } : undefined;
}

const LABEL: Record<ConnectionId, string> = { dhis2: 'DHIS2', godata: 'Go.Data' };

async function resolve(vault: Vault, target: ConnectionTarget, env: NodeJS.ProcessEnv | undefined) {
  let keychainError: KeychainUnavailableError | undefined;
  try {
    const stored = await fromVault(vault, target);
    if (stored) return stored;
  } catch (error) {
    if (!(error instanceof KeychainUnavailableError)) throw error;
    keychainError = error;
  }
  const fromEnvironment = env ? fromEnv(target, env) : undefined;
  if (fromEnvironment) return fromEnvironment;
  if (keychainError && !env) throw keychainError;
  const hint = env
    ? target.id === 'dhis2'
      ? 'Save them in the app, or set DHIS2_USERNAME and DHIS2_PASSWORD (or DHIS2_TOKEN).'
      : 'Save them in the app, or set GODATA_USERNAME and GODATA_PASSWORD.'
    : 'Enter them in the Connect step.';
  throw new AppError('auth', `No ${LABEL[target.id]} credentials are stored for ${target.url}. ${hint}`);
}

export async function dhis2Auth(
  vault: Vault,
  target: ConnectionTarget,
  env?: NodeJS.ProcessEnv,
): Promise<Dhis2Auth> {
  return (await resolve(vault, { ...target, id: 'dhis2' }, env)) as Dhis2Auth;
}

export async function godataCredentials(
  vault: Vault,
  target: ConnectionTarget,
  env?: NodeJS.ProcessEnv,
): Promise<GoDataCredentials> {
  return (await resolve(vault, { ...target, id: 'godata' }, env)) as GoDataCredentials;
}
