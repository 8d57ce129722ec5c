/**
 * Runs tasks one after another per key, tasks of different keys side by side.
 *
 * Go.Data gives each new person of an outbreak the next visualId by reading the current maximum, with no unique
 * index behind it: two creates in flight in the same outbreak can get the same number (§8.3). Person writes are
 * therefore queued per outbreak.
 */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}
