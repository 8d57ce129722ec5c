import { Badge, Button, Card, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { STAGE_LABELS, type RunSummary as Run } from '../../../shared/stages.js';
import { api } from '../../api.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { ExportReport } from '../../components/ExportReport.js';
import { countsSentence, formatDateTime, formatDuration, RUN_STATUS_TEXT } from '../../components/format.js';
import { OutcomesTable } from '../../components/OutcomesTable.js';
import { RunSummary } from '../../components/RunSummary.js';
import { StepPage } from '../../components/StepPage.js';
import { useQuery } from '../../components/use-query.js';
import { valueOf } from '../../state/loadable.js';
import { useStages } from '../../state/stages.js';

const STATUS_COLOR: Readonly<Record<Run['status'], string>> = {
  running: 'yellow',
  completed: 'teal',
  failed: 'red',
  cancelled: 'gray',
  interrupted: 'orange',
};

/** Every run, newest first; pick one to see its outcomes and export its report. */
export function HistoryStep() {
  // Asked again whenever main says the stages changed (a run started or ended).
  const version = useStages((s) => (s.list.status === 'loaded' ? s.list.value : undefined));
  const { data } = useQuery(
    `runs:${version ? JSON.stringify(version.stages.map((s) => s.lastRun?.id ?? 0)) : ''}`,
    () => api().runs.list({ limit: 200 }),
  );
  const runs = valueOf(data) ?? [];
  const [chosenId, setChosenId] = useState<number | undefined>();
  const chosen = runs.find((r) => r.id === chosenId);
  const details = useRef<HTMLElement>(null);
  // The details sit under a possibly long table: bring them into view when a run is picked.
  useEffect(() => {
    if (chosenId !== undefined) details.current?.scrollIntoView({ block: 'start' });
  }, [chosenId]);

  return (
    <StepPage
      title="History"
      intro="Every run of every stage on this computer, newest first. Choose a run to see what happened to each record."
    >
      {data.status === 'failed' && <ErrorAlert error={data.error} />}
      {runs.length === 0 ? (
        <Text c="dimmed">{data.status === 'loaded' ? 'No runs yet.' : 'Loading runs…'}</Text>
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table striped highlightOnHover aria-label="Runs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Run</Table.Th>
                <Table.Th>Stage</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Started</Table.Th>
                <Table.Th>Took</Table.Th>
                <Table.Th>Records</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {runs.map((run) => (
                <Table.Tr key={run.id} aria-selected={run.id === chosenId}>
                  <Table.Td>{run.id}</Table.Td>
                  <Table.Td>{STAGE_LABELS[run.stage]}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={STATUS_COLOR[run.status]} tt="none">
                      {RUN_STATUS_TEXT[run.status]}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{formatDateTime(run.startedAt)}</Table.Td>
                  <Table.Td>{run.finishedAt ? formatDuration(run.startedAt, run.finishedAt) : ''}</Table.Td>
                  <Table.Td>{countsSentence(run.counts)}</Table.Td>
                  <Table.Td>
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      onClick={() => setChosenId(run.id)}
                      aria-label={`Show run ${run.id}`}
                    >
                      Show
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {chosen && (
        <Card withBorder padding="lg" component="section" aria-labelledby="run-heading" ref={details}>
          <Stack gap="md">
            <Title order={3} id="run-heading">
              {STAGE_LABELS[chosen.stage]}, run {chosen.id}
            </Title>
            <RunSummary run={chosen} />
            <ExportReport runId={chosen.id} />
            <OutcomesTable key={chosen.id} runId={chosen.id} />
          </Stack>
        </Card>
      )}
    </StepPage>
  );
}
