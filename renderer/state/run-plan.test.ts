import { describe, expect, it } from 'vitest';
import { run, stage } from '../test-fixtures.js';
import { runVerdict, stagesToRun } from './run-plan.js';

describe('stagesToRun', () => {
  const stages = [
    stage('locations', 'finished'),
    stage('outbreaks', 'finished'),
    stage('cases', 'failed'),
    stage('events', 'ready'),
    stage('contacts', 'locked', { lockedReason: 'Run Cases first' }),
  ];

  it('lists the unfinished stages in the order data must move', () => {
    expect(stagesToRun(stages, 'remaining')).toEqual(['cases', 'events', 'contacts']);
  });

  it('lists every stage for a full sync', () => {
    expect(stagesToRun(stages, 'all')).toEqual(['locations', 'outbreaks', 'cases', 'events', 'contacts']);
  });
});

describe('runVerdict', () => {
  it('waits while the run is going or the list still shows an older run', () => {
    expect(runVerdict([stage('cases', 'running', { lastRun: run(5, 'cases', 'running') })], 'cases', 5)).toBe(
      'pending',
    );
    expect(
      runVerdict([stage('cases', 'finished', { lastRun: run(4, 'cases', 'completed') })], 'cases', 5),
    ).toBe('pending');
    expect(runVerdict([], 'cases', 5)).toBe('pending');
  });

  it('tells finished, failed and cancelled apart', () => {
    expect(
      runVerdict([stage('cases', 'finished', { lastRun: run(5, 'cases', 'completed') })], 'cases', 5),
    ).toBe('finished');
    expect(runVerdict([stage('cases', 'failed', { lastRun: run(5, 'cases', 'failed') })], 'cases', 5)).toBe(
      'failed',
    );
    expect(
      runVerdict([stage('cases', 'failed', { lastRun: run(5, 'cases', 'interrupted') })], 'cases', 5),
    ).toBe('failed');
    expect(runVerdict([stage('cases', 'ready', { lastRun: run(5, 'cases', 'cancelled') })], 'cases', 5)).toBe(
      'cancelled',
    );
  });
});
