import { Alert, Button, Group, Paper, ScrollArea, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { AppErrorShape } from '../../../shared/result.js';
import type { StageState } from '../../../shared/stages.js';
import type { DriftReport } from '../../../shared/views.js';
import { api } from '../../api.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { formatDateTime, formatNumber } from '../../components/format.js';
import { CheckGlyph } from '../../components/icons.js';
import { runStage } from '../../state/stages.js';
import { DRIFT_KINDS, driftLines, driftTotal } from './drift.js';

type Check =
  | { status: 'idle' }
  | { status: 'checking' }
  | { status: 'checked'; report: DriftReport }
  | { status: 'failed'; error: AppErrorShape };

/** Compares the DHIS2 org-unit tree with what was mirrored into Go.Data, and applies the differences on request. */
export function DriftPanel({ state }: { state: StageState | undefined }) {
  const [check, setCheck] = useState<Check>({ status: 'idle' });
  const [applyError, setApplyError] = useState<AppErrorShape | undefined>();
  const mirrored = Boolean(state?.lastRun);
  const runnable = state?.status === 'finished' || state?.status === 'failed' || state?.status === 'ready';

  async function runCheck() {
    setCheck({ status: 'checking' });
    const result = await api().locations.drift({});
    setCheck(
      result.ok ? { status: 'checked', report: result.value } : { status: 'failed', error: result.error },
    );
  }

  async function apply() {
    const result = await runStage('locations', { applyDrift: true });
    setApplyError(result.ok ? undefined : result.error);
    if (result.ok) setCheck({ status: 'idle' });
  }

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="drift-heading">
      <Stack gap="sm">
        <Title order={4} id="drift-heading">
          Changes in the DHIS2 tree
        </Title>
        <Text size="sm" c="dimmed">
          Org units get added, renamed, moved or closed in DHIS2. Check what changed since the locations were
          sent to Go.Data, then apply the changes.
        </Text>
        <Group>
          <Button
            variant="default"
            onClick={() => void runCheck()}
            loading={check.status === 'checking'}
            disabled={!mirrored}
          >
            Check for changes in the DHIS2 tree
          </Button>
          {!mirrored && <Text size="sm">Run Locations once first.</Text>}
        </Group>
        {check.status === 'failed' && (
          <ErrorAlert error={check.error} onClose={() => setCheck({ status: 'idle' })} />
        )}
        {check.status === 'checked' && (
          <DriftResult report={check.report} canApply={runnable} onApply={() => void apply()} />
        )}
        {applyError && <ErrorAlert error={applyError} onClose={() => setApplyError(undefined)} />}
      </Stack>
    </Paper>
  );
}

function DriftResult({
  report,
  canApply,
  onApply,
}: {
  report: DriftReport;
  canApply: boolean;
  onApply: () => void;
}) {
  const total = driftTotal(report);
  if (total === 0) {
    return (
      <Alert role="status" color="teal" icon={<CheckGlyph />} title="No changes">
        All {formatNumber(report.mirrored)} mirrored locations match DHIS2 (checked{' '}
        {formatDateTime(report.checkedAt)}).
      </Alert>
    );
  }
  return (
    <Stack gap="sm">
      <Text size="sm" aria-live="polite">
        {formatNumber(total)} change{total === 1 ? '' : 's'} among {formatNumber(report.mirrored)} mirrored
        locations (checked {formatDateTime(report.checkedAt)}).
      </Text>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
        {DRIFT_KINDS.filter(({ kind }) => report[kind].length > 0).map(({ kind, title, explain }) => (
          <Paper key={kind} withBorder p="sm" component="section" aria-label={`${title} org units`}>
            <Text fw={600}>
              {title} ({formatNumber(report[kind].length)})
            </Text>
            <Text size="xs" c="dimmed" mb={4}>
              {explain}
            </Text>
            <ScrollArea.Autosize mah={220}>
              <ul style={{ margin: 0, paddingLeft: 18 }}>
                {driftLines(report, kind).map((line) => (
                  <li key={line.uid}>
                    <Text size="sm" span>
                      {line.text}
                    </Text>{' '}
                    <Text size="xs" c="dimmed" span>
                      {line.uid}
                    </Text>
                  </li>
                ))}
              </ul>
            </ScrollArea.Autosize>
          </Paper>
        ))}
      </SimpleGrid>
      <Group>
        <Button onClick={onApply} disabled={!canApply}>
          Apply changes
        </Button>
      </Group>
    </Stack>
  );
}
