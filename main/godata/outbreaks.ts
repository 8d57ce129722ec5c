import type { GoDataOutbreak } from './model.js';
import { answerLost, outbreakPath, pauseBeforeRepeat, type GoDataContext } from './context.js';
import { GoDataError } from './errors.js';
import { asArray, filterParams, type LoopBackFilter } from './filter.js';

/** An outbreak as stored: the server chose its id. */
export type StoredOutbreak = GoDataOutbreak & { id: string };

/**
 * Outbreaks (§7). Go.Data strips client ids from them; their name is unique among live outbreaks, so the name
 * is the key the bridge finds them by.
 */
export class OutbreaksApi {
  constructor(private readonly ctx: GoDataContext) {}

  async list(filter?: LoopBackFilter, signal?: AbortSignal): Promise<StoredOutbreak[]> {
    const path = '/api/outbreaks';
    return asArray<StoredOutbreak>(
      await this.ctx.session.call({ method: 'GET', path, params: filterParams(filter), signal }),
      path,
    );
  }

  async get(id: string, signal?: AbortSignal): Promise<StoredOutbreak | undefined> {
    try {
      return await this.ctx.session.call<StoredOutbreak>({ method: 'GET', path: outbreakPath(id), signal });
    } catch (error) {
      if (error instanceof GoDataError && error.kind === 'not-found') return undefined;
      throw error;
    }
  }

  /** The live outbreak with exactly this name (case-sensitive, as Go.Data's uniqueness check). */
  async findByName(name: string, signal?: AbortSignal): Promise<StoredOutbreak | undefined> {
    const found = await this.list({ where: { name }, limit: 2 }, signal);
    // Guard against servers that match loosely: only an exact name counts.
    return found.find((outbreak) => outbreak.name === name);
  }

  /**
   * Creates the outbreak and returns it with the id the server gave it. A create whose answer was lost is
   * looked up by name before being repeated.
   */
  async create(outbreak: GoDataOutbreak, signal?: AbortSignal): Promise<StoredOutbreak> {
    const { id: _stripped, ...body } = outbreak;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.ctx.session.call<StoredOutbreak>({
          method: 'POST',
          path: '/api/outbreaks',
          body,
          signal,
        });
      } catch (error) {
        if (!answerLost(error)) throw error;
        const stored = await this.findByName(outbreak.name, signal);
        if (stored) return stored;
        if (!(await pauseBeforeRepeat(error, attempt, this.ctx.retryPolicy, signal))) throw error;
      }
    }
  }

  /** Partial update (not subject to the active-outbreak gate). */
  update(id: string, changes: Partial<GoDataOutbreak>, signal?: AbortSignal): Promise<StoredOutbreak> {
    const { id: _ignored, ...body } = changes;
    return this.ctx.session.call<StoredOutbreak>({
      method: 'PATCH',
      path: outbreakPath(id),
      body,
      idempotent: true,
      signal,
    });
  }
}
