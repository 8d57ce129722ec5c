import { describe, expect, it } from 'vitest';
import type { StagesList } from '../../state/stages.js';
import { run, stage } from '../../test-fixtures.js';
import { allStagesFinished, isFirstRun, nextStep } from './next-step.js';

const stages = (statuses: StagesList['stages'][number]['status'][]): StagesList['stages'] =>
  (['locations', 'outbreaks', 'cases', 'events', 'contacts'] as const).map((name, i) =>
    stage(name, statuses[i] ?? 'locked'),
  );

describe('guided first run', () => {
  it('continues at the first step that is not done', () => {
    expect(nextStep(undefined)).toBe('connect');
    expect(nextStep({ ready: { connections: false, mapping: false }, stages: stages([]) })).toBe('connect');
    expect(nextStep({ ready: { connections: true, mapping: false }, stages: stages([]) })).toBe('mappings');
    expect(
      nextStep({ ready: { connections: true, mapping: true }, stages: stages(['finished', 'ready']) }),
    ).toBe('outbreaks');
    expect(
      nextStep({
        ready: { connections: true, mapping: true },
        stages: stages(['finished', 'finished', 'finished', 'ready']),
      }),
    ).toBe('cases-events');
    expect(
      nextStep({
        ready: { connections: true, mapping: true },
        stages: stages(['finished', 'finished', 'finished', 'finished', 'finished']),
      }),
    ).toBe('history');
  });

  it('is a first run until some stage has run', () => {
    expect(isFirstRun({ ready: { connections: true, mapping: true }, stages: stages(['ready']) })).toBe(true);
    const ran = stages(['finished']).map((s) =>
      s.stage === 'locations' ? { ...s, lastRun: run(1, 'locations', 'completed') } : s,
    );
    expect(isFirstRun({ ready: { connections: true, mapping: true }, stages: ran })).toBe(false);
  });
});

describe('all stages done', () => {
  it('holds only once every stage finished', () => {
    const ready = { connections: true, mapping: true };
    expect(allStagesFinished(undefined)).toBe(false);
    expect(
      allStagesFinished({ ready, stages: stages(['finished', 'finished', 'finished', 'finished']) }),
    ).toBe(false);
    expect(
      allStagesFinished({
        ready,
        stages: stages(['finished', 'finished', 'finished', 'finished', 'finished']),
      }),
    ).toBe(true);
  });
});
