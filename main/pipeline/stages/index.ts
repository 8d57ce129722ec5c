import type { StageName } from '../../../shared/stages.js';
import type { StageModule } from '../runner.js';
import { casesStage } from './cases.js';
import { contactsStage } from './contacts.js';
import { eventsStage } from './events.js';
import { locationsStage } from './locations.js';
import { outbreaksStage } from './outbreaks.js';

/** One module per stage; the runner gives them checkpoints, outcomes, progress and cancellation. */
export const STAGE_MODULES: Readonly<Record<StageName, StageModule>> = {
  locations: locationsStage,
  outbreaks: outbreaksStage,
  cases: casesStage,
  events: eventsStage,
  contacts: contactsStage,
};
