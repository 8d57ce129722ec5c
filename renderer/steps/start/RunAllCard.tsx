import { Alert, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { STAGE_LABELS } from '../../../shared/stages.js';
import { ProgressView } from '../../components/ProgressView.js';
import { CheckGlyph } from '../../components/icons.js';
import { valueOf } from '../../state/loadable.js';
import { useMapping } from '../../state/mapping.js';
import { useNavigation } from '../../state/navigation.js';
import { liveProgress } from '../../state/progress.js';
import { useRunAll } from '../../state/run-all.js';
import { stagesToRun } from '../../state/run-plan.js';
import { useStages } from '../../state/stages.js';

/** Runs the remaining stages one after the other through the ordinary per-stage channels; stops on failure. */
export function RunAllCard() {
  const list = useStages((s) => valueOf(s.list));
  const progress = useStages((s) => s.progress);
  const runAll = useRunAll((s) => s.state);
  const { start, stop } = useRunAll.getState();
  // Stages read the saved mapping: running all with unsaved edits would silently ignore them.
  const mappingDirty = useMapping((s) => s.dirty);
  const go = useNavigation((s) => s.go);
  const ready = list ? list.ready.connections && list.ready.mapping : false;
  const remaining = list ? stagesToRun(list.stages, 'remaining') : [];
  const running = runAll.status === 'running';
  const mode = remaining.length > 0 ? 'remaining' : 'all';
  const currentState = running ? list?.stages.find((s) => s.stage === runAll.stage) : undefined;
  const live = running ? liveProgress(currentState, progress[runAll.stage]) : undefined;

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="run-all-heading">
      <Stack gap="sm">
        <Title order={3} id="run-all-heading">
          Run everything in order
        </Title>
        <Text size="sm" c="dimmed">
          {running
            ? 'Each stage starts when the one before it has finished. Cancelling stops the current stage and the rest.'
            : remaining.length > 0
              ? `Runs ${remaining.map((s) => STAGE_LABELS[s]).join(', ')} one after the other and stops at the first one that does not finish.`
              : 'Every stage has finished. Run them all again to bring Go.Data up to date with DHIS2.'}
        </Text>
        {!ready && <Text size="sm">Connect both servers and save a mapping first.</Text>}
        {ready && mappingDirty && !running && (
          <Alert color="orange" title="The mapping has unsaved changes">
            <Stack gap="xs" align="start">
              <Text size="sm">
                The stages use the mapping as last saved. Save or discard your changes on Mappings first.
              </Text>
              <Button size="xs" variant="default" onClick={() => go('mappings')}>
                Go to Mappings
              </Button>
            </Stack>
          </Alert>
        )}
        <Group>
          <Button onClick={() => void start(mode)} disabled={!ready || running || mappingDirty}>
            {running
              ? 'Running all stages…'
              : mode === 'remaining'
                ? 'Run all remaining stages'
                : 'Sync all stages again'}
          </Button>
          {running && (
            <Button variant="default" color="red" onClick={() => void stop()}>
              Cancel run all
            </Button>
          )}
        </Group>
        {running && (
          <Stack gap="xs">
            <Text size="sm" fw={600} aria-live="polite">
              Stage {runAll.index + 1} of {runAll.of}: {STAGE_LABELS[runAll.stage]}
            </Text>
            {live && <ProgressView progress={live} label={STAGE_LABELS[runAll.stage]} />}
          </Stack>
        )}
        {runAll.status === 'stopped' && (
          <Alert color="orange" title={`Stopped at ${STAGE_LABELS[runAll.stage]}`}>
            {runAll.reason}
          </Alert>
        )}
        {runAll.status === 'done' && (
          <Alert role="status" color="teal" icon={<CheckGlyph />} title="All done">
            {runAll.ran} stage{runAll.ran === 1 ? '' : 's'} ran and finished.
          </Alert>
        )}
      </Stack>
    </Card>
  );
}
