import { describe, expect, it } from 'vitest';
import { latestOnly } from './latest.js';
import { failed, idle, loaded, loading, valueOf } from './loadable.js';

describe('loadable', () => {
  it('keeps the last value while reloading and after a failure', () => {
    const first = loaded([1, 2]);
    const reloading = loading(first);
    expect(reloading).toEqual({ status: 'loading', value: [1, 2] });
    const broken = failed(reloading, { kind: 'unreachable', message: 'offline' });
    expect(broken).toEqual({
      status: 'failed',
      error: { kind: 'unreachable', message: 'offline' },
      value: [1, 2],
    });
    expect(valueOf(broken)).toEqual([1, 2]);
  });

  it('has no value before the first answer', () => {
    expect(valueOf(idle<number>())).toBeUndefined();
    expect(loading(idle<number>())).toEqual({ status: 'loading' });
    expect(failed(idle<number>(), { kind: 'internal', message: 'x' })).toEqual({
      status: 'failed',
      error: { kind: 'internal', message: 'x' },
    });
  });
});

describe('latestOnly', () => {
  it('lets only the newest of overlapping requests land', () => {
    const gate = latestOnly();
    const a = gate.begin();
    const b = gate.begin();
    expect(gate.isCurrent(a)).toBe(false);
    expect(gate.isCurrent(b)).toBe(true);
  });
});
