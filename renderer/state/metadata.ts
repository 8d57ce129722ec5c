import { create } from 'zustand';
import type { AppErrorShape } from '../../shared/result.js';
import type { MetadataSummary } from '../../shared/views.js';
import { api } from '../api.js';
import { failed, idle, loaded, loading, type Loadable } from './loadable.js';
import { useMapping } from './mapping.js';

export type PullStatus =
  { status: 'idle' } | { status: 'pulling' } | { status: 'failed'; error: AppErrorShape };

interface MetadataStore {
  /** The cached summary of the last pull (`null`: never pulled). Works offline. */
  summary: Loadable<MetadataSummary | null>;
  pull: PullStatus;
  load: () => Promise<void>;
  pullNow: () => Promise<void>;
  dismissPullError: () => void;
}

export const useMetadata = create<MetadataStore>()((set, get) => ({
  summary: idle(),
  pull: { status: 'idle' },
  async load() {
    set((s) => ({ summary: loading(s.summary) }));
    const result = await api().metadata.summary({});
    set((s) => ({ summary: result.ok ? loaded(result.value) : failed(s.summary, result.error) }));
  },
  async pullNow() {
    if (get().pull.status === 'pulling') return;
    set({ pull: { status: 'pulling' } });
    const result = await api().metadata.pull({});
    if (!result.ok) {
      set({ pull: { status: 'failed', error: result.error } });
      return;
    }
    set({ pull: { status: 'idle' }, summary: loaded(result.value) });
    // New metadata changes which mapping problems exist (unknown uids, unmatched options).
    void useMapping.getState().load({ keepDraft: true });
  },
  dismissPullError() {
    set({ pull: { status: 'idle' } });
  },
}));
