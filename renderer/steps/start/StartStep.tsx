import { Button, Card, Group, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { StatusBadge } from '../../components/StatusBadge.js';
import { ArrowGlyph } from '../../components/icons.js';
import { valueOf } from '../../state/loadable.js';
import { useMapping } from '../../state/mapping.js';
import { useNavigation } from '../../state/navigation.js';
import { stepStatus } from '../../state/step-status.js';
import { useStages } from '../../state/stages.js';
import { STEPS } from '../catalog.js';
import { isFirstRun, nextStep } from './next-step.js';
import { RunAllCard } from './RunAllCard.js';

const WHY: Partial<Record<(typeof STEPS)[number]['id'], string>> = {
  connect: 'The bridge reads DHIS2 and writes Go.Data; it needs both addresses and an account on each.',
  mappings:
    'Pull the DHIS2 programs once, then decide which program fills which outbreak and field. Works offline.',
  locations: 'Every Go.Data record points at a location, so the org unit tree comes first.',
  outbreaks: 'Cases, contacts and events belong to an outbreak, so outbreaks come next.',
  'cases-events': 'Enrollments become cases and events become events, in their outbreak and location.',
  contacts: 'Contacts come last: each is linked to a case that must already be in Go.Data.',
};

/** The welcoming first screen: what happens, in which order and why, and where to continue. */
export function StartStep() {
  const list = useStages((s) => valueOf(s.list));
  const progress = useStages((s) => s.progress);
  const mappingDirty = useMapping((s) => s.dirty);
  const go = useNavigation((s) => s.go);
  const first = isFirstRun(list);
  const next = nextStep(list);
  const steps = STEPS.filter((s) => s.id !== 'start' && s.id !== 'history');

  return (
    <Stack gap="lg" maw={960}>
      <div>
        <Title order={2}>
          {first ? 'Seed a blank Go.Data from DHIS2' : 'Keep Go.Data in sync with DHIS2'}
        </Title>
        <Text c="dimmed" mt={4}>
          {first
            ? 'This guide fills an empty Go.Data instance with the locations, outbreaks, cases, events and contacts recorded in DHIS2. Go through the steps in order: each one unlocks the next when it has finished.'
            : 'Run the stages again whenever DHIS2 has new or changed records. Only what changed is sent, and nothing is duplicated.'}
        </Text>
      </div>

      <Card withBorder padding="lg" component="section" aria-labelledby="order-heading">
        <Title order={3} id="order-heading" mb="sm">
          The order, and why it matters
        </Title>
        <Stack gap="sm" component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {steps.map((step, i) => (
            <Group key={step.id} component="li" wrap="nowrap" align="start" gap="md">
              <ThemeIcon variant="light" radius="xl" size="lg" aria-hidden="true">
                {i + 1}
              </ThemeIcon>
              <div style={{ flex: 1 }}>
                <Group gap="xs">
                  <Text fw={600}>{step.label}</Text>
                  <StatusBadge status={stepStatus(step, list, progress, { mappingDirty })} />
                </Group>
                <Text size="sm" c="dimmed">
                  {WHY[step.id]}
                </Text>
              </div>
              <Button
                variant="subtle"
                size="xs"
                onClick={() => go(step.id)}
                aria-label={`Open ${step.label}`}
              >
                Open
              </Button>
            </Group>
          ))}
        </Stack>
        <Group mt="lg">
          <Button rightSection={<ArrowGlyph />} onClick={() => go(next)}>
            {first && next === 'connect'
              ? 'Start with Connect'
              : next === 'history'
                ? 'See the run history'
                : `Continue: ${STEPS.find((s) => s.id === next)?.label ?? ''}`}
          </Button>
        </Group>
      </Card>

      <RunAllCard />
    </Stack>
  );
}
