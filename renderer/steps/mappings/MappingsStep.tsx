import { Button, Card, Group, Loader, Stack, Tabs, Text } from '@mantine/core';
import { useMemo } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { StepPage } from '../../components/StepPage.js';
import { valueOf } from '../../state/loadable.js';
import { useMapping } from '../../state/mapping.js';
import { useMetadata } from '../../state/metadata.js';
import { useStages } from '../../state/stages.js';
import { JsonEditor } from './JsonEditor.js';
import { indexMetadata } from './metadata-index.js';
import { MetadataPanel } from './MetadataPanel.js';
import { OutbreakGroupsEditor } from './OutbreakGroupsEditor.js';
import { ProblemsList } from './ProblemsList.js';
import { saveProblems } from './save-problems.js';
import { SaveBar } from './SaveBar.js';
import { ScopeEditor } from './ScopeEditor.js';

/** Step 2: pull DHIS2 metadata, then edit the mapping — all of it works offline once pulled. */
export function MappingsStep() {
  const summary = useMetadata((s) => valueOf(s.summary));
  const index = useMemo(() => indexMetadata(summary), [summary]);
  const saved = useMapping((s) => s.saved);
  const draft = useMapping((s) => s.draft);
  const ready = useStages((s) => valueOf(s.list)?.ready.mapping ?? false);
  const dirty = useMapping((s) => s.dirty);
  const save = useMapping((s) => s.save);
  const savedProblems = useMemo(() => valueOf(saved)?.problems ?? [], [saved]);
  // A refused save points at the inputs first; the saved mapping's own problems follow.
  const refused = useMemo(
    () => (save.status === 'failed' && save.ofDraft ? saveProblems(save.error, draft) : []),
    [save, draft],
  );
  const problems = useMemo(() => [...refused, ...savedProblems], [refused, savedProblems]);

  return (
    <StepPage
      title="Mappings"
      intro="Decide which DHIS2 programs become which Go.Data outbreak, and which DHIS2 value fills each Go.Data field. Pull the DHIS2 metadata once while online; after that this page works offline."
      next={{ step: 'locations', when: ready }}
    >
      <MetadataPanel />
      <Card withBorder padding="lg" component="section" aria-label="Mapping editor">
        {!draft ? (
          saved.status === 'failed' ? (
            <UnreadableMapping />
          ) : (
            <Stack align="center" py="xl">
              <Loader />
              <Text size="sm">Loading the mapping…</Text>
            </Stack>
          )
        ) : (
          <Stack gap="md">
            <Tabs defaultValue="outbreaks" keepMounted={false}>
              <Tabs.List>
                <Tabs.Tab value="outbreaks">Outbreak groups</Tabs.Tab>
                <Tabs.Tab value="scope">Locations &amp; scope</Tabs.Tab>
                <Tabs.Tab value="json">JSON</Tabs.Tab>
              </Tabs.List>
              <Tabs.Panel value="outbreaks" pt="md">
                <Stack gap="md">
                  <SaveBar />
                  <OutbreakGroupsEditor config={draft} index={index} problems={problems} />
                </Stack>
              </Tabs.Panel>
              <Tabs.Panel value="scope" pt="md">
                <Stack gap="md">
                  <SaveBar />
                  <ScopeEditor config={draft} index={index} problems={problems} />
                </Stack>
              </Tabs.Panel>
              <Tabs.Panel value="json" pt="md">
                <JsonEditor />
              </Tabs.Panel>
            </Tabs>
            <ProblemsList problems={savedProblems} current={!dirty && refused.length === 0} />
          </Stack>
        )}
      </Card>
    </StepPage>
  );
}

/** Main could not read the stored mapping: say why, and offer the default or a pasted JSON document instead. */
function UnreadableMapping() {
  const saved = useMapping((s) => s.saved);
  const reset = useMapping((s) => s.reset);
  return (
    <Stack gap="md">
      {saved.status === 'failed' && <ErrorAlert error={saved.error} />}
      <Group>
        <Button variant="default" onClick={() => void reset()}>
          Reset to default
        </Button>
      </Group>
      <Text size="sm">Or paste a mapping below and save it.</Text>
      <JsonEditor />
    </Stack>
  );
}
