import type { GoDataPerson, GoDataRelationship } from './model.js';
import { answerLost, personPath, type GoDataContext, type PersonRef } from './context.js';
import { errorBodyOf, fromErrorBody, GoDataError, isRecord } from './errors.js';
import {
  createPersonOnce,
  fetchPerson,
  isDuplicateId,
  putPerson,
  restorePerson,
  type PersonWriteOutcome,
} from './person-store.js';
import type { RelationshipFields, RelationshipsApi } from './relationships.js';

/** One contact with its exposure to the case or event it is listed under. */
export interface ContactWithExposure {
  contact: GoDataPerson;
  relationship: RelationshipFields;
}

export type ContactItemResult =
  | {
      index: number;
      contactId: string;
      ok: true;
      outcome: PersonWriteOutcome;
      contact: GoDataPerson;
      relationship: GoDataRelationship;
    }
  | { index: number; contactId: string; ok: false; error: GoDataError };

/** The case or event the contacts were exposed to. */
export type ExposureSource = PersonRef & { kind: 'case' | 'event' };

/**
 * Contacts created together with their relationship to a case or event, through Go.Data's bulk route
 * `POST …/{cases|events}/{id}/contacts` (§10.2): items are processed in order, each independently; a failed
 * relationship makes Go.Data soft-delete the contact it just created, so the contact's id then blocks a plain
 * re-create. Items Go.Data could not create because their id exists (earlier run, rolled-back contact) and
 * whole requests whose answer was lost are settled one by one: restore or update the contact, then find the
 * relationship by its pair before creating it.
 */
export class ContactsApi {
  constructor(
    private readonly ctx: GoDataContext,
    private readonly relationships: RelationshipsApi,
  ) {}

  createWithExposures(
    outbreakId: string,
    source: ExposureSource,
    items: ContactWithExposure[],
    signal?: AbortSignal,
  ): Promise<ContactItemResult[]> {
    if (items.length === 0) return Promise.resolve([]);
    const write = () =>
      this.ctx.activeOutbreak.write(
        outbreakId,
        () => this.createNow(outbreakId, source, items, signal),
        signal,
      );
    // Serialised per outbreak only when a visualId is to be numbered (§8.3), as person creates are.
    return items.some((item) => item.contact.visualId)
      ? this.ctx.personQueue.run(outbreakId, write)
      : write();
  }

  private async createNow(
    outbreakId: string,
    source: ExposureSource,
    items: ContactWithExposure[],
    signal?: AbortSignal,
  ): Promise<ContactItemResult[]> {
    let answered: BulkAnswer;
    try {
      const data = await this.ctx.session.call<unknown>({
        method: 'POST',
        path: `${personPath(outbreakId, source)}/contacts`,
        body: items.map(({ contact, relationship }) => ({ contact, relationship: { ...relationship } })),
        signal,
      });
      answered = { success: entriesOf(data), failed: [] };
    } catch (error) {
      if (answerLost(error)) {
        return this.settleEach(
          outbreakId,
          source,
          items.map((item, index) => ({ item, index })),
          true,
          signal,
        );
      }
      const partial = partialSuccess(error);
      if (!partial) throw error;
      answered = partial;
    }
    const results: ContactItemResult[] = [];
    for (const entry of answered.success) {
      const item = items[entry.recordNo];
      if (!item) continue;
      results.push({
        index: entry.recordNo,
        contactId: item.contact.id,
        ok: true,
        outcome: 'created',
        ...entry.pair,
      });
    }
    const toSettle: Array<{ item: ContactWithExposure; index: number }> = [];
    for (const failure of answered.failed) {
      const item = items[failure.recordNo];
      if (!item) continue;
      // The id is taken: by an earlier run, or by a contact Go.Data rolled back into the bin.
      if (isDuplicateId(failure.error)) toSettle.push({ item, index: failure.recordNo });
      else
        results.push({
          index: failure.recordNo,
          contactId: item.contact.id,
          ok: false,
          error: failure.error,
        });
    }
    results.push(...(await this.settleEach(outbreakId, source, toSettle, false, signal)));
    return results.sort((a, b) => a.index - b.index);
  }

