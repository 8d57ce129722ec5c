import type { BenchSettings, ScenarioName, ScenarioResult } from '../scenario.js';
import { dhis2Paging } from './dhis2-paging.js';
import { mappingScenario } from './mapping.js';
import { storeScenario } from './store.js';
import { syncScenario } from './sync.js';

export const RUNNERS: Record<
  ScenarioName,
  (settings: BenchSettings) => ScenarioResult | Promise<ScenarioResult>
> = {
  'dhis2-paging': dhis2Paging,
  mapping: mappingScenario,
  store: storeScenario,
  sync: syncScenario,
};
