import { Alert, Button, Group, Text } from '@mantine/core';
import { useState } from 'react';
import type { AppErrorShape } from '../../shared/result.js';
import { api } from '../api.js';
import { ErrorAlert } from './ErrorAlert.js';
import { formatNumber } from './format.js';

type ExportState =
  | { status: 'idle' }
  | { status: 'exporting'; format: 'csv' | 'json' }
  | { status: 'saved'; path: string; rows: number }
  | { status: 'failed'; error: AppErrorShape };

/** Writes a run's outcomes to a file in the data folder and says where. */
export function ExportReport({ runId }: { runId: number }) {
  const [state, setState] = useState<ExportState>({ status: 'idle' });

  async function exportAs(format: 'csv' | 'json') {
    setState({ status: 'exporting', format });
    const result = await api().runs.exportReport({ runId, format });
    setState(result.ok ? { status: 'saved', ...result.value } : { status: 'failed', error: result.error });
  }

  return (
    <div>
      <Group gap="xs">
        <Text size="sm">Report of run {runId}:</Text>
        {(['csv', 'json'] as const).map((format) => (
          <Button
            key={format}
            size="xs"
            variant="default"
            loading={state.status === 'exporting' && state.format === format}
            disabled={state.status === 'exporting'}
            onClick={() => void exportAs(format)}
          >
            Export {format.toUpperCase()}
          </Button>
        ))}
      </Group>
      {state.status === 'saved' && (
        <Alert
          role="status"
          mt="xs"
          color="teal"
          title="Report saved"
          withCloseButton
          closeButtonLabel="Close"
          onClose={() => setState({ status: 'idle' })}
        >
          {formatNumber(state.rows)} rows written to <code>{state.path}</code>
        </Alert>
      )}
      {state.status === 'failed' && (
        <ErrorAlert error={state.error} onClose={() => setState({ status: 'idle' })} />
      )}
    </div>
  );
}
