import { Button, Fieldset, Group, Select, Stack, TextInput } from '@mantine/core';
import type { FieldSource, RecordLevel, RecordMappingKind } from '../../../shared/mapping.js';
import { setOptional } from './draft.js';
import { attributeChoices, dataElementChoices, stageChoices, type MetadataIndex } from './metadata-index.js';
import { UidPicker } from './pickers.js';
import {
  fieldsOf,
  kindsFor,
  levelChoices,
  levelsFor,
  newSource,
  SOURCE_KIND_TEXT,
  type ConcatPart,
} from './sources.js';

type Program = NonNullable<MetadataIndex['summary']>['programs'][number];

interface SourceEditorProps {
  source: FieldSource;
  onChange: (source: FieldSource) => void;
  list: RecordMappingKind;
  /** The programs whose attributes and stages may be picked. */
  programs: readonly Program[];
  inConcat?: boolean;
}

const PICKS = [
  { value: 'latest', label: 'Latest event' },
  { value: 'earliest', label: 'Earliest event' },
];

/** Where one Go.Data value comes from, with pickers fed by the pulled metadata. */
export function SourceEditor({ source, onChange, list, programs, inConcat = false }: SourceEditorProps) {
  const kinds = kindsFor(list, inConcat);
  return (
    <Stack gap="xs">
      <Select
        label="Source type"
        data={kinds.map((k) => ({ value: k, label: SOURCE_KIND_TEXT[k] }))}
        value={source.kind}
        onChange={(k) => k && k !== source.kind && onChange(newSource(k, list))}
        allowDeselect={false}
      />
      <SourceFields source={source} onChange={onChange} list={list} programs={programs} />
    </Stack>
  );
}

function SourceFields({ source, onChange, list, programs }: SourceEditorProps) {
  switch (source.kind) {
    case 'attribute':
      return (
        <UidPicker
          label="Attribute"
          choices={attributeChoices(programs)}
          value={source.attribute || undefined}
          onChange={(v) => onChange({ ...source, attribute: v ?? '' })}
          required
        />
      );
    case 'dataElement':
      return (
        <>
          <UidPicker
            label="Program stage"
            placeholder="Any stage"
            choices={stageChoices(programs)}
            value={source.programStage}
            onChange={(v) => onChange(setOptional(source, 'programStage', v))}
            clearable
          />
          <UidPicker
            label="Data element"
            choices={dataElementChoices(programs, source.programStage)}
            value={source.dataElement || undefined}
            onChange={(v) => onChange({ ...source, dataElement: v ?? '' })}
            required
          />
          <PickSelect value={source.pick} onChange={(pick) => onChange({ ...source, pick })} />
        </>
      );
    case 'field': {
      const levels = levelsFor('field', list);
      const stageApplies = source.of === 'event' && list !== 'eventMapping';
      return (
        <>
          <Group grow>
            <Select
              label="Record"
              data={levelChoices(levels)}
              value={source.of}
              allowDeselect={false}
              onChange={(v) => {
                const of = (v ?? source.of) as RecordLevel;
                onChange({ kind: 'field', of, field: fieldsOf(of)[0] ?? '' });
              }}
            />
            <Select
              label="Field"
              data={[...fieldsOf(source.of)]}
              value={source.field}
              allowDeselect={false}
              onChange={(v) => onChange({ ...source, field: v ?? source.field })}
            />
          </Group>
          {stageApplies && (
            <>
              <UidPicker
                label="Program stage"
                placeholder="Any stage"
                choices={stageChoices(programs)}
                value={source.programStage}
                onChange={(v) => onChange(setOptional(source, 'programStage', v))}
                clearable
              />
              <PickSelect value={source.pick} onChange={(pick) => onChange({ ...source, pick })} />
            </>
          )}
        </>
      );
    }
    case 'constant':
      return <ConstantFields value={source.value} onChange={(value) => onChange({ ...source, value })} />;
    case 'geometry':
      return (
        <Select
          label="Coordinates of"
          data={levelChoices(levelsFor('geometry', list))}
          value={source.of}
          allowDeselect={false}
          onChange={(v) => v && onChange({ ...source, of: v as typeof source.of })}
        />
      );
    case 'orgUnit':
      return (
        <Select
          label="Org unit of"
          data={levelChoices(levelsFor('orgUnit', list))}
          value={source.of}
          allowDeselect={false}
          onChange={(v) => v && onChange({ ...source, of: v as typeof source.of })}
        />
      );
    case 'concat':
      return <ConcatFields source={source} onChange={onChange} list={list} programs={programs} />;
  }
}

