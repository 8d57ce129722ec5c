import type { StepId } from '../catalog.js';
import type { StagesList } from '../../state/stages.js';

/** Where the guided first run continues: the first step that is not done yet. */
export function nextStep(list: StagesList | undefined): StepId {
  if (!list || !list.ready.connections) return 'connect';
  if (!list.ready.mapping) return 'mappings';
  const pending = list.stages.find((s) => s.status !== 'finished');
  switch (pending?.stage) {
    case undefined:
      return 'history';
    case 'locations':
      return 'locations';
    case 'outbreaks':
      return 'outbreaks';
    case 'cases':
    case 'events':
      return 'cases-events';
    case 'contacts':
      return 'contacts';
  }
}

/** A blank Go.Data is being seeded until some stage has run at least once. */
export function isFirstRun(list: StagesList | undefined): boolean {
  return !list || list.stages.every((s) => !s.lastRun);
}

/** Every stage's last run completed: the first seeding is through. */
export function allStagesFinished(list: StagesList | undefined): boolean {
  return list !== undefined && list.stages.length > 0 && list.stages.every((s) => s.status === 'finished');
}
