import { Button, Checkbox, Group, Text } from '@mantine/core';
import { useState } from 'react';
import type { AppErrorShape } from '../../shared/result.js';
import type { StageName, StageState } from '../../shared/stages.js';
import { useMapping } from '../state/mapping.js';
import { cancelStage, runStage } from '../state/stages.js';
import { resumesLastRun } from '../state/step-status.js';
import { ErrorAlert } from './ErrorAlert.js';

type Pending =
  | { status: 'idle' }
  | { status: 'starting' }
  | { status: 'cancelling' }
  | { status: 'failed'; error: AppErrorShape };

/** Run (optionally as a full re-sync) and Cancel. Main decides whether a run may start; locked stays disabled. */
export function RunControls({ stage, state }: { stage: StageName; state: StageState | undefined }) {
  const [fullResync, setFullResync] = useState(false);
  const [pending, setPending] = useState<Pending>({ status: 'idle' });
  const mappingDirty = useMapping((s) => s.dirty);
  const running = state?.status === 'running';
  // A full re-sync clears the checkpoints, so only a plain run continues a stopped one.
  const resumes = resumesLastRun(state) && !fullResync;
  const runnable =
    state !== undefined &&
    (state.status === 'ready' || state.status === 'finished' || state.status === 'failed');

  async function run() {
    setPending({ status: 'starting' });
    const result = await runStage(stage, fullResync ? { fullResync: true } : {});
    setPending(result.ok ? { status: 'idle' } : { status: 'failed', error: result.error });
  }

  async function cancel() {
    setPending({ status: 'cancelling' });
    const result = await cancelStage(stage);
    setPending(result.ok ? { status: 'idle' } : { status: 'failed', error: result.error });
  }

  return (
    <>
      <Group gap="md" align="center">
        <Button
          onClick={() => void run()}
          disabled={!runnable || running}
          loading={pending.status === 'starting'}
        >
          {resumes ? 'Resume' : 'Run'}
        </Button>
        {running && (
          <Button
            variant="default"
            color="red"
            onClick={() => void cancel()}
            loading={pending.status === 'cancelling'}
          >
            Cancel
          </Button>
        )}
        <Checkbox
          label="Full re-sync"
          description="Read everything again, not only what changed since the last run"
          checked={fullResync}
          disabled={running || !runnable}
          onChange={(e) => setFullResync(e.currentTarget.checked)}
        />
      </Group>
      {mappingDirty && runnable && !running && (
        <Text size="sm" c="orange.9">
          The mapping has unsaved changes: this run uses the mapping as last saved.
        </Text>
      )}
      {pending.status === 'failed' && (
        <ErrorAlert error={pending.error} onClose={() => setPending({ status: 'idle' })} />
      )}
    </>
  );
}
