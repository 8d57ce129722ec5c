import { Group, Progress, Stack, Text } from '@mantine/core';
import type { StageProgress } from '../../shared/stages.js';
import { progressPercent } from '../state/progress.js';
import { CountsGrid } from './CountsGrid.js';
import { formatNumber } from './format.js';

/** Live progress of a run: phase, a bar (exact when the source told the total), running counts. */
export function ProgressView({ progress, label }: { progress: StageProgress; label: string }) {
  const percent = progressPercent(progress);
  return (
    <Stack gap="xs" aria-live="polite">
      <Group justify="space-between">
        <Text fw={600}>{progress.phase}</Text>
        <Text size="sm" c="dimmed">
          {progress.total !== undefined
            ? `${formatNumber(progress.counts.read)} of ${formatNumber(progress.total)} read`
            : `${formatNumber(progress.counts.read)} read`}
        </Text>
      </Group>
      <Progress
        value={percent ?? 100}
        animated={percent === undefined && !progress.done}
        striped={percent === undefined}
        aria-label={`${label} progress`}
        size="lg"
      />
      <CountsGrid counts={progress.counts} running={!progress.done} />
    </Stack>
  );
}
