import { Group, Paper, SimpleGrid, Text } from '@mantine/core';
import type { OutcomeCounts } from '../../shared/stages.js';
import { countsBreakdown, formatNumber, OUTCOME_TEXT } from './format.js';

/** Read and every outcome as labelled numbers (a description list, so screen readers pair label and value). */
export function CountsGrid({ counts, running = false }: { counts: OutcomeCounts; running?: boolean }) {
  const { rows, unaccounted } = countsBreakdown(counts);
  return (
    <div>
      <SimpleGrid cols={{ base: 4, sm: 8 }} spacing="xs" component="dl" m={0}>
        <Cell label="Read" value={counts.read} strong />
        {rows.map((r) => (
          <Cell
            key={r.outcome}
            label={OUTCOME_TEXT[r.outcome]}
            value={r.count}
            warn={r.outcome === 'failed' && r.count > 0}
          />
        ))}
      </SimpleGrid>
      {unaccounted !== 0 && (
        <Group mt={4}>
          <Text size="xs" c="dimmed">
            {running
              ? `${formatNumber(unaccounted)} read and still being processed.`
              : `${formatNumber(Math.abs(unaccounted))} ${unaccounted > 0 ? 'read without an outcome' : 'more outcomes than records read'}.`}
          </Text>
        </Group>
      )}
    </div>
  );
}

function Cell({
  label,
  value,
  strong = false,
  warn = false,
}: {
  label: string;
  value: number;
  strong?: boolean;
  warn?: boolean;
}) {
  return (
    <Paper withBorder p={6} radius="sm">
      <Text component="dt" size="xs" c="dimmed">
        {label}
      </Text>
      <Text component="dd" m={0} fw={strong || warn ? 700 : 500} c={warn ? 'red.8' : undefined}>
        {formatNumber(value)}
      </Text>
    </Paper>
  );
}
