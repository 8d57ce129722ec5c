import { Card, Stack, Text, Title } from '@mantine/core';
import { StagePanel } from '../../components/StagePanel.js';
import { StepPage } from '../../components/StepPage.js';
import { formatNumber } from '../../components/format.js';
import { valueOf } from '../../state/loadable.js';
import { useMapping } from '../../state/mapping.js';
import { useMetadata } from '../../state/metadata.js';
import { useStageState } from '../../state/stages.js';
import { DriftPanel } from './DriftPanel.js';

const LEVEL_PREFIX = 'LNG_REFERENCE_DATA_CATEGORY_LOCATION_GEOGRAPHICAL_LEVEL_';

export function LocationsStep() {
  const state = useStageState('locations');
  return (
    <StepPage
      title="Locations"
      intro="Copies the DHIS2 org-unit tree into Go.Data as locations, keeping each org unit's id, name, parent and level. Every later record points at a location, which is why this stage comes first."
      next={{ step: 'outbreaks', when: state?.status === 'finished' }}
    >
      <ScopeSummary />
      <StagePanel
        stage="locations"
        description="Running it again updates what changed in DHIS2; nothing is duplicated."
      >
        <DriftPanel state={state} />
      </StagePanel>
    </StepPage>
  );
}

/** What the locations stage will read, from the saved mapping (change it in Mappings). */
function ScopeSummary() {
  const config = useMapping((s) => valueOf(s.saved)?.config.locations);
  const summary = useMetadata((s) => valueOf(s.summary));
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="scope-heading">
      <Title order={3} size="h4" id="scope-heading">
        Scope
      </Title>
      {!config ? (
        <Text size="sm" c="dimmed">
          Loading the mapping…
        </Text>
      ) : (
        <Stack gap={4} mt={4}>
          <Text size="sm">
            {config.roots.length === 0
              ? 'The whole DHIS2 org-unit tree'
              : `The subtrees under ${config.roots.length} root org unit${config.roots.length === 1 ? '' : 's'}: `}
            {config.roots.map((r, i) => (
              <span key={r}>
                {i > 0 ? ', ' : ''}
                <code>{r}</code>
              </span>
            ))}
            {config.includeClosed ? ', closed org units included.' : ', without closed org units.'}
          </Text>
          {summary && (
            <Text size="sm" c="dimmed">
              Pulled metadata: {formatNumber(summary.orgUnits)} org units in {summary.orgUnitLevels.length}{' '}
              levels.
            </Text>
          )}
          {summary && summary.orgUnitLevels.length > 0 && (
            <Text size="sm">
              Levels:{' '}
              {summary.orgUnitLevels
                .map((l) => {
                  const override = config.levelTokens.find((t) => t.level === l.level);
                  return `${l.level}. ${l.name}${override ? ` (${override.token.replace(LEVEL_PREFIX, '')})` : ''}`;
                })
                .join(' · ')}
            </Text>
          )}
          <Text size="xs" c="dimmed">
            Change the roots and levels in Mappings → Locations &amp; scope.
          </Text>
        </Stack>
      )}
    </Card>
  );
}
