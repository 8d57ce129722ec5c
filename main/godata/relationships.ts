import type { GoDataRelationship } from './model.js';
import {
  answerLost,
  outbreakPath,
  pauseBeforeRepeat,
  personKindOfType,
  personPath,
  type GoDataContext,
  type PersonRef,
} from './context.js';
import { GoDataError } from './errors.js';
import { asArray, filterParams, paginate, pairWhere, type LoopBackFilter } from './filter.js';

/** A relationship's own fields; the participants are given separately and `persons` is built by the server. */
export type RelationshipFields = Omit<GoDataRelationship, 'id' | 'persons'>;

export interface RelationshipWriteResult {
  relationship: GoDataRelationship;
  outcome: 'created' | 'updated';
}

/**
 * Relationships (exposures) between persons of an outbreak (§12). Go.Data strips client ids from them and
 * enforces no uniqueness — posting a pair twice makes two — so they are found by their pair before any create.
 * Direction is the server's choice (case/event → contact).
 */
export class RelationshipsApi {
  constructor(private readonly ctx: GoDataContext) {}

  async list(
    outbreakId: string,
    filter?: LoopBackFilter,
    signal?: AbortSignal,
  ): Promise<GoDataRelationship[]> {
    const path = `${outbreakPath(outbreakId)}/relationships`;
    const answer = await this.ctx.session.call({ method: 'GET', path, params: filterParams(filter), signal });
    return asArray<GoDataRelationship>(answer, path);
  }

  pages(
    outbreakId: string,
    filter?: LoopBackFilter,
    pageSize?: number,
    signal?: AbortSignal,
  ): AsyncGenerator<GoDataRelationship[], void, undefined> {
    return paginate((page) => this.list(outbreakId, page, signal), filter, pageSize);
  }

  /** The relationships between two persons, oldest first. */
  findAll(
    outbreakId: string,
    personA: string,
    personB: string,
    signal?: AbortSignal,
  ): Promise<GoDataRelationship[]> {
    return this.list(
      outbreakId,
      { where: pairWhere(personA, personB), order: ['createdAt ASC', 'id ASC'] },
      signal,
    );
  }

  /** The (oldest) relationship between two persons, if any. */
  async find(
    outbreakId: string,
    personA: string,
    personB: string,
    signal?: AbortSignal,
  ): Promise<GoDataRelationship | undefined> {
    return (await this.findAll(outbreakId, personA, personB, signal))[0];
  }

  /**
   * Makes sure one relationship links `from` and `otherPersonId`: updates the existing one, or creates it
   * through `from`'s route. A create whose answer was lost is looked up by its pair before being repeated.
   */
  ensure(
    outbreakId: string,
    from: PersonRef,
    otherPersonId: string,
    fields: RelationshipFields,
    signal?: AbortSignal,
  ): Promise<RelationshipWriteResult> {
    return this.ctx.activeOutbreak.write(
      outbreakId,
      () => this.ensureNow(outbreakId, from, otherPersonId, fields, signal),
      signal,
    );
  }

  /** `ensure` without the active-outbreak gate, for callers already inside it. */
  async ensureNow(
    outbreakId: string,
    from: PersonRef,
    otherPersonId: string,
    fields: RelationshipFields,
    signal?: AbortSignal,
  ): Promise<RelationshipWriteResult> {
    const existing = await this.find(outbreakId, from.id, otherPersonId, signal);
    if (existing?.id) {
      return {
        relationship: await this.updateNow(outbreakId, from, existing.id, fields, signal),
        outcome: 'updated',
      };
    }
    for (let attempt = 0; ; attempt++) {
      try {
        const relationship = await this.ctx.session.call<GoDataRelationship>({
          method: 'POST',
          path: `${personPath(outbreakId, from)}/relationships`,
          body: { ...withoutPersons(fields), persons: [{ id: otherPersonId }] },
          signal,
        });
        return { relationship, outcome: 'created' };
      } catch (error) {
        if (!answerLost(error)) throw error;
        const stored = await this.find(outbreakId, from.id, otherPersonId, signal);
        if (stored) return { relationship: stored, outcome: 'created' };
        if (!(await pauseBeforeRepeat(error, attempt, this.ctx.retryPolicy, signal))) throw error;
      }
    }
  }

  /** Partial update through the route of a participant (`via`); `persons` is never sent. */
  update(
    outbreakId: string,
    via: PersonRef,
    relationshipId: string,
    fields: RelationshipFields,
    signal?: AbortSignal,
  ): Promise<GoDataRelationship> {
    return this.ctx.activeOutbreak.write(
      outbreakId,
      () => this.updateNow(outbreakId, via, relationshipId, fields, signal),
      signal,
    );
  }

  /**
   * Soft delete through the route of a participant. Go.Data refuses to remove a contact's last exposure
   * (422 DELETE_CONTACT_LAST_RELATIONSHIP): that comes back as a validation GoDataError.
   */
  async delete(
    outbreakId: string,
    via: PersonRef,
    relationshipId: string,
    signal?: AbortSignal,
  ): Promise<'deleted' | 'not-found'> {
    try {
      await this.ctx.activeOutbreak.write(
        outbreakId,
        () =>
          this.ctx.session.call({
            method: 'DELETE',
            path: relationshipPath(outbreakId, via, relationshipId),
            signal,
          }),
        signal,
      );
      return 'deleted';
    } catch (error) {
      if (error instanceof GoDataError && error.kind === 'not-found') return 'not-found';
      throw error;
    }
  }

  private updateNow(
    outbreakId: string,
    via: PersonRef,
    relationshipId: string,
    fields: RelationshipFields,
    signal?: AbortSignal,
  ): Promise<GoDataRelationship> {
    return this.ctx.session.call<GoDataRelationship>({
      method: 'PUT',
      path: relationshipPath(outbreakId, via, relationshipId),
      body: withoutPersons(fields),
      signal,
    });
  }
}

/** A participant of a stored relationship, usable as `via` for update/delete. */
export function participantOf(relationship: GoDataRelationship): PersonRef | undefined {
  for (const person of relationship.persons) {
    const kind = personKindOfType(person.type);
    if (kind) return { kind, id: person.id };
  }
  return undefined;
}

function relationshipPath(outbreakId: string, via: PersonRef, relationshipId: string): string {
  return `${personPath(outbreakId, via)}/relationships/${encodeURIComponent(relationshipId)}`;
}

function withoutPersons(fields: RelationshipFields): RelationshipFields {
  const { id: _id, persons: _persons, ...rest } = fields as GoDataRelationship;
  return rest;
}
