import { Tabs } from '@mantine/core';
import { StatusBadge } from '../../components/StatusBadge.js';
import { StagePanel } from '../../components/StagePanel.js';
import { StepPage } from '../../components/StepPage.js';
import { stepStatusOfStage } from '../../state/step-status.js';
import { useStages, useStageState } from '../../state/stages.js';
import type { StageName } from '../../../shared/stages.js';

const TEXT: Readonly<Record<'cases' | 'events', string>> = {
  cases:
    'Tracker enrollments of the case programs become Go.Data cases: names, dates, classification and address as the mapping says, placed in their outbreak and location.',
  events:
    'Events of the event programs become Go.Data events. Independent of cases: run them in either order.',
};

/** Cases and events both need only the outbreaks; two panels, either order. */
export function CasesEventsStep() {
  const cases = useStageState('cases');
  return (
    <StepPage
      title="Cases / Events"
      intro="Both read from DHIS2 and write into the outbreaks made in the previous step. They do not depend on each other; contacts only need the cases."
      next={{ step: 'contacts', when: cases?.status === 'finished' }}
    >
      <Tabs defaultValue="cases">
        <Tabs.List>
          <StageTab stage="cases" label="Cases" />
          <StageTab stage="events" label="Events" />
        </Tabs.List>
        <Tabs.Panel value="cases" pt="md">
          <StagePanel stage="cases" description={TEXT.cases} />
        </Tabs.Panel>
        <Tabs.Panel value="events" pt="md">
          <StagePanel stage="events" description={TEXT.events} />
        </Tabs.Panel>
      </Tabs>
    </StepPage>
  );
}

function StageTab({ stage, label }: { stage: StageName; label: string }) {
  const state = useStageState(stage);
  const progress = useStages((s) => s.progress[stage]);
  return (
    <Tabs.Tab
      value={stage}
      rightSection={state ? <StatusBadge status={stepStatusOfStage(state, progress)} compact /> : undefined}
    >
      {label}
    </Tabs.Tab>
  );
}