  private async settleEach(
    outbreakId: string,
    source: ExposureSource,
    pending: Array<{ item: ContactWithExposure; index: number }>,
    mayBeStored: boolean,
    signal?: AbortSignal,
  ): Promise<ContactItemResult[]> {
    const results: ContactItemResult[] = [];
    for (const { item, index } of pending) {
      try {
        results.push({ index, ...(await this.settle(outbreakId, source, item, mayBeStored, signal)) });
      } catch (error) {
        if (!(error instanceof GoDataError) || error.kind === 'cancelled') throw error;
        results.push({ index, contactId: item.contact.id, ok: false, error });
      }
    }
    return results;
  }

  private async settle(
    outbreakId: string,
    source: ExposureSource,
    { contact, relationship }: ContactWithExposure,
    mayBeStored: boolean,
    signal?: AbortSignal,
  ): Promise<Omit<Extract<ContactItemResult, { ok: true }>, 'index'>> {
    const existing = await fetchPerson(this.ctx, 'contact', outbreakId, contact.id, true, signal);
    let written: { record: GoDataPerson; outcome: PersonWriteOutcome };
    if (!existing) {
      written = await createPersonOnce(this.ctx, 'contact', outbreakId, contact, signal);
    } else if (existing.deleted === true) {
      await restorePerson(this.ctx, 'contact', outbreakId, contact.id, signal);
      written = {
        record: await putPerson(this.ctx, 'contact', outbreakId, contact.id, contact, signal),
        outcome: 'restored',
      };
    } else if (mayBeStored) {
      written = { record: existing, outcome: 'created' };
    } else {
      written = {
        record: await putPerson(this.ctx, 'contact', outbreakId, contact.id, contact, signal),
        outcome: 'updated',
      };
    }
    try {
      const linked = await this.relationships.ensureNow(outbreakId, source, contact.id, relationship, signal);
      return {
        contactId: contact.id,
        ok: true,
        outcome: written.outcome,
        contact: written.record,
        relationship: linked.relationship,
      };
    } catch (error) {
      // Like Go.Data's own route: a contact this call brought (back) to life without its exposure goes again.
      if (written.outcome !== 'updated' && error instanceof GoDataError && error.kind !== 'cancelled') {
        await this.ctx.session
          .call({
            method: 'DELETE',
            path: personPath(outbreakId, { kind: 'contact', id: contact.id }),
            signal,
          })
          .catch(() => undefined);
      }
      throw error;
    }
  }
}

interface BulkAnswer {
  success: Array<{ recordNo: number; pair: { contact: GoDataPerson; relationship: GoDataRelationship } }>;
  failed: Array<{ recordNo: number; error: GoDataError }>;
}

/** `[{recordNo, contact, relationship}]`, as the route answers on full success and in `details.success`. */
function entriesOf(value: unknown): BulkAnswer['success'] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((entry: unknown) => {
    if (!isRecord(entry) || typeof entry.recordNo !== 'number' || !isRecord(entry.contact)) return [];
    const pair = {
      contact: entry.contact as GoDataPerson,
      relationship: entry.relationship as GoDataRelationship,
    };
    return [{ recordNo: entry.recordNo, pair }];
  });
}

/** The 422 MULTIPLE_CONTACTS_CREATION_PARTIAL_SUCCESS answer split into per-item results. */
function partialSuccess(error: unknown): BulkAnswer | undefined {
  if (!(error instanceof GoDataError) || error.code !== 'MULTIPLE_CONTACTS_CREATION_PARTIAL_SUCCESS')
    return undefined;
  const details = isRecord(error.details) ? error.details : {};
  const failed = (Array.isArray(details.failed) ? details.failed : []).flatMap((entry: unknown) => {
    if (!isRecord(entry) || typeof entry.recordNo !== 'number') return [];
    const body = errorBodyOf(entry.error) ?? { message: 'no reason given' };
    return [{ recordNo: entry.recordNo, error: fromErrorBody(body) }];
  });
  return { success: entriesOf(details.success), failed };
}
