import { StagePanel } from '../../components/StagePanel.js';
import { StepPage } from '../../components/StepPage.js';
import { useStageState } from '../../state/stages.js';

export function OutbreaksStep() {
  const state = useStageState('outbreaks');
  return (
    <StepPage
      title="Outbreaks"
      intro="Creates (or updates) one Go.Data outbreak per outbreak group of the mapping, with its follow-up settings. Cases, events and contacts are written into these outbreaks, so they come right after the locations."
      next={{ step: 'cases-events', when: state?.status === 'finished' }}
    >
      <StagePanel
        stage="outbreaks"
        description="Outbreak names must be unique in Go.Data; an outbreak made earlier by this bridge is updated, not duplicated."
      />
    </StepPage>
  );
}
