import { describe, expect, it } from 'vitest';
import { emptyCounts, type StageProgress } from '../../shared/stages.js';
import { run, stage } from '../test-fixtures.js';
import { applyProgress, liveProgress, progressPercent } from './progress.js';

const progress = (runId: number, read: number, extra: Partial<StageProgress> = {}): StageProgress => ({
  runId,
  stage: 'cases',
  phase: 'Writing cases',
  counts: { ...emptyCounts(), read },
  done: false,
  ...extra,
});

describe('applyProgress', () => {
  it('keeps the newest run per stage and ignores late events of an older run', () => {
    let map = applyProgress({}, progress(7, 10));
    map = applyProgress(map, progress(8, 1));
    map = applyProgress(map, progress(7, 20));
    expect(map.cases?.runId).toBe(8);
    expect(map.cases?.counts.read).toBe(1);
  });

  it('replaces the same run with its newer event', () => {
    const map = applyProgress(applyProgress({}, progress(7, 10)), progress(7, 30));
    expect(map.cases?.counts.read).toBe(30);
  });
});

describe('liveProgress', () => {
  it('shows the running run', () => {
    const p = progress(9, 5);
    expect(liveProgress(stage('cases', 'running', { lastRun: run(9, 'cases', 'running') }), p)).toBe(p);
  });

  it('shows a run that started before the stage list caught up', () => {
    const p = progress(10, 5);
    expect(liveProgress(stage('cases', 'finished', { lastRun: run(9, 'cases', 'completed') }), p)).toBe(p);
  });

  it('hides a finished run (its summary is shown instead)', () => {
    const p = progress(9, 5, { done: true });
    expect(
      liveProgress(stage('cases', 'finished', { lastRun: run(9, 'cases', 'completed') }), p),
    ).toBeUndefined();
  });

  it('hides stale progress of an older run while a newer one is running', () => {
    expect(
      liveProgress(stage('cases', 'running', { lastRun: run(11, 'cases', 'running') }), progress(10, 5)),
    ).toBeUndefined();
  });
});

describe('progressPercent', () => {
  it('is known only when the source told the total', () => {
    expect(progressPercent(progress(1, 50))).toBeUndefined();
    expect(progressPercent(progress(1, 50, { total: 200 }))).toBe(25);
    expect(progressPercent(progress(1, 250, { total: 200 }))).toBe(100);
  });
});
