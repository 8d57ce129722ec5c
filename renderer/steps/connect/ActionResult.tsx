import { Alert, List } from '@mantine/core';
import type { ConnectionId, ConnectionTest } from '../../../shared/connections.js';
import type { AppErrorShape } from '../../../shared/result.js';
import { CheckGlyph } from '../../components/icons.js';
import { SERVER_NAME } from './connection-form.js';

/** What the last Save / Test connection / Forget did, as one union per connection card. */
export type Action =
  | { status: 'idle' }
  | { status: 'busy'; what: 'save' | 'test' | 'forget' }
  | { status: 'tested'; test: ConnectionTest }
  | { status: 'saved' }
  | { status: 'forgotten' }
  | { status: 'failed'; error: AppErrorShape };

/** The good news of the last action (errors are shown by the form, next to the fields). */
export function ActionResult({
  id,
  action,
  onClose,
}: {
  id: ConnectionId;
  action: Action;
  onClose: () => void;
}) {
  if (action.status === 'saved') {
    return (
      <Alert
        role="status"
        color="teal"
        icon={<CheckGlyph />}
        title="Saved"
        withCloseButton
        closeButtonLabel="Close"
        onClose={onClose}
      >
        Now use Test connection to check that {SERVER_NAME[id]} answers.
      </Alert>
    );
  }
  if (action.status === 'forgotten') {
    return (
      <Alert
        role="status"
        color="gray"
        title="Forgotten"
        withCloseButton
        closeButtonLabel="Close"
        onClose={onClose}
      >
        The {SERVER_NAME[id]} connection was removed.
      </Alert>
    );
  }
  if (action.status !== 'tested') return null;
  const { test } = action;
  return (
    <Alert
      role="status"
      color="teal"
      icon={<CheckGlyph />}
      title="Connection works"
      withCloseButton
      closeButtonLabel="Close"
      onClose={onClose}
    >
      Signed in to {SERVER_NAME[id]} {test.serverVersion} as <strong>{test.user}</strong>.
      {test.warnings.length > 0 && (
        <List size="sm" mt="xs">
          {test.warnings.map((w) => (
            <List.Item key={w}>Warning: {w}</List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}
