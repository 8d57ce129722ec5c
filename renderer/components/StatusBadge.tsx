import { Badge, Loader } from '@mantine/core';
import { statusText, type StepStatus } from '../state/step-status.js';
import { CheckGlyph, CrossGlyph, DotGlyph, LockGlyph, RingGlyph } from './icons.js';

const COLOR: Readonly<Record<StepStatus['kind'], string>> = {
  unknown: 'gray',
  none: 'gray',
  locked: 'gray',
  todo: 'blue',
  unsaved: 'orange',
  ready: 'blue',
  stopped: 'orange',
  running: 'yellow',
  done: 'teal',
  finished: 'teal',
  failed: 'red',
};

function glyph(status: StepStatus) {
  switch (status.kind) {
    case 'locked':
      return <LockGlyph size={12} />;
    case 'running':
      return <Loader size={10} color="currentColor" aria-hidden="true" />;
    case 'done':
    case 'finished':
      return <CheckGlyph size={12} />;
    case 'failed':
      return <CrossGlyph size={12} />;
    case 'ready':
      return <DotGlyph size={12} />;
    default:
      return <RingGlyph size={12} />;
  }
}

/** Status in words with a glyph; colour only repeats what the words say. `compact` leaves counts to the text beside it. */
export function StatusBadge({ status, compact = false }: { status: StepStatus; compact?: boolean }) {
  const text = statusText(status, { compact });
  if (!text) return null;
  return (
    <Badge variant="light" color={COLOR[status.kind]} leftSection={glyph(status)} tt="none">
      {text}
    </Badge>
  );
}
