import { Alert, Card, Group, Loader, Stack, Tabs, Text, Title } from '@mantine/core';
import { useId, type ReactNode } from 'react';
import { STAGE_LABELS, type StageName } from '../../shared/stages.js';
import { liveProgress } from '../state/progress.js';
import { stepStatusOfStage } from '../state/step-status.js';
import { useStages, useStageState } from '../state/stages.js';
import { ExportReport } from './ExportReport.js';
import { LockGlyph } from './icons.js';
import { OpenIssues } from './OpenIssues.js';
import { OutcomesTable } from './OutcomesTable.js';
import { ProgressView } from './ProgressView.js';
import { RunControls } from './RunControls.js';
import { RunSummary } from './RunSummary.js';
import { StatusBadge } from './StatusBadge.js';

interface StagePanelProps {
  stage: StageName;
  /** What the stage does, in a sentence or two. */
  description: ReactNode;
  /** Stage-specific parts (the locations drift check) shown under the run summary. */
  children?: ReactNode;
}

/**
 * One pipeline stage: status, Run / Cancel, live progress, the last run's summary, and its outcomes and open
 * issues. A labelled region, so "Run" can be found per stage.
 */
export function StagePanel({ stage, description, children }: StagePanelProps) {
  const headingId = useId();
  const state = useStageState(stage);
  const progress = useStages((s) => s.progress[stage]);
  const live = liveProgress(state, progress);
  const label = STAGE_LABELS[stage];
  const lastRun = state?.lastRun;
  const refreshKey = `${lastRun?.id ?? 0}:${lastRun?.status ?? ''}:${state?.openIssues ?? 0}`;

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby={headingId}>
      <Stack gap="md">
        <Group justify="space-between" align="start">
          <div>
            <Title order={3} id={headingId}>
              {label}
            </Title>
            <Text size="sm" c="dimmed" maw={680}>
              {description}
            </Text>
          </div>
          {state && <StatusBadge status={stepStatusOfStage(state, progress)} />}
        </Group>

        {state?.status === 'locked' && (
          <Alert role="status" color="gray" icon={<LockGlyph />} title="Locked">
            {state.lockedReason ?? 'Finish the previous step first.'}
          </Alert>
        )}

        <RunControls stage={stage} state={state} />

        {live ? (
          <ProgressView progress={live} label={label} />
        ) : state?.status === 'running' ? (
          <Group gap="xs" aria-live="polite">
            <Loader size="sm" />
            <Text size="sm">Starting…</Text>
          </Group>
        ) : lastRun ? (
          <RunSummary run={lastRun} />
        ) : (
          <Text size="sm" c="dimmed">
            Not run yet.
          </Text>
        )}

        {children}

        {lastRun && (
          <Tabs defaultValue="outcomes" keepMounted={false}>
            <Tabs.List>
              <Tabs.Tab value="outcomes">Records</Tabs.Tab>
              <Tabs.Tab value="issues">Open issues ({state?.openIssues ?? 0})</Tabs.Tab>
              <Tabs.Tab value="report">Report</Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="outcomes" pt="sm">
              <OutcomesTable key={`${lastRun.id}:${lastRun.status}`} runId={lastRun.id} />
            </Tabs.Panel>
            <Tabs.Panel value="issues" pt="sm">
              <OpenIssues stage={stage} refreshKey={refreshKey} />
            </Tabs.Panel>
            <Tabs.Panel value="report" pt="sm">
              <ExportReport runId={lastRun.id} />
            </Tabs.Panel>
          </Tabs>
        )}
      </Stack>
    </Card>
  );
}
