import { create } from 'zustand';
import type { StepId } from '../steps/catalog.js';

interface NavigationStore {
  step: StepId;
  go: (step: StepId) => void;
}

export const useNavigation = create<NavigationStore>()((set) => ({
  step: 'start',
  go: (step) => set({ step }),
}));