function ConcatFields({
  source,
  onChange,
  list,
  programs,
}: SourceEditorProps & { source: Extract<FieldSource, { kind: 'concat' }> }) {
  const setParts = (parts: ConcatPart[]) => onChange({ ...source, parts });
  return (
    <>
      <TextInput
        label="Separator"
        description="Put between the non-empty parts"
        value={source.separator}
        onChange={(e) => onChange({ ...source, separator: e.currentTarget.value })}
      />
      {source.parts.map((part, i) => (
        <Fieldset key={i} legend={`Part ${i + 1}`} p="sm">
          <SourceEditor
            source={part}
            inConcat
            list={list}
            programs={programs}
            onChange={(next) => {
              const asPart = toPart(next);
              if (asPart) setParts(source.parts.map((p, j) => (j === i ? asPart : p)));
            }}
          />
          <Button
            mt="xs"
            size="compact-xs"
            variant="subtle"
            color="red"
            disabled={source.parts.length === 1}
            onClick={() => setParts(source.parts.filter((_, j) => j !== i))}
          >
            Remove part {i + 1}
          </Button>
        </Fieldset>
      ))}
      <Group>
        <Button
          size="xs"
          variant="default"
          onClick={() => setParts([...source.parts, { kind: 'constant', value: '' }])}
        >
          Add part
        </Button>
      </Group>
    </>
  );
}

function toPart(source: FieldSource): ConcatPart | undefined {
  return source.kind === 'attribute' ||
    source.kind === 'dataElement' ||
    source.kind === 'field' ||
    source.kind === 'constant'
    ? source
    : undefined;
}

function PickSelect({
  value,
  onChange,
}: {
  value: 'earliest' | 'latest' | undefined;
  onChange: (v: 'earliest' | 'latest') => void;
}) {
  return (
    <Select
      label="Which event"
      data={PICKS}
      value={value ?? 'latest'}
      allowDeselect={false}
      onChange={(v) => onChange(v === 'earliest' ? 'earliest' : 'latest')}
    />
  );
}

type Scalar = string | number | boolean;

/** A fixed value with its type: Go.Data tells "1" from 1 and "true" from true. */
function ConstantFields({ value, onChange }: { value: Scalar; onChange: (v: Scalar) => void }) {
  const type = typeof value === 'number' ? 'number' : typeof value === 'boolean' ? 'boolean' : 'string';
  return (
    <Group grow align="start">
      <Select
        label="Value type"
        data={[
          { value: 'string', label: 'Text' },
          { value: 'number', label: 'Number' },
          { value: 'boolean', label: 'Yes / no' },
        ]}
        value={type}
        allowDeselect={false}
        onChange={(t) =>
          onChange(
            t === 'number'
              ? Number(value) || 0
              : t === 'boolean'
                ? value === true || value === 'true'
                : String(value),
          )
        }
      />
      {type === 'boolean' ? (
        <Select
          label="Value"
          data={[
            { value: 'true', label: 'Yes (true)' },
            { value: 'false', label: 'No (false)' },
          ]}
          value={String(value)}
          allowDeselect={false}
          onChange={(v) => onChange(v === 'true')}
        />
      ) : (
        <TextInput
          label="Value"
          type={type === 'number' ? 'number' : 'text'}
          value={String(value)}
          onChange={(e) =>
            onChange(type === 'number' ? Number(e.currentTarget.value) : e.currentTarget.value)
          }
        />
      )}
    </Group>
  );
}
