import { apiError, duplicateKeyError, plainError } from '../errors.js';
import { count, find, project, type Source } from '../filter/query.js';
import { filterArg, whereArg } from '../http/args.js';
import { authorOf, type RouteDef, type Sim } from '../http/router.js';
import { coerce, stripReadOnly } from '../model/coerce.js';
import { markDeleted, publicCopy, stampCreate, stampUpdate, type Author } from '../model/records.js';
import { assertValid } from '../model/validation.js';
import type { Doc } from '../state.js';
import { asRecord, upperSnake } from '../text.js';
import { CATEGORY_IDS, defaultItems } from './seed.js';

/** `<category>_<SNAKE_LABEL>`, with `LNG_OUTBREAK_<ID>_` in front for outbreak-specific items. */
export function referenceDataId(categoryId: string, label: string, outbreakId?: string): string {
  const prefix = outbreakId ? `LNG_OUTBREAK_${outbreakId.toUpperCase()}_` : '';
  return `${prefix}${categoryId}_${upperSnake(label)}`;
}

export function seedReferenceData(sim: Sim): void {
  const author: Author = { now: sim.config.nowIso(), platform: 'API' };
  for (const item of defaultItems((c, l) => referenceDataId(c, l))) {
    const doc: Doc = {
      id: item.id,
      categoryId: item.categoryId,
      value: item.id,
      description: `${item.id}_DESCRIPTION`,
      order: item.order,
      active: true,
      readOnly: item.readOnly,
      isSystemWide: true,
    };
    stampCreate(doc, author);
    sim.state.referenceData.put(doc);
    sim.state.referenceLabels.set(item.id, item.label);
  }
}

function source(sim: Sim): Source {
  return { all: () => sim.state.referenceData.all(), byId: (id) => sim.state.referenceData.get(id) };
}

function create(sim: Sim, body: unknown, author: Author): Doc {
  const { data, invalidDates } = coerce(
    'referenceData',
    stripReadOnly('referenceData', asRecord(body) ?? {}),
    true,
  );
  const label = typeof data.value === 'string' ? data.value : undefined;
  const categoryId = typeof data.categoryId === 'string' ? data.categoryId : undefined;
  if (label && categoryId) {
    const id = referenceDataId(
      categoryId,
      label,
      typeof data.outbreakId === 'string' ? data.outbreakId : undefined,
    );
    // Same label already used in that category (checked on the translations) → 409, with Go.Data's empty details.
    const taken = [...sim.state.referenceData.all()].some(
      (item) =>
        item.deleted !== true &&
        item.categoryId === categoryId &&
        sim.state.referenceLabels.get(item.id) === label,
    );
    if (taken) throw apiError('MODEL_CONFLICT', {});
    data.id = id;
    data.value = id;
    if (data.description) data.description = `${id}_DESCRIPTION`;
  }
  const extra =
    categoryId && !CATEGORY_IDS.includes(categoryId)
      ? [
          {
            field: 'categoryId',
            code: 'inclusion',
            message: 'is not included in the list',
            value: categoryId,
          },
        ]
      : [];
  assertValid({ model: 'referenceData', version: sim.config.version, doc: data, invalidDates, extra });
  const id = String(data.id);
  if (sim.state.referenceData.get(id)) throw duplicateKeyError('referenceData', id);
  data.readOnly = false;
  stampCreate(data, author);
  const doc = data as Doc;
  sim.state.referenceData.put(doc);
  if (label) sim.state.referenceLabels.set(id, label);
  sim.state.touch();
  return doc;
}

const SAFE_ON_SYSTEM_ITEMS = [
  'active',
  'value',
  'description',
  'iconId',
  'colorCode',
  'order',
  'code',
  'geoLocation',
  'isSystemWide',
  'allowedRefDataItems',
];

