import type { GoDataPerson, PersonKind } from './model.js';
import { personPath, personsPath, type GoDataContext } from './context.js';
import { GoDataError } from './errors.js';
import { asArray, filterParams, paginate, parseCount, type LoopBackFilter, type Where } from './filter.js';
import {
  createPersonOnce,
  fetchPerson,
  putPerson,
  restorePerson,
  type PersonWriteResult,
} from './person-store.js';

export type { PersonWriteOutcome, PersonWriteResult } from './person-store.js';

/**
 * Cases, contacts and events of an outbreak (§8–§11). Ids are chosen by the caller (deterministic from DHIS2
 * uids) and Go.Data keeps them. Writes go through the active-outbreak gate and, where a visualId may be
 * assigned, through the per-outbreak queue.
 */
export class PersonsApi {
  constructor(private readonly ctx: GoDataContext) {}

  /** The person with this id, or undefined; `includeDeleted` also finds soft-deleted ones (`deleted: true`). */
  get(
    kind: PersonKind,
    outbreakId: string,
    id: string,
    options: { includeDeleted?: boolean } = {},
    signal?: AbortSignal,
  ): Promise<GoDataPerson | undefined> {
    return fetchPerson(this.ctx, kind, outbreakId, id, options.includeDeleted ?? false, signal);
  }

  async list(
    kind: PersonKind,
    outbreakId: string,
    filter?: LoopBackFilter,
    signal?: AbortSignal,
  ): Promise<GoDataPerson[]> {
    const path = personsPath(outbreakId, kind);
    return asArray<GoDataPerson>(
      await this.ctx.session.call({ method: 'GET', path, params: filterParams(filter), signal }),
      path,
    );
  }

  /** All matching persons, page by page. */
  pages(
    kind: PersonKind,
    outbreakId: string,
    filter?: LoopBackFilter,
    pageSize?: number,
    signal?: AbortSignal,
  ): AsyncGenerator<GoDataPerson[], void, undefined> {
    return paginate((page) => this.list(kind, outbreakId, page, signal), filter, pageSize);
  }

  /** Counts through `filtered-count`, the one count route all three kinds have. */
  async count(kind: PersonKind, outbreakId: string, where?: Where, signal?: AbortSignal): Promise<number> {
    const path = `${personsPath(outbreakId, kind)}/filtered-count`;
    const answer = await this.ctx.session.call({
      method: 'GET',
      path,
      params: filterParams(where ? { where } : undefined),
      signal,
    });
    return parseCount(answer, path);
  }

  /**
   * Creates the person with `person.id`. Safe to call again for the same id: a create whose answer was lost is
   * looked up before being repeated, an existing record is updated, a soft-deleted one restored and updated.
   * Only creates that carry a visualId are serialised per outbreak (concurrent ones could draw the same
   * number, §8.3); the others may run side by side, which is what makes seeding over a slow link bearable.
   */
  create(
    kind: PersonKind,
    outbreakId: string,
    person: GoDataPerson,
    signal?: AbortSignal,
  ): Promise<PersonWriteResult> {
    const write = () => createPersonOnce(this.ctx, kind, outbreakId, person, signal);
    if (person.visualId) return this.queued(outbreakId, write, signal);
    return this.ctx.activeOutbreak.write(outbreakId, write, signal);
  }

  /**
   * Partial update: top-level fields sent replace the stored ones, fields not sent are kept — but arrays
   * (`addresses`, `documents` …) and `questionnaireAnswers` are replaced whole, so send them complete.
   */
  update(
    kind: PersonKind,
    outbreakId: string,
    id: string,
    changes: Partial<GoDataPerson>,
    signal?: AbortSignal,
  ): Promise<GoDataPerson> {
    const write = () => putPerson(this.ctx, kind, outbreakId, id, changes, signal);
    // Only a visualId change can race with creates over the outbreak's visualId sequence.
    if (changes.visualId !== undefined) return this.queued(outbreakId, write, signal);
    return this.ctx.activeOutbreak.write(outbreakId, write, signal);
  }

  /** Soft delete (cascades to the person's relationships and isolated contacts, §13.2). */
  async delete(
    kind: PersonKind,
    outbreakId: string,
    id: string,
    signal?: AbortSignal,
  ): Promise<'deleted' | 'not-found'> {
    try {
      await this.ctx.activeOutbreak.write(
        outbreakId,
        () => this.ctx.session.call({ method: 'DELETE', path: personPath(outbreakId, { kind, id }), signal }),
        signal,
      );
      return 'deleted';
    } catch (error) {
      if (error instanceof GoDataError && error.kind === 'not-found') return 'not-found';
      throw error;
    }
  }

  /** Restores a soft-deleted person (and what its deletion cascaded to). */
  restore(kind: PersonKind, outbreakId: string, id: string, signal?: AbortSignal): Promise<GoDataPerson> {
    return this.queued(outbreakId, () => restorePerson(this.ctx, kind, outbreakId, id, signal), signal);
  }

  private queued<T>(outbreakId: string, write: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    return this.ctx.personQueue.run(outbreakId, () =>
      this.ctx.activeOutbreak.write(outbreakId, write, signal),
    );
  }
}
