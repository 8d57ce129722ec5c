import { Alert, List } from '@mantine/core';
import type { AppErrorShape } from '../../shared/result.js';
import { CrossGlyph } from './icons.js';

const TITLES: Partial<Record<AppErrorShape['kind'], string>> = {
  auth: 'Sign-in failed',
  forbidden: 'Not allowed',
  unreachable: 'Server not reachable',
  'not-a-server': 'Not the expected server',
  unsupported: 'Not supported',
  validation: 'Please check the values',
  'invalid-request': 'Please check the values',
  'stage-locked': 'Not yet possible',
  busy: 'Busy',
  keychain: 'Keychain unavailable',
  cancelled: 'Cancelled',
  conflict: 'Conflict',
  'not-found': 'Not found',
};

interface ErrorAlertProps {
  error: AppErrorShape;
  /** Field problems already shown under their inputs are left out here. */
  shownFields?: readonly string[];
  onClose?: () => void;
}

/** An error from main: its readable message, and the per-field problems with their paths. */
export function ErrorAlert({ error, shownFields = [], onClose }: ErrorAlertProps) {
  const fields = Object.entries(error.fields ?? {}).filter(([path]) => !shownFields.includes(path));
  return (
    <Alert
      color="red"
      title={TITLES[error.kind] ?? 'Something went wrong'}
      icon={<CrossGlyph />}
      role="alert"
      withCloseButton={Boolean(onClose)}
      closeButtonLabel="Dismiss error"
      {...(onClose ? { onClose } : {})}
    >
      {error.message}
      {fields.length > 0 && (
        <List size="sm" mt="xs" spacing={2}>
          {fields.map(([path, message]) => (
            <List.Item key={path}>
              <code>{path}</code>: {message}
            </List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}
