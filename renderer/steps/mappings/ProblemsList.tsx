import { Alert, Badge, List, Text } from '@mantine/core';
import type { MappingProblem } from '../../../shared/views.js';
import { countBySeverity } from './problems.js';

/**
 * What main found when checking the saved mapping against the pulled metadata. Main decides what blocks a run.
 * `current`: the editor shows exactly what was saved, so "no problems" is true of what the user sees.
 */
export function ProblemsList({
  problems,
  current,
}: {
  problems: readonly MappingProblem[];
  current: boolean;
}) {
  if (problems.length === 0) {
    if (!current) return null;
    return (
      <Text size="sm" c="teal.8">
        No problems found in the saved mapping.
      </Text>
    );
  }
  const { errors, warnings } = countBySeverity(problems);
  return (
    <Alert
      role="status"
      color={errors > 0 ? 'red' : 'orange'}
      title={`Problems in the saved mapping: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`}
    >
      <List size="sm" spacing={4}>
        {problems.map((p) => (
          <List.Item key={`${p.path}:${p.message}`}>
            <Badge
              size="xs"
              variant="outline"
              color={p.severity === 'error' ? 'red' : 'orange'}
              tt="none"
              mr={6}
            >
              {p.severity === 'error' ? 'Error' : 'Warning'}
            </Badge>
            <code>{p.path || '(mapping)'}</code>: {p.message}
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
