import { create } from 'zustand';
import type { ConnectionId, ConnectionTest, ConnectionView } from '../../shared/connections.js';
import type { RequestOf, ResponseOf } from '../../shared/contract.js';
import type { Result } from '../../shared/result.js';
import { api } from '../api.js';
import { failed, idle, loaded, loading, type Loadable } from './loadable.js';
import { useStages } from './stages.js';

export type AppInfo = ResponseOf<'app.info'>;

interface ConnectionsStore {
  info: Loadable<AppInfo>;
  /** What main knows about the two connections (never a secret, only `hasSecret`). */
  connections: Loadable<ConnectionView[]>;
  refresh: () => Promise<void>;
  loadInfo: () => Promise<void>;
}

export const useConnections = create<ConnectionsStore>()((set) => ({
  info: idle(),
  connections: idle(),
  async refresh() {
    set((s) => ({ connections: loading(s.connections) }));
    const result = await api().connections.list({});
    set((s) => ({ connections: result.ok ? loaded(result.value) : failed(s.connections, result.error) }));
  },
  async loadInfo() {
    set((s) => ({ info: loading(s.info) }));
    const result = await api().app.info({});
    set((s) => ({ info: result.ok ? loaded(result.value) : failed(s.info, result.error) }));
  },
}));

/** After any change to a connection, both the list and the stage locks may have moved. */
function afterChange(): void {
  void useConnections.getState().refresh();
  void useStages.getState().refresh();
}

export async function saveConnection(
  request: RequestOf<'connections.save'>,
): Promise<Result<ConnectionView>> {
  const result = await api().connections.save(request);
  afterChange();
  return result;
}

export async function testConnection(id: ConnectionId): Promise<Result<ConnectionTest>> {
  const result = await api().connections.test({ id });
  afterChange();
  return result;
}

export async function forgetConnection(id: ConnectionId): Promise<Result<{ removed: boolean }>> {
  const result = await api().connections.forget({ id });
  afterChange();
  return result;
}
