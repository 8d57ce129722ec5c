import { Fieldset, SimpleGrid, Stack, Tabs, TextInput } from '@mantine/core';
import type { OutbreakGroup, RecordMappingKind } from '../../../shared/mapping.js';
import type { MappingProblem } from '../../../shared/views.js';
import { useMapping } from '../../state/mapping.js';
import { setOptional, updateGroup } from './draft.js';
import type { Choice, MetadataIndex } from './metadata-index.js';
import { UidMultiPicker, UidPicker } from './pickers.js';
import { problemAt, problemsUnder } from './problems.js';
import { FieldMappingTable } from './FieldMappingTable.js';
import { OutbreakSettingsForm } from './OutbreakSettingsForm.js';
import { LIST_TEXT } from './target-fields.js';

const LISTS: readonly RecordMappingKind[] = [
  'caseMapping',
  'contactMapping',
  'eventMapping',
  'relationshipMapping',
];

interface Props {
  groupIndex: number;
  group: OutbreakGroup;
  index: MetadataIndex;
  problems: readonly MappingProblem[];
}

/** One outbreak group: which programs feed it, the outbreak it creates, and its field mappings. */
export function OutbreakGroupForm({ groupIndex, group, index, problems }: Props) {
  const edit = useMapping((s) => s.edit);
  const change = (update: (g: OutbreakGroup) => OutbreakGroup) =>
    edit((c) => updateGroup(c, groupIndex, update));
  const path = `outbreaks[${groupIndex}]`;
  const at = (key: string) => problemAt(problems, `${path}.${key}`);
  const programs = [...index.programs.values()];
  const tracker: Choice[] = programs
    .filter((p) => p.programType === 'WITH_REGISTRATION')
    .map((p) => ({ value: p.id, label: p.name }));
  const eventPrograms: Choice[] = programs
    .filter((p) => p.programType === 'WITHOUT_REGISTRATION')
    .map((p) => ({ value: p.id, label: p.name }));
  const relationshipTypes: Choice[] = [...index.relationshipTypes].map(([value, label]) => ({
    value,
    label,
  }));

  return (
    <Stack gap="md">
      <Fieldset legend="DHIS2 programs">
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
          <TextInput
            label="Group key"
            description="Stable id of this group; changing it makes a new Go.Data outbreak"
            value={group.key}
            onChange={(e) => change((g) => ({ ...g, key: e.currentTarget.value }))}
            error={at('key')}
            required
          />
          <UidMultiPicker
            label="Case programs"
            description="Tracker programs whose enrollments become cases"
            choices={tracker}
            value={group.casePrograms}
            onChange={(casePrograms) => change((g) => ({ ...g, casePrograms }))}
            error={at('casePrograms')}
          />
          <UidMultiPicker
            label="Contact programs"
            description="Tracker programs whose enrollments become contacts"
            choices={tracker}
            value={group.contactPrograms}
            onChange={(contactPrograms) => change((g) => ({ ...g, contactPrograms }))}
            error={at('contactPrograms')}
          />
          <UidMultiPicker
            label="Event programs"
            description="Event programs whose events become Go.Data events"
            choices={eventPrograms}
            value={group.eventPrograms}
            onChange={(eventPrograms) => change((g) => ({ ...g, eventPrograms }))}
            error={at('eventPrograms')}
          />
          <UidPicker
            label="Contact relationship type"
            description="Links a contact to its case; needed when contact programs are listed"
            choices={relationshipTypes}
            value={group.contactRelationshipType}
            onChange={(v) => change((g) => setOptional(g, 'contactRelationshipType', v))}
            error={at('contactRelationshipType')}
            clearable
          />
        </SimpleGrid>
      </Fieldset>
      <OutbreakSettingsForm
        value={group.outbreak}
        onChange={(outbreak) => change((g) => ({ ...g, outbreak }))}
        problems={problems}
        path={`${path}.outbreak`}
      />
      <Tabs defaultValue="caseMapping" keepMounted={false}>
        <Tabs.List>
          {LISTS.map((list) => (
            <Tabs.Tab key={list} value={list}>
              {LIST_TEXT[list].title} ({group[list].length})
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {LISTS.map((list) => (
          <Tabs.Panel key={list} value={list} pt="sm">
            <FieldMappingTable
              groupIndex={groupIndex}
              group={group}
              list={list}
              index={index}
              problems={problemsUnder(problems, `${path}.${list}`)}
            />
          </Tabs.Panel>
        ))}
      </Tabs>
    </Stack>
  );
}
