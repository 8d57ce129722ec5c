import { apiError, duplicateKeyError, type FieldError } from '../errors.js';
import { coerce, stripReadOnly } from '../model/coerce.js';
import { markDeleted, markRestored, newId, stampCreate, stampUpdate, type Author } from '../model/records.js';
import { assertValid, isBlank, uniquenessError } from '../model/validation.js';
import type { Sim } from '../http/router.js';
import type { Doc } from '../state.js';
import { asRecord } from '../text.js';

const MASK_PATTERN = '^(?:9*[^9()]*|[^9()]*9*[^9()]*|[^9()]*9*)$';
const MASK_FIELDS = ['eventIdMask', 'caseIdMask', 'contactIdMask', 'contactOfContactIdMask'] as const;

/** Validators registered after the property ones: `pattern` (masks), then `unique` (id, name). */
function extraErrors(sim: Sim, doc: Record<string, unknown>, selfId: string | undefined): FieldError[] {
  const errors: FieldError[] = [];
  const mask = new RegExp(MASK_PATTERN);
  for (const field of MASK_FIELDS) {
    const value = doc[field];
    if (!isBlank(value) && !mask.test(String(value))) {
      errors.push({
        field,
        code: 'format',
        message: `format is invalid. It should match /${MASK_PATTERN}/`,
        value,
      });
    }
  }
  const live = [...sim.state.outbreaks.all()].filter((o) => o.deleted !== true && o.id !== selfId);
  if (
    selfId === undefined &&
    typeof doc.id === 'string' &&
    sim.state.outbreaks.get(doc.id)?.deleted === false
  ) {
    errors.push(uniquenessError('id', doc.id));
  }
  if (!isBlank(doc.name) && live.some((o) => o.name === doc.name))
    errors.push(uniquenessError('name', doc.name));
  return errors;
}

export function createOutbreak(sim: Sim, body: unknown, author: Author): Doc {
  const keep = sim.config.allowCustomIDsOnCreate ? ['id'] : [];
  const { data, invalidDates } = coerce(
    'outbreak',
    stripReadOnly('outbreak', asRecord(body) ?? {}, keep),
    true,
  );
  const id = typeof data.id === 'string' && data.id ? data.id : newId();
  data.id = id;
  // Up to 2.48 outbreaks carried this flag (default true); it was only ever enforced by the web UI.
  if (sim.config.version === '2.48') data.isDateOfOnsetRequired ??= true;
  assertValid({
    model: 'outbreak',
    version: sim.config.version,
    doc: data,
    invalidDates,
    extra: extraErrors(sim, data, undefined),
  });
  if (sim.state.outbreaks.get(id)) throw duplicateKeyError('outbreak', id);
  stampCreate(data, author);
  const doc = data as Doc;
  sim.state.outbreaks.put(doc);
  // The creator keeps access to what it created when its outbreak list is restricted.
  const user = author.user;
  if (user && user.outbreakIds.length > 0 && !user.outbreakIds.includes(doc.id))
    user.outbreakIds.push(doc.id);
  sim.state.touch();
  return doc;
}

export function updateOutbreak(sim: Sim, doc: Doc, body: unknown, author: Author): Doc {
  const changes = coerce('outbreak', stripReadOnly('outbreak', asRecord(body) ?? {}), false);
  delete changes.data.id;
  const merged = { ...doc, ...changes.data };
  assertValid({
    model: 'outbreak',
    version: sim.config.version,
    doc: merged,
    invalidDates: changes.invalidDates,
    extra: extraErrors(sim, merged, doc.id),
  });
  sim.state.outbreaks.mutate(doc, (d) => {
    Object.assign(d, changes.data);
    stampUpdate(d, author);
  });
  sim.state.touch();
  return doc;
}

/** DELETE /outbreaks/{id}: refused while it is any user's active outbreak; `{count}` like LoopBack. */
export function deleteOutbreak(sim: Sim, id: string, author: Author): { count: number } {
  const doc = sim.state.outbreaks.get(id);
  if (!doc || doc.deleted === true) return { count: 0 };
  for (const user of sim.state.users.values()) {
    if (user.activeOutbreakId === id) throw apiError('DELETE_ACTIVE_OUTBREAK', { id });
  }
  markDeleted(doc, author);
  sim.state.touch();
  return { count: 1 };
}

export function restoreOutbreak(sim: Sim, id: string, author: Author): Doc {
  const doc = sim.state.outbreaks.get(id);
  if (!doc || doc.deleted !== true) throw apiError('MODEL_NOT_FOUND', { model: 'outbreak', id });
  markRestored(doc, author);
  sim.state.touch();
  return doc;
}
