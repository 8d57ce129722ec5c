import { describe, expect, it } from 'vitest';
import { emptyCounts } from '../../shared/stages.js';
import { stepInfo } from '../steps/catalog.js';
import { run, stage } from '../test-fixtures.js';
import { resumesLastRun, statusText, stepDescription, stepStatus, stepStatusOfStage } from './step-status.js';
import type { StagesList } from './stages.js';

const list = (overrides: Partial<StagesList> = {}): StagesList => ({
  ready: { connections: true, mapping: true },
  stages: [
    stage('locations', 'finished', { lastRun: run(1, 'locations', 'completed'), openIssues: 2 }),
    stage('outbreaks', 'running', { lastRun: run(2, 'outbreaks', 'running') }),
    stage('cases', 'locked', { lockedReason: 'Run Outbreaks first' }),
    stage('events', 'locked', { lockedReason: 'Run Outbreaks first' }),
    stage('contacts', 'locked', { lockedReason: 'Run Cases first' }),
  ],
  ...overrides,
});

describe('stepStatus', () => {
  it('shows set-up steps as to do or done from main’s readiness', () => {
    expect(
      stepStatus(stepInfo('connect'), list({ ready: { connections: false, mapping: false } }), {}),
    ).toEqual({ kind: 'todo' });
    expect(stepStatus(stepInfo('mappings'), list(), {})).toEqual({ kind: 'done' });
    expect(stepStatus(stepInfo('connect'), undefined, {})).toEqual({ kind: 'unknown' });
  });

  it('passes main’s lock reason through', () => {
    expect(stepStatus(stepInfo('contacts'), list(), {})).toEqual({
      kind: 'locked',
      reason: 'Run Cases first',
    });
  });

  it('shows a running stage with its phase and percentage', () => {
    const progress = {
      outbreaks: {
        runId: 2,
        stage: 'outbreaks' as const,
        phase: 'Writing outbreaks',
        counts: { ...emptyCounts(), read: 1 },
        total: 4,
        done: false,
      },
    };
    const status = stepStatus(stepInfo('outbreaks'), list(), progress);
    expect(status).toEqual({ kind: 'running', phase: 'Writing outbreaks', percent: 25 });
    expect(statusText(status)).toBe('Running 25%');
  });

  it('counts open issues of a finished stage in words', () => {
    const status = stepStatus(stepInfo('locations'), list(), {});
    expect(statusText(status)).toBe('Finished, 2 open issues');
  });

  it('combines cases and events: failure wins over finished, ready when one is left', () => {
    const base = list().stages.filter((s) => s.stage !== 'cases' && s.stage !== 'events');
    const mixed = list({ stages: [...base, stage('cases', 'finished'), stage('events', 'failed')] });
    expect(stepStatus(stepInfo('cases-events'), mixed, {}).kind).toBe('failed');
    const half = list({ stages: [...base, stage('cases', 'finished'), stage('events', 'ready')] });
    expect(stepStatus(stepInfo('cases-events'), half, {}).kind).toBe('ready');
    const both = list({
      stages: [
        ...base,
        stage('cases', 'finished', { openIssues: 1 }),
        stage('events', 'finished', { openIssues: 2 }),
      ],
    });
    expect(stepStatus(stepInfo('cases-events'), both, {})).toEqual({ kind: 'finished', openIssues: 3 });
    expect(stepStatus(stepInfo('cases-events'), list(), {})).toEqual({
      kind: 'locked',
      reason: 'Run Outbreaks first',
    });
  });

  it('has no status for the overview pages', () => {
    expect(statusText(stepStatus(stepInfo('start'), list(), {}))).toBe('');
  });

  it('shows a cancelled stage as stopped and resumable, not as one that never ran', () => {
    const cancelled = stage('cases', 'ready', { lastRun: run(3, 'cases', 'cancelled', 40) });
    const status = stepStatusOfStage(cancelled, undefined);
    expect(status).toEqual({ kind: 'stopped' });
    expect(statusText(status)).toBe('Stopped — run again to resume');
    expect(statusText(status, { compact: true })).toBe('Stopped');
    expect(stepStatusOfStage(stage('cases', 'ready'), undefined)).toEqual({ kind: 'ready' });
    const base = list().stages.filter((s) => s.stage !== 'cases' && s.stage !== 'events');
    const step = list({ stages: [...base, cancelled, stage('events', 'finished')] });
    expect(stepStatus(stepInfo('cases-events'), step, {})).toEqual({ kind: 'stopped' });
    expect(stepDescription(stepInfo('cases-events'), { kind: 'stopped' })).toMatch(/run again to resume/);
  });

  it('offers to resume a stage whose last run was cancelled, failed or cut off by a crash', () => {
    expect(resumesLastRun(stage('cases', 'ready', { lastRun: run(3, 'cases', 'cancelled') }))).toBe(true);
    expect(resumesLastRun(stage('cases', 'failed', { lastRun: run(3, 'cases', 'failed') }))).toBe(true);
    expect(resumesLastRun(stage('cases', 'failed', { lastRun: run(3, 'cases', 'interrupted') }))).toBe(true);
    expect(resumesLastRun(stage('cases', 'ready'))).toBe(false);
    expect(resumesLastRun(stage('cases', 'finished', { lastRun: run(3, 'cases', 'completed') }))).toBe(false);
    const failed = stepStatusOfStage(
      stage('cases', 'failed', { lastRun: run(3, 'cases', 'failed') }),
      undefined,
    );
    expect(statusText(failed)).toBe('Failed — run again to resume');
    expect(statusText(failed, { compact: true })).toBe('Failed');
  });

  it('shows unsaved mapping edits on the Mappings step even when a saved mapping exists', () => {
    const status = stepStatus(stepInfo('mappings'), list(), {}, { mappingDirty: true });
    expect(status).toEqual({ kind: 'unsaved' });
    expect(statusText(status)).toBe('Unsaved changes');
    expect(stepDescription(stepInfo('mappings'), status)).toMatch(/runs use the saved mapping/);
    expect(stepStatus(stepInfo('mappings'), list(), {}, { mappingDirty: false })).toEqual({ kind: 'done' });
  });

  it('describes a step by its summary, or by what its state asks for', () => {
    const locations = stepInfo('locations');
    expect(stepDescription(locations, { kind: 'ready' })).toBe(locations.summary);
    expect(stepDescription(locations, { kind: 'locked', reason: 'Run X first' })).toBe('Locked: Run X first');
    expect(stepDescription(locations, { kind: 'finished', openIssues: 1 })).toBe(
      `${locations.summary}. 1 open issue.`,
    );
  });
});
