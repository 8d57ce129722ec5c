import { Group, Stack, Text } from '@mantine/core';
import type { RunSummary as Run } from '../../shared/stages.js';
import { CountsGrid } from './CountsGrid.js';
import { formatDateTime, formatDuration, RUN_STATUS_TEXT } from './format.js';

/** The last (or a chosen) run: how it ended, when, how long, and what happened to every record read. */
export function RunSummary({ run }: { run: Run }) {
  return (
    <Stack gap="xs">
      <Group gap="lg">
        <Text size="sm">
          <Text span fw={600}>
            Run {run.id}:
          </Text>{' '}
          {RUN_STATUS_TEXT[run.status]}
        </Text>
        <Text size="sm" c="dimmed">
          Started {formatDateTime(run.startedAt)}
          {run.finishedAt ? `, took ${formatDuration(run.startedAt, run.finishedAt)}` : ''}
        </Text>
      </Group>
      {run.error && run.status !== 'cancelled' && (
        <Text size="sm" c="red.8">
          {run.error}
        </Text>
      )}
      <CountsGrid counts={run.counts} running={run.status === 'running'} />
    </Stack>
  );
}
