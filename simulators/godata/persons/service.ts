import { apiError, duplicateKeyError, plainError, type FieldError } from '../errors.js';
import type { Sim } from '../http/router.js';
import { coerce, stripReadOnly } from '../model/coerce.js';
import { newId, stampCreate, stampUpdate, type Author } from '../model/records.js';
import { assertValid, uniquenessError } from '../model/validation.js';
import type { Doc } from '../state.js';
import { asRecord, str, upperSnake } from '../text.js';
import { refreshCaseFollowUp, refreshContactFollowUp, refreshDateOfLastContact } from './effects.js';
import { DISCARDED, TYPE_TOKEN, type PersonKind } from './kinds.js';
import {
  checkAddresses,
  checkCoordinates,
  duplicateKeys,
  nestedRequiredErrors,
  usualPlaceLocationId,
} from './rules.js';
import { onClassificationToggled } from './classification.js';

/**
 * Person writes through the REST routes: read-only properties dropped, Go.Data's "before save" business rules,
 * LoopBack validation, then the "after save" effects.
 */

const CENTRE = 'LNG_REFERENCE_DATA_CATEGORY_CENTRE_NAME';

/** Free-text dateRanges[].centerName become CENTRE_NAME reference items (created when missing). */
function convertCentreNames(sim: Sim, record: Record<string, unknown>, author: Author): void {
  if (!Array.isArray(record.dateRanges)) return;
  for (const range of record.dateRanges) {
    const item = asRecord(range);
    const name = typeof item?.centerName === 'string' ? item.centerName.trim() : '';
    if (!item || !name || name.startsWith('LNG_REFERENCE_DATA')) continue;
    const id = `${CENTRE}_${upperSnake(name)}`;
    item.centerName = id;
    if (!sim.state.referenceData.get(id)) {
      const doc: Doc = { id, categoryId: CENTRE, value: id, description: '', readOnly: false, active: true };
      stampCreate(doc, { ...author, user: undefined });
      sim.state.referenceData.put(doc);
      sim.state.referenceLabels.set(id, name);
    }
  }
}

/** archiveClassificationChanges: the history gains an entry whenever the classification changes. */
function classificationHistory(record: Record<string, unknown>, now: string): unknown[] {
  const history = Array.isArray(record.classificationHistory)
    ? (record.classificationHistory as Array<Record<string, unknown>>).map((h) => ({ ...h }))
    : [];
  const open = history.find((h) => h.endDate === null || h.endDate === undefined);
  if (open) {
    if (record.classification !== open.classification) {
      open.endDate = now;
      history.push({ classification: record.classification, startDate: now });
    }
  } else {
    history.push({ classification: record.classification, startDate: now });
  }
  return history;
}

function validationExtras(
  sim: Sim,
  kind: PersonKind,
  record: Record<string, unknown>,
  isNew: boolean,
): FieldError[] {
  const extras =
    sim.config.version === '2.48' && sim.config.quirks.enforceNestedRequired
      ? nestedRequiredErrors(record)
      : [];
  if (isNew) {
    const existing = sim.state.persons.get(String(record.id));
    if (existing && existing.deleted !== true && existing.type === TYPE_TOKEN[kind])
      extras.push(uniquenessError('id', record.id));
  }
  return extras;
}

