import { Accordion, Badge, Button, Group, Stack, Text } from '@mantine/core';
import type { MappingConfig } from '../../../shared/mapping.js';
import type { MappingProblem } from '../../../shared/views.js';
import { useMapping } from '../../state/mapping.js';
import { addGroup, removeGroup, todayIso } from './draft.js';
import type { MetadataIndex } from './metadata-index.js';
import { countBySeverity, problemsUnder } from './problems.js';
import { OutbreakGroupForm } from './OutbreakGroupForm.js';
import { groupTitle } from './save-problems.js';

interface Props {
  config: MappingConfig;
  index: MetadataIndex;
  problems: readonly MappingProblem[];
}

/** Each group turns a set of DHIS2 programs into one Go.Data outbreak. */
export function OutbreakGroupsEditor({ config, index, problems }: Props) {
  const edit = useMapping((s) => s.edit);
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        An outbreak group names the DHIS2 programs whose records go into one Go.Data outbreak, and how each of
        their values fills a Go.Data field.
      </Text>
      {config.outbreaks.length === 0 ? (
        <Text size="sm">No outbreak groups yet. Add one to choose programs.</Text>
      ) : (
        <Accordion multiple variant="separated" defaultValue={config.outbreaks.length === 1 ? ['0'] : []}>
          {config.outbreaks.map((group, i) => {
            const counts = countBySeverity(problemsUnder(problems, `outbreaks[${i}]`));
            return (
              <Accordion.Item key={i} value={String(i)}>
                <Accordion.Control>
                  <Group gap="xs">
                    <Text fw={600} fs={group.outbreak.name.trim() ? undefined : 'italic'}>
                      {groupTitle(group)}
                    </Text>
                    <Text size="sm" c="dimmed">
                      {group.key}
                    </Text>
                    {counts.errors > 0 && (
                      <Badge color="red" variant="light" tt="none">
                        {counts.errors} error{counts.errors === 1 ? '' : 's'}
                      </Badge>
                    )}
                    {counts.warnings > 0 && (
                      <Badge color="orange" variant="light" tt="none">
                        {counts.warnings} warning{counts.warnings === 1 ? '' : 's'}
                      </Badge>
                    )}
                  </Group>
                </Accordion.Control>
                <Accordion.Panel>
                  <OutbreakGroupForm groupIndex={i} group={group} index={index} problems={problems} />
                  <Group justify="end" mt="md">
                    <Button
                      size="xs"
                      variant="subtle"
                      color="red"
                      onClick={() => edit((c) => removeGroup(c, i))}
                    >
                      Remove group “{groupTitle(group)}”
                    </Button>
                  </Group>
                </Accordion.Panel>
              </Accordion.Item>
            );
          })}
        </Accordion>
      )}
      <Group>
        <Button variant="default" onClick={() => edit((c) => addGroup(c, todayIso()))}>
          Add outbreak group
        </Button>
      </Group>
    </Stack>
  );
}
