import { Alert, Button, Group, JsonInput, List, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { parseMappingConfigJson } from '../../../shared/mapping.js';
import type { AppErrorShape } from '../../../shared/result.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { useMapping } from '../../state/mapping.js';

const pretty = (value: unknown) => (value === undefined ? '' : JSON.stringify(value, null, 2));

/**
 * The raw mapping for power users. Checked while typing with the same schema main uses; when it is valid the
 * editor tabs follow. "Save JSON" sends the document as typed and main has the last word.
 */
export function JsonEditor() {
  const draft = useMapping((s) => s.draft);
  const edit = useMapping((s) => s.edit);
  const saveConfig = useMapping((s) => s.saveConfig);
  const saving = useMapping((s) => s.save.status === 'saving');
  const [text, setText] = useState(() => pretty(draft));
  const [saveError, setSaveError] = useState<AppErrorShape | undefined>();
  const [saved, setSaved] = useState(false);
  const local = parseMappingConfigJson(text);

  function change(next: string) {
    setText(next);
    setSaved(false);
    const parsed = parseMappingConfigJson(next);
    if (parsed.ok) edit(() => parsed.config);
  }

  async function save() {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      setSaveError({
        kind: 'validation',
        message: `Not JSON: ${e instanceof Error ? e.message : String(e)}`,
      });
      return;
    }
    const result = await saveConfig(json);
    if (result.ok) {
      setText(pretty(result.value.config));
      setSaveError(undefined);
      setSaved(true);
    } else {
      setSaveError(result.error);
    }
  }

  return (
    <Stack gap="sm">
      <JsonInput
        label="Mapping JSON"
        description="The whole mapping as one document. Fields with defaults may be left out."
        value={text}
        onChange={change}
        autosize
        minRows={16}
        maxRows={36}
        spellCheck={false}
        styles={{
          input: { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', fontSize: 12 },
        }}
      />
      {local.ok ? (
        <Text size="sm" c="teal.8">
          Valid mapping JSON.
        </Text>
      ) : (
        <Alert
          role="status"
          color="orange"
          title={`${local.errors.length} problem${local.errors.length === 1 ? '' : 's'} in the JSON`}
        >
          <List size="sm">
            {local.errors.slice(0, 50).map((e) => (
              <List.Item key={`${e.path}:${e.message}`}>
                {e.path ? <code>{e.path}</code> : 'Document'}: {e.message}
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
      {saveError && <ErrorAlert error={saveError} onClose={() => setSaveError(undefined)} />}
      {saved && (
        <Text size="sm" c="teal.8" role="status">
          Saved.
        </Text>
      )}
      <Group>
        <Button onClick={() => void save()} loading={saving}>
          Save JSON
        </Button>
        <Button variant="default" onClick={() => change(pretty(draft))}>
          Revert JSON to the editor&apos;s mapping
        </Button>
      </Group>
    </Stack>
  );
}
