import { Badge, Button, Checkbox, Group, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import type { OpenIssue, StageName } from '../../shared/stages.js';
import type { AppErrorShape } from '../../shared/result.js';
import { api } from '../api.js';
import { valueOf } from '../state/loadable.js';
import { useStages } from '../state/stages.js';
import { ErrorAlert } from './ErrorAlert.js';
import { useQuery } from './use-query.js';

const keyOf = (i: Pick<OpenIssue, 'entity' | 'dhis2Uid'>) => `${i.entity}:${i.dhis2Uid}`;

/**
 * Records that failed or were deferred and are not fixed yet. They do not block the next stage; they are
 * retried on the next run, or dismissed here when someone decided to live with them.
 */
export function OpenIssues({ stage, refreshKey }: { stage: StageName; refreshKey: string }) {
  const { data, reload } = useQuery(`${stage}:${refreshKey}`, () => api().issues.list({ stage }));
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [error, setError] = useState<AppErrorShape | undefined>();
  const [busy, setBusy] = useState(false);
  const issues = valueOf(data) ?? [];

  async function dismiss(items: OpenIssue[]) {
    if (items.length === 0) return;
    setBusy(true);
    const result = await api().issues.dismiss({
      items: items.map((i) => ({ entity: i.entity, dhis2Uid: i.dhis2Uid })),
    });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setError(undefined);
    setSelected(new Set());
    reload();
    void useStages.getState().refresh();
  }

  function toggle(issue: OpenIssue, on: boolean) {
    const next = new Set(selected);
    if (on) next.add(keyOf(issue));
    else next.delete(keyOf(issue));
    setSelected(next);
  }

  const chosen = issues.filter((i) => selected.has(keyOf(i)));
  if (data.status === 'failed' && issues.length === 0) return <ErrorAlert error={data.error} />;
  if (issues.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {data.status === 'loading' ? 'Loading open issues…' : 'No open issues.'}
      </Text>
    );
  }
  return (
    <Stack gap="sm">
      {error && <ErrorAlert error={error} onClose={() => setError(undefined)} />}
      <Group justify="space-between">
        <Text size="sm">
          {issues.length} open issue{issues.length === 1 ? '' : 's'}. They are retried on the next run.
        </Text>
        <Button
          size="xs"
          variant="default"
          disabled={chosen.length === 0 || busy}
          onClick={() => void dismiss(chosen)}
        >
          Dismiss selected ({chosen.length})
        </Button>
      </Group>
      <Table.ScrollContainer minWidth={900}>
        <Table striped aria-label="Open issues">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={40}>
                <Checkbox
                  aria-label="Select all issues"
                  checked={chosen.length === issues.length}
                  indeterminate={chosen.length > 0 && chosen.length < issues.length}
                  onChange={(e) =>
                    setSelected(e.currentTarget.checked ? new Set(issues.map(keyOf)) : new Set())
                  }
                />
              </Table.Th>
              <Table.Th>Record</Table.Th>
              <Table.Th>DHIS2 uid</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Reason</Table.Th>
              <Table.Th>Run</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {issues.map((issue) => (
              <Table.Tr key={keyOf(issue)}>
                <Table.Td>
                  <Checkbox
                    aria-label={`Select ${issue.entity} ${issue.dhis2Uid}`}
                    checked={selected.has(keyOf(issue))}
                    onChange={(e) => toggle(issue, e.currentTarget.checked)}
                  />
                </Table.Td>
                <Table.Td>{issue.entity}</Table.Td>
                <Table.Td>
                  <code>{issue.dhis2Uid}</code>
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Badge variant="light" color={issue.outcome === 'failed' ? 'red' : 'orange'} tt="none">
                    {issue.outcome === 'failed' ? 'Failed' : 'Deferred'}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  {issue.reason}
                  {issue.details && (
                    <Text size="xs" c="dimmed">
                      {issue.details}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{issue.lastRunId}</Table.Td>
                <Table.Td>
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    disabled={busy}
                    aria-label={`Dismiss ${issue.entity} ${issue.dhis2Uid}`}
                    onClick={() => void dismiss([issue])}
                  >
                    Dismiss
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