function update(sim: Sim, doc: Doc, body: unknown, author: Author): Doc {
  const input = stripReadOnly('referenceData', asRecord(body) ?? {});
  const allowed =
    doc.readOnly === true
      ? Object.fromEntries(Object.entries(input).filter(([k]) => SAFE_ON_SYSTEM_ITEMS.includes(k)))
      : input;
  const { data } = coerce('referenceData', allowed, false);
  // value/description only change the translations; the stored value stays the token.
  if (typeof data.value === 'string') sim.state.referenceLabels.set(doc.id, data.value);
  delete data.value;
  delete data.description;
  delete data.id;
  sim.state.referenceData.mutate(doc, (d) => {
    Object.assign(d, data);
    stampUpdate(d, author);
  });
  sim.state.touch();
  return doc;
}

function inUse(sim: Sim, id: string): boolean {
  const mentions = (value: unknown): boolean =>
    value === id ||
    (Array.isArray(value)
      ? value.some(mentions)
      : typeof value === 'object' && value !== null && Object.values(value).some(mentions));
  for (const store of [
    sim.state.persons,
    sim.state.relationships,
    sim.state.locations,
    sim.state.outbreaks,
  ]) {
    for (const doc of store.all()) if (doc.deleted !== true && mentions(doc)) return true;
  }
  return false;
}

function live(sim: Sim, id: string): Doc | undefined {
  const doc = sim.state.referenceData.get(id);
  return doc && doc.deleted !== true ? doc : undefined;
}

export function referenceDataRoutes(sim: Sim): RouteDef[] {
  return [
    {
      method: 'GET',
      url: '/api/reference-data',
      access: { kind: 'authenticated' },
      handler: (call) =>
        find(source(sim), filterArg(call), { defaultOrder: ['value ASC'] }).map((d) => publicCopy(d)),
    },
    {
      method: 'GET',
      url: '/api/reference-data/count',
      access: { kind: 'authenticated' },
      handler: (call) => ({ count: count(source(sim), whereArg(call)) }),
    },
    {
      method: 'GET',
      url: '/api/reference-data/available-categories',
      access: { kind: 'authenticated' },
      handler: () => CATEGORY_IDS.map((id) => ({ id, name: id, description: `${id}_DESCRIPTION` })),
    },
    {
      method: 'GET',
      url: '/api/reference-data/:itemId',
      access: { kind: 'authenticated' },
      handler: (call) => {
        const id = call.params.itemId ?? '';
        const doc = live(sim, id);
        if (!doc) throw plainError(404, `Unknown "referenceData" id "${id}".`, 'MODEL_NOT_FOUND');
        return project(publicCopy(doc), filterArg(call).fields);
      },
    },
    {
      method: 'POST',
      url: '/api/reference-data',
      access: { kind: 'permission', permission: 'reference_data_create_category_item' },
      handler: (call) => publicCopy(create(sim, call.body, authorOf(sim, call))),
    },
    {
      method: ['PATCH', 'PUT'],
      url: '/api/reference-data/:itemId',
      access: { kind: 'permission', permission: 'reference_data_modify_category_item' },
      handler: (call) => {
        const id = call.params.itemId ?? '';
        const doc = live(sim, id);
        if (!doc) throw plainError(404, `could not find a model with id ${id}`, 'MODEL_NOT_FOUND');
        return publicCopy(update(sim, doc, call.body, authorOf(sim, call)));
      },
    },
    {
      method: 'DELETE',
      url: '/api/reference-data/:itemId',
      access: { kind: 'permission', permission: 'reference_data_delete_category_item' },
      handler: (call) => {
        const id = call.params.itemId ?? '';
        const doc = live(sim, id);
        if (!doc) return { count: 0 };
        if (doc.readOnly === true) throw apiError('MODEL_NOT_EDITABLE', { model: 'referenceData', id });
        if (inUse(sim, id)) throw apiError('MODEL_IN_USE', { model: 'referenceData', id });
        markDeleted(doc, authorOf(sim, call));
        sim.state.touch();
        return { count: 1 };
      },
    },
    {
      method: 'GET',
      url: '/api/languages/:languageId/language-tokens',
      access: { kind: 'public' },
      handler: (call) => ({
        languageId: call.params.languageId,
        lastUpdateDate: sim.config.nowIso(),
        tokens: [...sim.state.referenceLabels].map(([token, translation]) => ({ token, translation })),
      }),
    },
  ];
}
