import { Alert, Button, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useConnections } from '../../state/connections.js';
import { valueOf } from '../../state/loadable.js';
import { useNavigation } from '../../state/navigation.js';
import { useStages } from '../../state/stages.js';
import { ArrowGlyph } from '../../components/icons.js';
import { ConnectionCard } from './ConnectionCard.js';

/** Step 1: the two servers. Passwords and tokens go straight to the system keychain, never into a file. */
export function ConnectStep() {
  const demo = useConnections((s) => valueOf(s.info)?.demoMode ?? false);
  const ready = useStages((s) => valueOf(s.list)?.ready.connections ?? false);
  const go = useNavigation((s) => s.go);
  return (
    <Stack gap="lg" maw={1100}>
      <div>
        <Title order={2}>Connect</Title>
        <Text c="dimmed">
          Enter the address of each server and how to sign in, save, then test. Passwords and tokens are kept
          in this computer&apos;s keychain and are never shown again.
        </Text>
      </div>
      {demo && (
        <Alert role="status" color="grape" title="Demo mode">
          Demo DHIS2 and Go.Data servers run on this computer and their addresses are filled in: test each
          connection. Where no password is stored yet, sign in to DHIS2 with <strong>admin</strong> /{' '}
          <strong>district</strong> and to Go.Data with <strong>admin@who.int</strong> /{' '}
          <strong>admin</strong>.
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <ConnectionCard id="dhis2" />
        <ConnectionCard id="godata" />
      </SimpleGrid>
      {ready && (
        <Group>
          <Button rightSection={<ArrowGlyph />} onClick={() => go('mappings')}>
            Next: Mappings
          </Button>
        </Group>
      )}
    </Stack>
  );
}