export function createPerson(sim: Sim, outbreak: Doc, kind: PersonKind, body: unknown, author: Author): Doc {
  const input = stripReadOnly(kind, asRecord(body) ?? {});
  const { data, invalidDates } = coerce(kind, input, true);
  data.outbreakId = outbreak.id;
  data.type = TYPE_TOKEN[kind];
  if (typeof data.id !== 'string' || !data.id) data.id = newId();
  const id = String(data.id);
  data.usualPlaceOfResidenceLocationId = usualPlaceLocationId(data, TYPE_TOKEN[kind]);
  checkAddresses(data);
  if (kind !== 'event') data.duplicateKeys = duplicateKeys(data);
  convertCentreNames(sim, data, author);
  const visualId = sim.state.visualIds.resolve(outbreak, TYPE_TOKEN[kind], data.visualId, null);
  if (visualId === undefined) delete data.visualId;
  else data.visualId = visualId;
  if (kind === 'case') data.classificationHistory = classificationHistory(data, author.now);
  assertValid({
    model: kind,
    version: sim.config.version,
    doc: data,
    invalidDates,
    extra: validationExtras(sim, kind, data, true),
  });
  if (sim.state.persons.get(id)) {
    if (sim.config.quirks.duplicatePersonId === 'internal') throw duplicateKeyError('person', id);
    throw apiError('MODEL_CONFLICT', { id });
  }
  checkCoordinates(data);
  stampCreate(data, author);
  const doc = data as Doc;
  sim.state.persons.put(doc);
  sim.state.visualIds.change(outbreak.id, id, undefined, doc.visualId);
  if (kind === 'case' && doc.dateOfOnset) refreshCaseFollowUp(sim, doc, outbreak, author);
  sim.state.touch();
  return doc;
}

export function updatePerson(
  sim: Sim,
  outbreak: Doc,
  kind: PersonKind,
  doc: Doc,
  body: unknown,
  author: Author,
): Doc {
  const raw = asRecord(body) ?? {};
  if (raw.id !== undefined && raw.id !== doc.id) {
    throw plainError(
      400,
      `id cannot be updated from ${doc.id} to ${str(raw.id)} when forceId is set to true`,
    );
  }
  const input = stripReadOnly(kind, raw);
  const { data, invalidDates } = coerce(kind, input, false);
  delete data.id;
  const followUp = asRecord(data.followUp);
  // Only the status of a follow-up window may be changed; the dates stay the server's.
  if (kind !== 'event' && followUp?.status)
    data.followUp = { ...followUp, ...(asRecord(doc.followUp) ?? {}), status: followUp.status };
  const merged: Record<string, unknown> = { ...doc, ...data };
  if (data.address !== undefined || data.addresses !== undefined) {
    data.usualPlaceOfResidenceLocationId = usualPlaceLocationId(merged, TYPE_TOKEN[kind]);
  }
  const wasDiscarded = doc.classification === DISCARDED;
  checkAddresses(merged);
  if (kind !== 'event') data.duplicateKeys = duplicateKeys(merged);
  convertCentreNames(sim, data, author);
  const visualId = sim.state.visualIds.resolve(outbreak, TYPE_TOKEN[kind], data.visualId, doc.id);
  if (visualId !== undefined) data.visualId = visualId;
  else if (sim.config.quirks.clearVisualIdOnUpdateWithout) data.visualId = null;
  else delete data.visualId;
  if (kind === 'case') data.classificationHistory = classificationHistory({ ...merged, ...data }, author.now);
  const next = { ...doc, ...data };
  assertValid({
    model: kind,
    version: sim.config.version,
    doc: next,
    invalidDates,
    extra: validationExtras(sim, kind, next, false),
  });
  checkCoordinates(data);
  const previousVisualId = doc.visualId;
  const previousOnset = doc.dateOfOnset;
  sim.state.persons.mutate(doc, (d) => {
    Object.assign(d, data);
    stampUpdate(d, author);
  });
  sim.state.visualIds.change(outbreak.id, doc.id, previousVisualId, doc.visualId);
  if (kind === 'case') {
    if (wasDiscarded !== (doc.classification === DISCARDED) && data.classification !== undefined)
      onClassificationToggled(sim, doc, author);
    if (data.dateOfOnset !== undefined && data.dateOfOnset !== previousOnset)
      refreshCaseFollowUp(sim, doc, outbreak, author);
  }
  if (kind === 'contact') refreshContactFollowUp(sim, doc, outbreak, author);
  refreshDateOfLastContact(sim, doc, author);
  sim.state.touch();
  return doc;
}
