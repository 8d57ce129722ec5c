import { Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import type { FieldMapping, OutbreakGroup, RecordMappingKind } from '../../../shared/mapping.js';
import type { MappingProblem } from '../../../shared/views.js';
import { useMapping } from '../../state/mapping.js';
import { moveFieldMapping, putFieldMapping, removeFieldMapping } from './draft.js';
import { programsFor, type MetadataIndex } from './metadata-index.js';
import { problemsUnder } from './problems.js';
import { describeSource } from './sources.js';
import { FieldMappingModal } from './FieldMappingModal.js';
import { LIST_TEXT } from './target-fields.js';

interface FieldMappingTableProps {
  groupIndex: number;
  group: OutbreakGroup;
  list: RecordMappingKind;
  index: MetadataIndex;
  problems: readonly MappingProblem[];
}

// Reference tokens (LNG_REFERENCE_DATA_…) have no spaces: let them wrap anywhere so the actions stay in view.
const WRAP_ANYWHERE = { overflowWrap: 'anywhere' } as const;

type Editing = { index: number; mapping: FieldMapping | undefined } | undefined;

/** The Go.Data fields of one record kind, each with where its value comes from. */
export function FieldMappingTable({ groupIndex, group, list, index, problems }: FieldMappingTableProps) {
  const edit = useMapping((s) => s.edit);
  const [editing, setEditing] = useState<Editing>(undefined);
  const mappings = group[list];
  const programs = programsFor(index, group, list);
  const base = `outbreaks[${groupIndex}].${list}`;

  return (
    <Stack gap="xs">
      {mappings.length === 0 ? (
        <Text size="sm" c="dimmed">
          No {LIST_TEXT[list].record} fields mapped yet.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table striped aria-label={`${LIST_TEXT[list].title} field mappings`} verticalSpacing={6}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Go.Data field</Table.Th>
                <Table.Th>Source</Table.Th>
                <Table.Th>Then</Table.Th>
                <Table.Th>Actions</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {mappings.map((m, i) => {
                const rowProblems = problemsUnder(problems, `${base}[${i}]`);
                return (
                  <Table.Tr key={`${m.target}:${i}`}>
                    <Table.Td style={WRAP_ANYWHERE}>
                      <code>{m.target}</code>
                      {m.required && (
                        <Badge ml={6} size="xs" variant="outline" tt="none">
                          required
                        </Badge>
                      )}
                      {rowProblems.map((p) => (
                        <Text
                          key={`${p.path}:${p.message}`}
                          size="xs"
                          c={p.severity === 'error' ? 'red.8' : 'orange.9'}
                        >
                          {p.severity === 'error' ? 'Error' : 'Warning'}: {p.message}
                        </Text>
                      ))}
                    </Table.Td>
                    <Table.Td style={WRAP_ANYWHERE}>
                      <Text size="sm">{describeSource(m.source, index)}</Text>
                      {(m.fallbacks ?? []).map((f, j) => (
                        <Text key={j} size="xs" c="dimmed">
                          or else {describeSource(f, index)}
                        </Text>
                      ))}
                    </Table.Td>
                    <Table.Td style={WRAP_ANYWHERE}>
                      <Text size="xs">{thenText(m)}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4} wrap="nowrap">
                        <Button
                          size="compact-xs"
                          variant="default"
                          onClick={() => setEditing({ index: i, mapping: m })}
                          aria-label={`Edit ${m.target}`}
                        >
                          Edit
                        </Button>
                        <Button
                          size="compact-xs"
                          variant="subtle"
                          disabled={i === 0}
                          onClick={() => edit((c) => moveFieldMapping(c, groupIndex, list, i, -1))}
                          aria-label={`Move ${m.target} up`}
                        >
                          Up
                        </Button>
                        <Button
                          size="compact-xs"
                          variant="subtle"
                          disabled={i === mappings.length - 1}
                          onClick={() => edit((c) => moveFieldMapping(c, groupIndex, list, i, 1))}
                          aria-label={`Move ${m.target} down`}
                        >
                          Down
                        </Button>
                        <Button
                          size="compact-xs"
                          variant="subtle"
                          color="red"
                          onClick={() => edit((c) => removeFieldMapping(c, groupIndex, list, i))}
                          aria-label={`Remove ${m.target}`}
                        >
                          Remove
                        </Button>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Group>
        <Button
          size="xs"
          variant="default"
          onClick={() => setEditing({ index: mappings.length, mapping: undefined })}
        >
          Add {LIST_TEXT[list].record.split(' ')[0]} field
        </Button>
      </Group>
      {editing && (
        <FieldMappingModal
          initial={editing.mapping}
          list={list}
          usedTargets={mappings.map((m) => m.target)}
          programs={programs}
          index={index}
          onClose={() => setEditing(undefined)}
          onApply={(mapping) => {
            edit((c) => putFieldMapping(c, groupIndex, list, editing.index, mapping));
            setEditing(undefined);
          }}
        />
      )}
    </Stack>
  );
}

/** Transforms, value map, default: what happens to the value after it is read. */
function thenText(m: FieldMapping): string {
  const parts: string[] = [];
  if (m.transforms?.length) parts.push(m.transforms.join(' → '));
  if (m.valueMap?.length) parts.push(`value map (${m.valueMap.length})`);
  if (m.default !== undefined) parts.push(`default “${String(m.default)}”`);
  return parts.join('; ') || '—';
}
