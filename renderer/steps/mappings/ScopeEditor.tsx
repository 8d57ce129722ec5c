import {
  Button,
  Checkbox,
  Fieldset,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  TextInput,
} from '@mantine/core';
import type { MappingConfig, Scope } from '../../../shared/mapping.js';
import type { MappingProblem } from '../../../shared/views.js';
import { useMapping } from '../../state/mapping.js';
import { setOptional } from './draft.js';
import type { MetadataIndex } from './metadata-index.js';
import { problemAt } from './problems.js';

const LEVEL_PREFIX = 'LNG_REFERENCE_DATA_CATEGORY_LOCATION_GEOGRAPHICAL_LEVEL_';

/** Which part of the org-unit tree and which dates each stage reads, and what a DHIS2 deletion does. */
export function ScopeEditor({
  config,
  index,
  problems,
}: {
  config: MappingConfig;
  index: MetadataIndex;
  problems: readonly MappingProblem[];
}) {
  const edit = useMapping((s) => s.edit);
  const { locations } = config;
  const setLocations = (next: MappingConfig['locations']) => edit((c) => ({ ...c, locations: next }));
  const levels = index.summary?.orgUnitLevels ?? [];

  return (
    <Stack gap="md">
      <Fieldset legend="Locations">
        <Stack gap="sm">
          <TagsInput
            label="Root org units"
            description="Org unit uids whose subtrees become Go.Data locations; empty means the whole tree. Press Enter after each."
            value={locations.roots}
            onChange={(roots) => setLocations({ ...locations, roots })}
            error={problemAt(problems, 'locations.roots')}
          />
          <Checkbox
            label="Include closed org units"
            checked={locations.includeClosed}
            onChange={(e) => setLocations({ ...locations, includeClosed: e.currentTarget.checked })}
          />
          <Text size="sm" fw={500}>
            Geographical level per org-unit level
          </Text>
          <Text size="xs" c="dimmed">
            By default level n becomes {LEVEL_PREFIX}ADMIN_LEVEL_(n − 1). Add a row to use another token for a
            level.
          </Text>
          {locations.levelTokens.map((t, i) => (
            <Group key={i} align="end" gap="xs">
              <NumberInput
                label="Level"
                w={100}
                min={1}
                allowDecimal={false}
                value={t.level}
                description={levels.find((l) => l.level === t.level)?.name ?? ' '}
                onChange={(v) =>
                  typeof v === 'number' &&
                  setLocations({
                    ...locations,
                    levelTokens: locations.levelTokens.map((x, j) => (j === i ? { ...x, level: v } : x)),
                  })
                }
              />
              <TextInput
                label="Geographical level token"
                style={{ flex: 1 }}
                value={t.token}
                error={problemAt(problems, `locations.levelTokens[${i}].token`)}
                onChange={(e) => {
                  const token = e.currentTarget.value;
                  setLocations({
                    ...locations,
                    levelTokens: locations.levelTokens.map((x, j) => (j === i ? { ...x, token } : x)),
                  });
                }}
              />
              <Button
                variant="subtle"
                color="red"
                onClick={() =>
                  setLocations({ ...locations, levelTokens: locations.levelTokens.filter((_, j) => j !== i) })
                }
              >
                Remove level {t.level}
              </Button>
            </Group>
          ))}
          <Group>
            <Button
              size="xs"
              variant="default"
              onClick={() => {
                const level = Math.max(0, ...locations.levelTokens.map((t) => t.level)) + 1;
                setLocations({
                  ...locations,
                  levelTokens: [
                    ...locations.levelTokens,
                    { level, token: `${LEVEL_PREFIX}ADMIN_LEVEL_${level - 1}` },
                  ],
                });
              }}
            >
              Add level override
            </Button>
          </Group>
        </Stack>
      </Fieldset>

      <SimpleGrid cols={{ base: 1, lg: 3 }} spacing="md">
        <StageScope title="Cases" which="cases" config={config} problems={problems} />
        <StageScope title="Contacts" which="contacts" config={config} problems={problems} />
        <StageScope title="Events" which="events" config={config} problems={problems} />
      </SimpleGrid>

      <Select
        label="When a record is deleted in DHIS2"
        w={360}
        data={[
          { value: 'ignore', label: 'Keep it in Go.Data' },
          { value: 'propagate', label: 'Delete it in Go.Data too' },
        ]}
        value={config.deletions}
        allowDeselect={false}
        onChange={(v) => edit((c) => ({ ...c, deletions: v === 'propagate' ? 'propagate' : 'ignore' }))}
      />
    </Stack>
  );
}

type Which = keyof Scope;

function StageScope({
  title,
  which,
  config,
  problems,
}: {
  title: string;
  which: Which;
  config: MappingConfig;
  problems: readonly MappingProblem[];
}) {
  const edit = useMapping((s) => s.edit);
  const path = `scope.${which}`;
  const afterKey = which === 'events' ? 'occurredAfter' : 'enrolledAfter';
  const beforeKey = which === 'events' ? 'occurredBefore' : 'enrolledBefore';
  const scope = config.scope[which] as { orgUnits: string[] } & Partial<
    Record<typeof afterKey | typeof beforeKey, string>
  >;
  const set = (next: typeof scope) => edit((c) => ({ ...c, scope: { ...c.scope, [which]: next } }));
  const what = which === 'events' ? 'Events that occurred' : 'Enrolled';
  return (
    <Fieldset legend={`${title} to read`}>
      <Stack gap="xs">
        <TagsInput
          label={`${title}: org units`}
          description="Empty: the location roots"
          value={scope.orgUnits}
          onChange={(orgUnits) => set({ ...scope, orgUnits })}
        />
        <TextInput
          label={`${title}: ${what.toLowerCase()} on or after`}
          type="date"
          value={scope[afterKey] ?? ''}
          onChange={(e) => set(setOptional(scope, afterKey, e.currentTarget.value || undefined))}
          error={problemAt(problems, `${path}.${afterKey}`)}
        />
        <TextInput
          label={`${title}: ${what.toLowerCase()} before`}
          type="date"
          value={scope[beforeKey] ?? ''}
          onChange={(e) => set(setOptional(scope, beforeKey, e.currentTarget.value || undefined))}
          error={problemAt(problems, `${path}.${beforeKey}`)}
        />
      </Stack>
    </Fieldset>
  );
}
