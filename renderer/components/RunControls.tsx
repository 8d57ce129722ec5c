import { Button, Checkbox, Group } from '@mantine/core';
import { useState } from 'react';
import type { AppErrorShape } from '../../shared/result.js';
import type { StageName, StageState } from '../../shared/stages.js';
import { cancelStage, runStage } from '../state/stages.js';
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
  const running = state?.status === 'running';
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
          Run
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
          disabled={running}
          onChange={(e) => setFullResync(e.currentTarget.checked)}
        />
      </Group>
      {pending.status === 'failed' && (
        <ErrorAlert error={pending.error} onClose={() => setPending({ status: 'idle' })} />
      )}
    </>
  );
}
