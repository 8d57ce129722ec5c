import { create } from 'zustand';
import type { MappingConfig } from '../../shared/mapping.js';
import type { AppErrorShape, Result } from '../../shared/result.js';
import type { MappingState } from '../../shared/views.js';
import { api } from '../api.js';
import { failed, idle, loaded, loading, valueOf, type Loadable } from './loadable.js';
import { useStages } from './stages.js';

export type SaveStatus =
  | { status: 'idle' }
  | { status: 'saving' }
  | { status: 'saved' }
  /** `ofDraft`: the editor's draft was refused, so the error's field paths point into it. */
  | { status: 'failed'; error: AppErrorShape; ofDraft: boolean };

interface MappingStore {
  /** The mapping as main last stored it, with the problems main found against the pulled metadata. */
  saved: Loadable<MappingState>;
  /** What the editor shows and changes; saved only on request. */
  draft: MappingConfig | undefined;
  dirty: boolean;
  save: SaveStatus;
  load: (options?: { keepDraft?: boolean }) => Promise<void>;
  edit: (update: (config: MappingConfig) => MappingConfig) => void;
  discard: () => void;
  /** Saves the draft, or a raw JSON document typed by the user (main validates either). */
  saveConfig: (config?: unknown) => Promise<Result<MappingState>>;
  reset: () => Promise<Result<MappingState>>;
}

export const useMapping = create<MappingStore>()((set, get) => {
  function landed(result: Result<MappingState>, ofDraft: boolean): void {
    if (result.ok) {
      set({
        saved: loaded(result.value),
        draft: result.value.config,
        dirty: false,
        save: { status: 'saved' },
      });
      void useStages.getState().refresh();
    } else {
      set({ save: { status: 'failed', error: result.error, ofDraft } });
    }
  }

  return {
    saved: idle(),
    draft: undefined,
    dirty: false,
    save: { status: 'idle' },
    async load(options = {}) {
      set((s) => ({ saved: loading(s.saved) }));
      const result = await api().mapping.get({});
      if (!result.ok) {
        set((s) => ({ saved: failed(s.saved, result.error) }));
        return;
      }
      const keep = options.keepDraft && get().dirty;
      set({ saved: loaded(result.value), ...(keep ? {} : { draft: result.value.config, dirty: false }) });
    },
    edit(update) {
      const draft = get().draft;
      if (!draft) return;
      set({ draft: update(draft), dirty: true, save: { status: 'idle' } });
    },
    discard() {
      const state = valueOf(get().saved);
      set({ draft: state?.config, dirty: false, save: { status: 'idle' } });
    },
    async saveConfig(config) {
      set({ save: { status: 'saving' } });
      const result = await api().mapping.save({ config: config ?? get().draft });
      landed(result, config === undefined);
      return result;
    },
    async reset() {
      set({ save: { status: 'saving' } });
      const result = await api().mapping.reset({});
      landed(result, false);
      return result;
    },
  };
});
