import {
  Button,
  Card,
  Group,
  Modal,
  PasswordInput,
  Radio,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useId, useState } from 'react';
import type { ConnectionId, ConnectionView } from '../../../shared/connections.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { formatDateTime } from '../../components/format.js';
import { forgetConnection, saveConnection, testConnection, useConnections } from '../../state/connections.js';
import { valueOf } from '../../state/loadable.js';
import { ActionResult, type Action } from './ActionResult.js';
import {
  fieldErrors,
  formFromView,
  FORM_FIELDS,
  isChanged,
  labels,
  SERVER_NAME,
  statusLine,
  storedSecretText,
  toSaveRequest,
  type ConnectionForm,
} from './connection-form.js';

const PURPOSE: Readonly<Record<ConnectionId, string>> = {
  dhis2: 'Where the data comes from. The bridge only reads from DHIS2.',
  godata: 'Where the data goes. Use an account allowed to create locations, outbreaks, cases and contacts.',
};

/** One server: address, sign-in, Save / Test connection / Forget. The stored secret is never shown or sent back. */
export function ConnectionCard({ id }: { id: ConnectionId }) {
  const headingId = useId();
  const view = useConnections((s) => valueOf(s.connections)?.find((c) => c.id === id));
  const testFailed = useConnections((s) => s.testFailed[id] ?? false);
  const [action, setAction] = useState<Action>({ status: 'idle' });
  const name = SERVER_NAME[id];

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby={headingId}>
      <Stack gap="sm">
        <div>
          <Title order={3} id={headingId}>
            {name}
          </Title>
          <Text size="sm" c="dimmed">
            {PURPOSE[id]}
          </Text>
          <Text size="sm" mt={4}>
            {statusLine(view, testFailed, formatDateTime)}
          </Text>
        </div>
        <ConnectionFields id={id} view={view} action={action} setAction={setAction} />
        <ActionResult id={id} action={action} onClose={() => setAction({ status: 'idle' })} />
      </Stack>
    </Card>
  );
}

interface FieldsProps {
  id: ConnectionId;
  view: ConnectionView | undefined;
  action: Action;
  setAction: (a: Action) => void;
}

function ConnectionFields({ id, view, action, setAction }: FieldsProps) {
  // The draft lives in the store, so what was typed survives going to another step and back.
  const draft = useConnections((s) => s.drafts[id]);
  const setDraft = useConnections((s) => s.setDraft);
  const form = draft ?? formFromView(view);
  const [confirmForget, setConfirmForget] = useState(false);
  const errors = fieldErrors(action.status === 'failed' ? action.error : undefined);
  const text = labels(id, form.authKind);
  const stored = form.authKind === view?.authKind ? storedSecretText(id, view) : undefined;
  const changed = isChanged(form, view);
  const busy = action.status === 'busy';
  const set = <K extends keyof ConnectionForm>(key: K, value: ConnectionForm[K]) =>
    setDraft(id, { ...form, [key]: value });

  async function save() {
    setAction({ status: 'busy', what: 'save' });
    const result = await saveConnection(toSaveRequest(id, form));
    setAction(result.ok ? { status: 'saved' } : { status: 'failed', error: result.error });
  }
  async function test() {
    setAction({ status: 'busy', what: 'test' });
    const result = await testConnection(id);
    setAction(
      result.ok ? { status: 'tested', test: result.value } : { status: 'failed', error: result.error },
    );
  }
  async function forget() {
    setConfirmForget(false);
    setAction({ status: 'busy', what: 'forget' });
    const result = await forgetConnection(id);
    setAction(result.ok ? { status: 'forgotten' } : { status: 'failed', error: result.error });
  }

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <Stack gap="sm">
        <TextInput
          label={text.url}
          placeholder="https://"
          value={form.url}
          onChange={(e) => set('url', e.currentTarget.value)}
          error={errors.url}
          required
          autoComplete="url"
        />
        {id === 'dhis2' && (
          <Radio.Group
            label="Sign in with"
            value={form.authKind}
            onChange={(v) => set('authKind', v === 'token' ? 'token' : 'basic')}
            error={errors.authKind}
          >
            <Group mt={4}>
              <Radio value="basic" label="User account" />
              <Radio value="token" label="Access token (PAT)" />
            </Group>
          </Radio.Group>
        )}
        {form.authKind === 'basic' && (
          <TextInput
            label={text.username}
            value={form.username}
            onChange={(e) => set('username', e.currentTarget.value)}
            error={errors.username}
            required
            autoComplete="username"
          />
        )}
        <PasswordInput
          label={text.secret}
          value={form.secret}
          onChange={(e) => set('secret', e.currentTarget.value)}
          error={errors.secret}
          description={stored ? `${stored} Leave empty to keep it.` : undefined}
          placeholder={stored ? 'Stored — leave empty to keep' : undefined}
          autoComplete="current-password"
          // Not "Toggle password visibility": its label must not match the field's own label.
          visibilityToggleButtonProps={{ 'aria-label': 'Show or hide what is typed' }}
        />
        <Group gap="xs">
          <Button type="submit" loading={busy && action.what === 'save'} disabled={busy}>
            Save
          </Button>
          <Button
            variant="default"
            onClick={() => void test()}
            loading={busy && action.what === 'test'}
            disabled={busy || !view}
          >
            Test connection
          </Button>
          <Button
            variant="subtle"
            color="red"
            onClick={() => setConfirmForget(true)}
            disabled={busy || !view}
          >
            Forget
          </Button>
        </Group>
        {view && changed && (
          <Text size="xs" c="dimmed">
            Unsaved changes: Test connection uses the saved settings.
          </Text>
        )}
        {action.status === 'failed' && (
          <ErrorAlert
            error={action.error}
            shownFields={FORM_FIELDS.filter((f) => errors[f])}
            onClose={() => setAction({ status: 'idle' })}
          />
        )}
      </Stack>
      <Modal
        opened={confirmForget}
        onClose={() => setConfirmForget(false)}
        title={`Forget the ${SERVER_NAME[id]} connection?`}
      >
        <Text size="sm">
          The address and the stored {text.secret.toLowerCase()} are removed from this computer.
        </Text>
        <Group justify="end" mt="md">
          <Button variant="default" onClick={() => setConfirmForget(false)}>
            Keep it
          </Button>
          <Button color="red" onClick={() => void forget()}>
            Forget connection
          </Button>
        </Group>
      </Modal>
    </form>
  );
}
