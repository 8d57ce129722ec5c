import { create } from 'zustand';
import type { ConnectionId, ConnectionTest, ConnectionView } from '../../shared/connections.js';
import type { RequestOf, ResponseOf } from '../../shared/contract.js';
import type { Result } from '../../shared/result.js';
import { api } from '../api.js';
import { isSavedForm, type ConnectionForm } from '../steps/connect/connection-form.js';
import { failed, idle, loaded, loading, valueOf, type Loadable } from './loadable.js';
import { useStages } from './stages.js';

export type AppInfo = ResponseOf<'app.info'>;

interface ConnectionsStore {
  info: Loadable<AppInfo>;
  /** What main knows about the two connections (never a secret, only `hasSecret`). */
  connections: Loadable<ConnectionView[]>;
  /**
   * What the user typed and has not saved, kept while the app runs so it survives moving between steps. A typed
   * secret stays here in memory only: it is never written anywhere but sent to main on Save, then dropped.
   */
  drafts: Partial<Record<ConnectionId, ConnectionForm>>;
  /** Set when the last Test connection of the saved settings failed; cleared by a new save or a passing test. */
  testFailed: Partial<Record<ConnectionId, boolean>>;
  setDraft: (id: ConnectionId, form: ConnectionForm | undefined) => void;
  refresh: () => Promise<void>;
  loadInfo: () => Promise<void>;
}

export const useConnections = create<ConnectionsStore>()((set) => ({
  info: idle(),
  connections: idle(),
  drafts: {},
  testFailed: {},
  setDraft(id, form) {
    set((s) => ({ drafts: { ...s.drafts, [id]: form } }));
  },
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

/**
 * Applies what an action on one connection settled: the draft it used up, the test verdict, and the saved view at
 * once (so the form shows the stored settings without waiting for the list to be read again).
 */
export function settle(
  id: ConnectionId,
  change: { clearDraft?: boolean; testFailed?: boolean; view?: ConnectionView },
): void {
  useConnections.setState((s) => {
    const list = valueOf(s.connections);
    const { view } = change;
    return {
      drafts: change.clearDraft ? { ...s.drafts, [id]: undefined } : s.drafts,
      testFailed:
        change.testFailed === undefined ? s.testFailed : { ...s.testFailed, [id]: change.testFailed },
      connections: view && list ? loaded([...list.filter((c) => c.id !== id), view]) : s.connections,
    };
  });
}

export async function saveConnection(
  request: RequestOf<'connections.save'>,
): Promise<Result<ConnectionView>> {
  const result = await api().connections.save(request);
  if (result.ok) {
    // What was typed while the save was in flight stays as a draft.
    const draft = useConnections.getState().drafts[request.id];
    const clearDraft = !draft || isSavedForm(request.id, draft, request);
    settle(request.id, { clearDraft, testFailed: false, view: result.value });
  }
  afterChange();
  return result;
}

export async function testConnection(id: ConnectionId): Promise<Result<ConnectionTest>> {
  const result = await api().connections.test({ id });
  settle(id, { testFailed: !result.ok });
  afterChange();
  return result;
}

export async function forgetConnection(id: ConnectionId): Promise<Result<{ removed: boolean }>> {
  const result = await api().connections.forget({ id });
  if (result.ok) settle(id, { clearDraft: true, testFailed: false });
  afterChange();
  return result;
}
