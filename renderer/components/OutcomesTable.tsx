import { Badge, Button, Group, Select, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { OUTCOMES, type Outcome, type OutcomeRecord } from '../../shared/stages.js';
import { api } from '../api.js';
import { valueOf } from '../state/loadable.js';
import { ErrorAlert } from './ErrorAlert.js';
import { formatDateTime, formatNumber, OUTCOME_TEXT } from './format.js';
import { useQuery } from './use-query.js';

const PAGE = 25;

const OUTCOME_COLOR: Readonly<Record<Outcome, string>> = {
  created: 'teal',
  updated: 'blue',
  unchanged: 'gray',
  skipped: 'gray',
  failed: 'red',
  deferred: 'orange',
  deleted: 'grape',
};

/** What happened to each record in a run, a page at a time; one more row is asked for to know if a next page exists. */
export function OutcomesTable({ runId, initialOutcome }: { runId: number; initialOutcome?: Outcome }) {
  const [outcome, setOutcome] = useState<Outcome | undefined>(initialOutcome);
  const [offset, setOffset] = useState(0);
  const { data } = useQuery(`${runId}:${outcome ?? ''}:${offset}`, () =>
    api().runs.outcomes({ runId, limit: PAGE + 1, offset, ...(outcome ? { outcome } : {}) }),
  );
  const rows = valueOf(data) ?? [];
  const hasNext = rows.length > PAGE;
  const shown = rows.slice(0, PAGE);

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="end">
        <Select
          label="Outcome"
          w={200}
          data={[
            { value: '', label: 'All outcomes' },
            ...OUTCOMES.map((o) => ({ value: o, label: OUTCOME_TEXT[o] })),
          ]}
          value={outcome ?? ''}
          onChange={(value) => {
            setOutcome(value ? value : undefined);
            setOffset(0);
          }}
          allowDeselect={false}
        />
        <Group gap="xs">
          <Text size="sm" c="dimmed" aria-live="polite">
            {shown.length === 0
              ? 'No rows'
              : `Rows ${formatNumber(offset + 1)}–${formatNumber(offset + shown.length)}`}
          </Text>
          <Button
            variant="default"
            size="xs"
            disabled={offset === 0}
            onClick={() => setOffset(Math.max(0, offset - PAGE))}
          >
            Previous page
          </Button>
          <Button variant="default" size="xs" disabled={!hasNext} onClick={() => setOffset(offset + PAGE)}>
            Next page
          </Button>
        </Group>
      </Group>
      {data.status === 'failed' && <ErrorAlert error={data.error} />}
      <Table.ScrollContainer minWidth={900}>
        <Table
          striped
          highlightOnHover
          aria-label={`Records of run ${runId}`}
          aria-busy={data.status === 'loading'}
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Record</Table.Th>
              <Table.Th>DHIS2 uid</Table.Th>
              <Table.Th>Outcome</Table.Th>
              <Table.Th>Go.Data id</Table.Th>
              <Table.Th>Reason</Table.Th>
              <Table.Th>When</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((r) => (
              <OutcomeRow key={`${r.entity}:${r.dhis2Uid}:${r.at}`} record={r} />
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {shown.length === 0 && data.status === 'loaded' && (
        <Text size="sm" c="dimmed">
          {outcome
            ? `No record ended as “${OUTCOME_TEXT[outcome].toLowerCase()}” in this run.`
            : 'This run has no records.'}
        </Text>
      )}
    </Stack>
  );
}

function OutcomeRow({ record }: { record: OutcomeRecord }) {
  return (
    <Table.Tr>
      <Table.Td>{record.entity}</Table.Td>
      <Table.Td>
        <code>{record.dhis2Uid}</code>
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        <Badge variant="light" color={OUTCOME_COLOR[record.outcome]} tt="none">
          {OUTCOME_TEXT[record.outcome]}
        </Badge>
      </Table.Td>
      <Table.Td>{record.godataId ? <code style={{ fontSize: 12 }}>{record.godataId}</code> : ''}</Table.Td>
      <Table.Td>
        {record.reason}
        {record.details && (
          <Text size="xs" c="dimmed">
            {record.details}
          </Text>
        )}
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(record.at)}</Table.Td>
    </Table.Tr>
  );
}
