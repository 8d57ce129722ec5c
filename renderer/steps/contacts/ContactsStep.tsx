import { Alert, Button, Text } from '@mantine/core';
import { CheckGlyph } from '../../components/icons.js';
import { StagePanel } from '../../components/StagePanel.js';
import { StepPage } from '../../components/StepPage.js';
import { valueOf } from '../../state/loadable.js';
import { useNavigation } from '../../state/navigation.js';
import { useStages } from '../../state/stages.js';
import { allStagesFinished } from '../start/next-step.js';

export function ContactsStep() {
  const done = useStages((s) => allStagesFinished(valueOf(s.list)));
  const go = useNavigation((s) => s.go);
  return (
    <StepPage
      title="Contacts"
      intro="Reads the contact programs and creates each contact together with its relationship to the case it was exposed to. A contact whose case is not in Go.Data yet is deferred and retried on the next run."
    >
      <StagePanel
        stage="contacts"
        description="Runs after Cases: every contact must be linked to a case that already exists in Go.Data."
      />
      {done && (
        <Alert role="status" color="teal" icon={<CheckGlyph />} title="All stages done">
          <Text size="sm" mb="xs">
            Every stage has finished. History lists each run with its records and reports; run the stages
            again whenever DHIS2 changes.
          </Text>
          <Button size="xs" variant="default" onClick={() => go('history')}>
            Open History
          </Button>
        </Alert>
      )}
    </StepPage>
  );
}
