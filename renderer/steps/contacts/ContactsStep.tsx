import { StagePanel } from '../../components/StagePanel.js';
import { StepPage } from '../../components/StepPage.js';

export function ContactsStep() {
  return (
    <StepPage
      title="Contacts"
      intro="Reads the contact programs and creates each contact together with its relationship to the case it was exposed to. A contact whose case is not in Go.Data yet is deferred and retried on the next run."
    >
      <StagePanel
        stage="contacts"
        description="Runs after Cases: every contact must be linked to a case that already exists in Go.Data."
      />
    </StepPage>
  );
}
