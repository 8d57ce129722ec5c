import { Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { formatDateTime, formatNumber } from '../../components/format.js';
import { valueOf } from '../../state/loadable.js';
import { useMetadata } from '../../state/metadata.js';

/** Pull once while online; the summary (and the pickers fed by it) then works offline from the cache. */
export function MetadataPanel() {
  const summary = useMetadata((s) => valueOf(s.summary));
  const loadState = useMetadata((s) => s.summary);
  const pull = useMetadata((s) => s.pull);
  const pullNow = useMetadata((s) => s.pullNow);
  const dismissPullError = useMetadata((s) => s.dismissPullError);
  const pulling = pull.status === 'pulling';

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="metadata-heading">
      <Stack gap="sm">
        <Group justify="space-between" align="start">
          <div>
            <Title order={3} id="metadata-heading">
              DHIS2 metadata
            </Title>
            <Text size="sm" c="dimmed" maw={640}>
              Programs, attributes, data elements, option sets and org-unit levels, read from DHIS2 and kept
              on this computer so the mapping can be prepared offline.
            </Text>
          </div>
          <Button onClick={() => void pullNow()} loading={pulling} variant={summary ? 'default' : 'filled'}>
            {summary ? 'Pull again' : 'Pull DHIS2 metadata'}
          </Button>
        </Group>
        {pull.status === 'failed' && <ErrorAlert error={pull.error} onClose={dismissPullError} />}
        {loadState.status === 'failed' && !summary && <ErrorAlert error={loadState.error} />}
        {pulling && (
          <Text size="sm" aria-live="polite">
            Reading metadata from DHIS2… this can take a minute on a slow connection.
          </Text>
        )}
        {summary ? (
          <>
            <Text size="sm">
              From <code>{summary.sourceUrl}</code> (DHIS2 {summary.serverVersion}), pulled{' '}
              {formatDateTime(summary.fetchedAt)}.
            </Text>
            <SimpleGrid cols={{ base: 2, sm: 5 }} spacing="xs" component="dl" m={0}>
              <Fact label="Org units" value={summary.orgUnits} />
              <Fact label="Org-unit levels" value={summary.orgUnitLevels.length} />
              <Fact label="Programs" value={summary.programs.length} />
              <Fact label="Option sets" value={summary.optionSets.length} />
              <Fact label="Relationship types" value={summary.relationshipTypes.length} />
            </SimpleGrid>
          </>
        ) : (
          !pulling &&
          loadState.status !== 'loading' && (
            <Text size="sm">
              Not pulled yet. Connect DHIS2 first, then pull: the mapping editor picks from what is pulled.
            </Text>
          )
        )}
      </Stack>
    </Card>
  );
}

function Fact({ label, value }: { label: string; value: number }) {
  return (
    <div>
      <Text component="dt" size="xs" c="dimmed">
        {label}
      </Text>
      <Text component="dd" m={0} fw={600}>
        {formatNumber(value)}
      </Text>
    </div>
  );
}
