import {
  Alert,
  Autocomplete,
  Button,
  Checkbox,
  Divider,
  Fieldset,
  Group,
  List,
  Modal,
  MultiSelect,
  Stack,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import {
  FieldMappingSchema,
  formatPath,
  TRANSFORMS,
  type FieldMapping,
  type RecordMappingKind,
  type Transform,
} from '../../../shared/mapping.js';
import { nonEmpty, setOptional } from './draft.js';
import type { MetadataIndex } from './metadata-index.js';
import { newSource, optionSetOf } from './sources.js';
import { SourceEditor } from './SourceEditor.js';
import { freeTargets, LIST_TEXT } from './target-fields.js';
import { ValueMapEditor } from './ValueMapEditor.js';

type Program = NonNullable<MetadataIndex['summary']>['programs'][number];

const TRANSFORM_TEXT: Readonly<Record<Transform, string>> = {
  trim: 'Trim spaces',
  date: 'Date (yyyy-MM-dd)',
  datetime: 'Date and time',
  ageFromBirthDate: 'Age from birth date',
  number: 'Number',
  integer: 'Whole number',
  boolean: 'Yes / no',
  uppercase: 'Upper case',
  lowercase: 'Lower case',
};

interface FieldMappingModalProps {
  /** The mapping to edit, or undefined for a new one. */
  initial: FieldMapping | undefined;
  list: RecordMappingKind;
  usedTargets: readonly string[];
  programs: readonly Program[];
  index: MetadataIndex;
  onApply: (mapping: FieldMapping) => void;
  onClose: () => void;
}

/** Edits one Go.Data field's mapping; checked with the shared schema before it goes into the draft. */
export function FieldMappingModal({
  initial,
  list,
  usedTargets,
  programs,
  index,
  onApply,
  onClose,
}: FieldMappingModalProps) {
  const [m, setM] = useState<FieldMapping>(
    () =>
      initial ?? {
        target: '',
        source: newSource(list === 'eventMapping' ? 'dataElement' : 'attribute', list),
      },
  );
  const parsed = FieldMappingSchema.safeParse(m);
  const errors = parsed.success
    ? []
    : parsed.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message }));
  const set = (patch: Partial<FieldMapping>) => setM((prev) => ({ ...prev, ...patch }));
  const fallbacks = m.fallbacks ?? [];

  return (
    <Modal
      opened
      onClose={onClose}
      size="xl"
      title={`${initial ? 'Edit' : 'New'} ${LIST_TEXT[list].record} field mapping`}
    >
      <Stack gap="md">
        <Autocomplete
          label="Go.Data field"
          description="A field path such as firstName, age.years or addresses[0].phoneNumber"
          data={freeTargets(
            list,
            usedTargets.filter((t) => t !== initial?.target),
          )}
          value={m.target}
          onChange={(target) => set({ target })}
          required
        />
        <Fieldset legend="Source">
          <SourceEditor
            source={m.source}
            onChange={(source) => set({ source })}
            list={list}
            programs={programs}
          />
        </Fieldset>
        {fallbacks.map((f, i) => (
          <Fieldset key={i} legend={`Fallback ${i + 1} (used when the source is empty)`}>
            <SourceEditor
              source={f}
              list={list}
              programs={programs}
              onChange={(next) => set({ fallbacks: fallbacks.map((x, j) => (j === i ? next : x)) })}
            />
            <Button
              mt="xs"
              size="compact-xs"
              variant="subtle"
              color="red"
              onClick={() => setM(setOptional(m, 'fallbacks', nonEmpty(fallbacks.filter((_, j) => j !== i))))}
            >
              Remove fallback {i + 1}
            </Button>
          </Fieldset>
        ))}
        <Group>
          <Button
            size="xs"
            variant="default"
            onClick={() => set({ fallbacks: [...fallbacks, newSource('attribute', list)] })}
          >
            Add fallback
          </Button>
        </Group>
        <MultiSelect
          label="Transforms"
          description="Applied in the order chosen, before the value map"
          data={TRANSFORMS.map((t) => ({ value: t, label: TRANSFORM_TEXT[t] }))}
          value={m.transforms ?? []}
          onChange={(v) => setM(setOptional(m, 'transforms', nonEmpty(v)))}
          clearable
        />
        <Group grow align="start">
          <TextInput
            label="Default value"
            description="Sent when the value is still empty"
            value={m.default === undefined ? '' : String(m.default)}
            onChange={(e) => setM(setOptional(m, 'default', e.currentTarget.value || undefined))}
          />
          <Checkbox
            mt="xl"
            label="Required"
            description="An empty value is an error and the record is not sent"
            checked={m.required ?? false}
            onChange={(e) => setM(setOptional(m, 'required', e.currentTarget.checked || undefined))}
          />
        </Group>
        <Divider />
        <Title order={4}>Value map</Title>
        <ValueMapEditor
          entries={m.valueMap ?? []}
          onChange={(entries) => setM(setOptional(m, 'valueMap', nonEmpty(entries)))}
          optionSet={optionSetOf(m.source, index)}
        />
        {errors.length > 0 && (
          <Alert role="status" color="orange" title="To fix before applying">
            <List size="sm">
              {errors.map((e) => (
                <List.Item key={`${e.path}:${e.message}`}>
                  {e.path && <code>{e.path}</code>}
                  {e.path ? ': ' : ''}
                  {e.message}
                </List.Item>
              ))}
            </List>
          </Alert>
        )}
        <Group justify="end">
          <Button variant="default" onClick={onClose}>
            Close
          </Button>
          <Button disabled={!parsed.success} onClick={() => parsed.success && onApply(parsed.data)}>
            Apply
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
