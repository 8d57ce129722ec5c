import { Button, Group, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useNavigation } from '../state/navigation.js';
import { stepInfo, type StepId } from '../steps/catalog.js';
import { ArrowGlyph } from './icons.js';

interface StepPageProps {
  title: string;
  intro: ReactNode;
  /** Offered at the bottom once this step is done. */
  next?: { step: StepId; when: boolean };
  children: ReactNode;
}

/** The frame every step shares: heading, a short why, the content, and the way on. */
export function StepPage({ title, intro, next, children }: StepPageProps) {
  const go = useNavigation((s) => s.go);
  return (
    <Stack gap="lg" maw={1200}>
      <div>
        <Title order={2}>{title}</Title>
        <Text c="dimmed" maw={760}>
          {intro}
        </Text>
      </div>
      {children}
      {next?.when && (
        <Group>
          <Button rightSection={<ArrowGlyph />} onClick={() => go(next.step)}>
            Next: {stepInfo(next.step).label}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
