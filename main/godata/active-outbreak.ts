import { GoDataError } from './errors.js';
import type { GoDataSession, GoDataSessionEvent } from './session.js';

/**
 * Go.Data refuses every POST/PUT/DELETE under `/api/outbreaks/{id}/…` (403 ACCESS_DENIED) unless `{id}` is the
 * user's `activeOutbreakId` (§3). This keeps that setting pointed at the outbreak being written, switching it
 * with one PATCH of the user only when it changes, and re-applies it once when the server says it was switched
 * behind our back (e.g. by the same account in the web UI).
 */
export class ActiveOutbreak {
  private current?: string;
  private switching?: { outbreakId: string; done: Promise<void> };

  constructor(
    private readonly session: GoDataSession,
    private readonly onEvent?: (event: GoDataSessionEvent) => void,
  ) {}

  /** Makes `outbreakId` the user's active outbreak unless it already is (as far as this client knows). */
  async ensure(outbreakId: string, signal?: AbortSignal): Promise<void> {
    if (this.current === outbreakId) return;
    if (this.switching?.outbreakId !== outbreakId) {
      const done = this.activate(outbreakId, signal).finally(() => {
        if (this.switching?.done === done) this.switching = undefined;
      });
      this.switching = { outbreakId, done };
    }
    await this.switching.done;
  }

  /** Runs a write into `outbreakId` with the gate open; repeats it once if the gate was closed meanwhile. */
  async write<T>(outbreakId: string, write: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    await this.ensure(outbreakId, signal);
    try {
      return await write();
    } catch (error) {
      if (!isInactiveOutbreakRefusal(error)) throw error;
      this.forget();
      await this.ensure(outbreakId, signal);
      return await write();
    }
  }

  forget(): void {
    this.current = undefined;
  }

  private async activate(outbreakId: string, signal?: AbortSignal): Promise<void> {
    const userId = await this.session.ensureLoggedIn(signal);
    await this.session.call({
      method: 'PATCH',
      path: `/api/users/${encodeURIComponent(userId)}`,
      body: { activeOutbreakId: outbreakId },
      // Setting the same value twice is harmless.
      idempotent: true,
      signal,
    });
    this.current = outbreakId;
    this.onEvent?.({ type: 'active-outbreak', outbreakId });
  }
}

/** ACCESS_DENIED also means "not one of your outbreaks"; re-activating then fails with a clear 422 of its own. */
function isInactiveOutbreakRefusal(error: unknown): boolean {
  return error instanceof GoDataError && error.status === 403 && error.code === 'ACCESS_DENIED';
}
