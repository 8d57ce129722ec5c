import type { ConnectionTest, ConnectionView, SaveConnection } from '../../shared/connections.js';
import { AppError } from '../../shared/result.js';
import { KeychainUnavailableError } from '../secrets/vault.js';
import type { ConnectionId, ConnectionRow } from '../store/index.js';
import { createDhis2Client, createGoDataClient } from './clients.js';
import type { AppContext } from './context.js';

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Saving, testing and forgetting the two server connections; secrets go to the keychain only. */
export class ConnectionsService {
  constructor(private readonly ctx: AppContext) {}

  async list(): Promise<ConnectionView[]> {
    return Promise.all(this.ctx.store.connections.list().map((row) => this.view(row)));
  }

  async save(request: SaveConnection): Promise<ConnectionView> {
    const url = request.url.replace(/\/+$/, '');
    if (request.secret) await this.ctx.vault.set({ connectionId: request.id, url }, request.secret);
    const row = this.ctx.store.connections.save(
      {
        id: request.id,
        url,
        authKind: request.authKind,
        username: request.authKind === 'token' ? undefined : request.username,
      },
      request.secret !== undefined,
    );
    this.ctx.log.info('connection saved', { id: row.id, url: row.url, authKind: row.authKind });
    this.ctx.emit('stagesChanged', {});
    return this.view(row);
  }

  async test(id: ConnectionId, signal?: AbortSignal): Promise<ConnectionTest> {
    try {
      return await this.tryConnection(id, signal);
    } catch (error) {
      // Refused credentials lock the stages again; an unreachable server does not (mappings are prepared offline).
      if (error instanceof Error && 'kind' in error && (error.kind === 'auth' || error.kind === 'locked')) {
        this.ctx.store.connections.markUntested(id);
        this.ctx.emit('stagesChanged', {});
      }
      throw error;
    }
  }

  private async tryConnection(id: ConnectionId, signal?: AbortSignal): Promise<ConnectionTest> {
    const row = this.require(id);
    const options = { vault: this.ctx.vault, env: this.ctx.env, log: this.ctx.log };
    const warnings: string[] = [];
    const url = new URL(row.url);
    if (url.protocol === 'http:' && !LOOPBACK.has(url.hostname)) {
      warnings.push(
        'This address uses plain http: the password travels unencrypted. Use https if the server offers it.',
      );
    }
    let result: ConnectionTest;
    if (id === 'dhis2') {
      const client = await createDhis2Client(row, options);
      const session = await client.connect(signal);
      if (session.newerThanKnown) {
        warnings.push(
          `DHIS2 ${session.server.version} is newer than the versions this app was tested with; it is read like the newest known one.`,
        );
      }
      result = { id, serverVersion: session.server.version, user: session.user.username, warnings };
    } else {
      const client = await createGoDataClient(row, options);
      const info = await client.testConnection(signal);
      result = {
        id,
        serverVersion: info.version ?? 'unknown',
        user: info.user.email ?? info.user.id,
        warnings,
      };
    }
    this.ctx.store.connections.markTested(id, result.serverVersion);
    this.ctx.emit('stagesChanged', {});
    return result;
  }

  async forget(id: ConnectionId): Promise<{ removed: boolean }> {
    const removedSecrets = await this.ctx.vault.deleteConnection(id);
    const removedRow = this.ctx.store.connections.remove(id).changes > 0;
    this.ctx.emit('stagesChanged', {});
    return { removed: removedRow || removedSecrets > 0 };
  }

  /** Both servers saved, with a stored secret, and tested successfully at least once. */
  async ready(): Promise<boolean> {
    const views = await this.list();
    return views.length === 2 && views.every((v) => v.hasSecret && v.lastTestedAt !== undefined);
  }

  require(id: ConnectionId): ConnectionRow {
    const row = this.ctx.store.connections.get(id);
    if (!row)
      throw new AppError('not-found', `No ${id === 'dhis2' ? 'DHIS2' : 'Go.Data'} connection is saved yet.`);
    return row;
  }

  private async view(row: ConnectionRow): Promise<ConnectionView> {
    let hasSecret = false;
    try {
      hasSecret = await this.ctx.vault.has({ connectionId: row.id, url: row.url });
    } catch (error) {
      if (!(error instanceof KeychainUnavailableError)) throw error;
    }
    return {
      id: row.id,
      url: row.url,
      authKind: row.authKind,
      username: row.username,
      hasSecret,
      serverVersion: row.serverVersion,
      lastTestedAt: row.lastTestedAt,
    };
  }
}
