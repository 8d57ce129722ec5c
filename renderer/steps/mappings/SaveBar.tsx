import { Alert, Badge, Button, Group, List, Modal, Paper, Text } from '@mantine/core';
import { useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { formatDateTime } from '../../components/format.js';
import { valueOf } from '../../state/loadable.js';
import { useMapping } from '../../state/mapping.js';
import { useStages } from '../../state/stages.js';
import type { AppErrorShape } from '../../../shared/result.js';
import { CrossGlyph } from '../../components/icons.js';
import { placeOf, saveProblems } from './save-problems.js';

/** Save / discard / reset for the editor tabs, and whether the draft differs from what main stored. */
export function SaveBar() {
  const saved = useMapping((s) => valueOf(s.saved));
  const dirty = useMapping((s) => s.dirty);
  const save = useMapping((s) => s.save);
  // Main unlocks the stages only once the mapping was saved (reviewed) here, even when it is the default.
  const unreviewed = useStages((s) => valueOf(s.list)?.ready.mapping === false);
  const { saveConfig, discard, reset } = useMapping.getState();
  const [confirmReset, setConfirmReset] = useState(false);

  return (
    <Paper withBorder p="sm" style={{ position: 'sticky', top: 64, zIndex: 5 }}>
      <Group justify="space-between">
        <Group gap="xs">
          {dirty ? (
            <Badge color="orange" variant="light" tt="none">
              Unsaved changes
            </Badge>
          ) : unreviewed ? (
            <Badge color="blue" variant="light" tt="none">
              Review, then save to continue
            </Badge>
          ) : (
            <Badge color="teal" variant="light" tt="none">
              Saved
            </Badge>
          )}
          {saved?.isDefault && (
            <Badge color="gray" variant="light" tt="none">
              Default COVID-19 mapping
            </Badge>
          )}
          {saved?.updatedAt && (
            <Text size="xs" c="dimmed">
              Last saved {formatDateTime(saved.updatedAt)}
            </Text>
          )}
        </Group>
        <Group gap="xs">
          <Button variant="subtle" color="red" onClick={() => setConfirmReset(true)}>
            Reset to default
          </Button>
          <Button variant="default" disabled={!dirty} onClick={discard}>
            Discard changes
          </Button>
          <Button
            onClick={() => void saveConfig()}
            disabled={!dirty && !unreviewed}
            loading={save.status === 'saving'}
          >
            Save mapping
          </Button>
        </Group>
      </Group>
      {save.status === 'failed' &&
        (save.ofDraft && save.error.fields ? (
          <RefusedSave error={save.error} />
        ) : (
          <ErrorAlert error={save.error} />
        ))}
      <Modal
        opened={confirmReset}
        onClose={() => setConfirmReset(false)}
        title="Reset the mapping to the default?"
      >
        <Text size="sm">
          Your outbreak groups and field mappings are replaced by the default COVID-19 mapping. This cannot be
          undone.
        </Text>
        <Group justify="end" mt="md">
          <Button variant="default" onClick={() => setConfirmReset(false)}>
            Keep my mapping
          </Button>
          <Button
            color="red"
            onClick={() => {
              setConfirmReset(false);
              void reset();
            }}
          >
            Reset mapping
          </Button>
        </Group>
      </Modal>
    </Paper>
  );
}

/** Main refused the draft: each problem in plain words with where it is; the inputs concerned turn red too. */
function RefusedSave({ error }: { error: AppErrorShape }) {
  const draft = useMapping((s) => s.draft);
  const problems = saveProblems(error, draft);
  return (
    <Alert
      color="red"
      role="alert"
      icon={<CrossGlyph />}
      mt="sm"
      title="Not saved: please correct the marked fields"
    >
      <List size="sm" spacing={2}>
        {problems.map((p) => (
          <List.Item key={p.path}>
            {placeOf(p.path, draft)}: {p.message}.
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
