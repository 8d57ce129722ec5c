import type { StageName } from '../../shared/stages.js';

export type StepId =
  'start' | 'connect' | 'mappings' | 'locations' | 'outbreaks' | 'cases-events' | 'contacts' | 'history';

export interface StepInfo {
  id: StepId;
  label: string;
  /** One line for the navigation and the start page: what the step does. */
  summary: string;
  /** The pipeline stages this step runs (empty for set-up and overview steps). */
  stages: readonly StageName[];
}

/** The wizard in the order data must move: Go.Data records reference the ones made before them. */
export const STEPS: readonly StepInfo[] = [
  { id: 'start', label: 'Start', summary: 'What happens, in which order', stages: [] },
  { id: 'connect', label: 'Connect', summary: 'DHIS2 and Go.Data addresses and sign-in', stages: [] },
  { id: 'mappings', label: 'Mappings', summary: 'Which DHIS2 data becomes which Go.Data field', stages: [] },
  {
    id: 'locations',
    label: 'Locations',
    summary: 'Org units become the Go.Data location tree',
    stages: ['locations'],
  },
  {
    id: 'outbreaks',
    label: 'Outbreaks',
    summary: 'One Go.Data outbreak per mapped program group',
    stages: ['outbreaks'],
  },
  {
    id: 'cases-events',
    label: 'Cases / Events',
    summary: 'Enrollments become cases, events become events',
    stages: ['cases', 'events'],
  },
  { id: 'contacts', label: 'Contacts', summary: 'Contacts, linked to their cases', stages: ['contacts'] },
  { id: 'history', label: 'History', summary: 'Every run, its outcomes and reports', stages: [] },
];

export function stepInfo(id: StepId): StepInfo {
  const step = STEPS.find((s) => s.id === id);
  if (!step) throw new Error(`Unknown step ${id}`);
  return step;
}
