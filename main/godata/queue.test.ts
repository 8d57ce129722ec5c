import { describe, expect, it } from 'vitest';
import { KeyedQueue } from './queue.js';

describe('KeyedQueue', () => {
  it('runs tasks of one key one at a time, in order, even when some fail', async () => {
    const queue = new KeyedQueue();
    const log: string[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const task =
      (name: string, fail = false) =>
      async () => {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await new Promise((resolve) => setImmediate(resolve));
        log.push(name);
        inFlight--;
        if (fail) throw new Error(name);
        return name;
      };
    const results = await Promise.allSettled([
      queue.run('o1', task('a')),
      queue.run('o1', task('b', true)),
      queue.run('o1', task('c')),
    ]);
    expect(log).toEqual(['a', 'b', 'c']);
    expect(maxInFlight).toBe(1);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });

  it('runs different keys side by side', async () => {
    const queue = new KeyedQueue();
    let release: () => void = () => undefined;
    const blocker = new Promise<void>((resolve) => (release = resolve));
    const first = queue.run('o1', () => blocker.then(() => 'o1'));
    // o2 finishes although o1 is still blocked.
    await expect(queue.run('o2', () => Promise.resolve('o2'))).resolves.toBe('o2');
    release();
    await expect(first).resolves.toBe('o1');
  });
});
