import { AppShell, Badge, Group, NavLink, Stack, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import { StatusBadge } from './components/StatusBadge.js';
import { useConnections } from './state/connections.js';
import { valueOf } from './state/loadable.js';
import { useMapping } from './state/mapping.js';
import { useMetadata } from './state/metadata.js';
import { useNavigation } from './state/navigation.js';
import { statusText, stepDescription, stepStatus } from './state/step-status.js';
import { connectStageEvents, useStages } from './state/stages.js';
import { STEPS, type StepId } from './steps/catalog.js';
import { CasesEventsStep } from './steps/cases-events/CasesEventsStep.js';
import { ConnectStep } from './steps/connect/ConnectStep.js';
import { ContactsStep } from './steps/contacts/ContactsStep.js';
import { HistoryStep } from './steps/history/HistoryStep.js';
import { LocationsStep } from './steps/locations/LocationsStep.js';
import { MappingsStep } from './steps/mappings/MappingsStep.js';
import { OutbreaksStep } from './steps/outbreaks/OutbreaksStep.js';
import { StartStep } from './steps/start/StartStep.js';

const SCREENS: Readonly<Record<StepId, () => React.JSX.Element>> = {
  start: StartStep,
  connect: ConnectStep,
  mappings: MappingsStep,
  locations: LocationsStep,
  outbreaks: OutbreaksStep,
  'cases-events': CasesEventsStep,
  contacts: ContactsStep,
  history: HistoryStep,
};

export function App() {
  const current = useNavigation((s) => s.step);
  const go = useNavigation((s) => s.go);
  const list = useStages((s) => valueOf(s.list));
  const progress = useStages((s) => s.progress);
  const info = useConnections((s) => valueOf(s.info));
  const mappingDirty = useMapping((s) => s.dirty);

  useEffect(() => {
    void useConnections.getState().loadInfo();
    void useConnections.getState().refresh();
    void useStages.getState().refresh();
    void useMetadata.getState().load();
    void useMapping.getState().load();
    return connectStageEvents();
  }, []);

  // A new step starts at its heading, not where the previous one was scrolled to.
  useEffect(() => {
    window.scrollTo({ top: 0 });
  }, [current]);

  const Screen = SCREENS[current];
  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 280, breakpoint: 'sm' }} padding="lg">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Group gap="sm">
            <Title order={1} size="h3">
              Go.Data Bridge
            </Title>
            <Text size="sm" c="dimmed">
              DHIS2 → Go.Data
            </Text>
          </Group>
          <Group gap="sm">
            {info?.demoMode && (
              <Badge color="grape" variant="light" tt="none">
                Demo mode
              </Badge>
            )}
            {info && (
              <Text size="xs" c="dimmed">
                Version {info.version}
              </Text>
            )}
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="xs" component="nav" aria-label="Wizard steps">
        <Stack gap={2}>
          {STEPS.map((step, index) => {
            const status = stepStatus(step, list, progress, { mappingDirty });
            const numbered = step.id !== 'start' && step.id !== 'history';
            return (
              <NavLink
                key={step.id}
                component="button"
                active={current === step.id}
                aria-current={current === step.id ? 'step' : undefined}
                onClick={() => go(step.id)}
                label={numbered ? `${index}. ${step.label}` : step.label}
                description={stepDescription(step, status)}
                rightSection={<StatusBadge status={status} compact />}
                // The name is the step and its state; the summary or lock reason becomes the description.
                aria-label={statusText(status) ? `${step.label} (${statusText(status)})` : step.label}
                title={status.kind === 'locked' ? `Locked: ${status.reason}` : step.summary}
              />
            );
          })}
        </Stack>
      </AppShell.Navbar>

      <AppShell.Main>
        <Screen />
      </AppShell.Main>
    </AppShell>
  );
}
