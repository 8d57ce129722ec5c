import { Button, Checkbox, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import type { ValueMapEntry } from '../../../shared/mapping.js';
import {
  describeFrom,
  duplicateFroms,
  incompleteEntries,
  prefillFromOptionSet,
  removeEntry,
  toText,
  updateEntry,
  type OptionSet,
} from './value-map.js';

interface ValueMapEditorProps {
  entries: readonly ValueMapEntry[];
  onChange: (entries: ValueMapEntry[]) => void;
  /** The option set of the source, when it has one: names the values and offers a prefill. */
  optionSet: OptionSet | undefined;
}

/** DHIS2 value → Go.Data value. Rows keyed by option uid keep working when a package release changes codes. */
export function ValueMapEditor({ entries, onChange, optionSet }: ValueMapEditorProps) {
  const duplicates = duplicateFroms(entries);
  const incomplete = incompleteEntries(entries);
  return (
    <Stack gap="xs">
      <Group gap="xs">
        {optionSet && (
          <Button
            size="xs"
            variant="default"
            onClick={() => onChange(prefillFromOptionSet(entries, optionSet))}
          >
            Prefill from option set “{optionSet.name}”
          </Button>
        )}
        <Button size="xs" variant="default" onClick={() => onChange([...entries, { from: '', to: '' }])}>
          Add row
        </Button>
      </Group>
      {entries.length === 0 ? (
        <Text size="sm" c="dimmed">
          No value map: DHIS2 values are sent as they are
          {optionSet ? '. Prefill to translate each option' : ''}.
        </Text>
      ) : (
        <Table aria-label="Value map" verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w="34%">DHIS2 value (option uid or code)</Table.Th>
              <Table.Th w="44%">Go.Data value</Table.Th>
              <Table.Th>No Go.Data value</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {entries.map((entry, i) => {
              const row = i + 1;
              return (
                <Table.Tr key={i}>
                  <Table.Td>
                    <TextInput
                      aria-label={`DHIS2 value, row ${row}`}
                      size="xs"
                      value={entry.from}
                      onChange={(e) => onChange(updateEntry(entries, i, { from: e.currentTarget.value }))}
                      error={duplicates.has(entry.from) ? 'Mapped twice' : undefined}
                      description={describeFrom(entry.from, optionSet)}
                    />
                  </Table.Td>
                  <Table.Td>
                    <TextInput
                      aria-label={`Go.Data value, row ${row}`}
                      size="xs"
                      placeholder={entry.to === null ? 'left empty' : 'e.g. LNG_REFERENCE_DATA_…'}
                      disabled={entry.to === null}
                      value={toText(entry.to)}
                      onChange={(e) => onChange(updateEntry(entries, i, { to: e.currentTarget.value }))}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Checkbox
                      aria-label={`No Go.Data value, row ${row}`}
                      checked={entry.to === null}
                      onChange={(e) =>
                        onChange(updateEntry(entries, i, { to: e.currentTarget.checked ? null : '' }))
                      }
                    />
                  </Table.Td>
                  <Table.Td>
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      color="red"
                      onClick={() => onChange(removeEntry(entries, i))}
                    >
                      Remove row {row}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
      {incomplete > 0 && (
        <Text size="sm" c="orange.9">
          {incomplete} row{incomplete === 1 ? ' needs' : 's need'} a Go.Data value (or tick “No Go.Data
          value”).
        </Text>
      )}
      <Text size="xs" c="dimmed">
        “No Go.Data value” means the DHIS2 value is known but has no counterpart: the field stays empty and no
        issue is reported. Values not in the map are reported as issues.
      </Text>
    </Stack>
  );
}
