import type { SimContext } from '../context.js';
import type { JsonObject } from '../fields.js';
import type { Property, Shape } from './fieldPlan.js';
import { ADMIN, type AttributeValueRecord, type DataValueRecord, type NoteRecord } from './records.js';

/** Building blocks of the new API's object shapes (see renderNew.ts): small leaf objects and shared runs of keys. */
export type Format = (ms: number | undefined) => string | undefined;

export const prop = <R, C>(key: string, get: Property<R, C>['get'], nested = false): Property<R, C> => ({
  key,
  get,
  nested,
});

export const USER: JsonObject = Object.freeze({
  uid: ADMIN.uid,
  username: ADMIN.username,
  firstName: ADMIN.firstName,
  surname: ADMIN.surname,
});

type Stamped = { createdAt: number; updatedAt: number; createdAtClient?: number; updatedAtClient?: number };

export function stamps<R extends Stamped, C>(ts: Format): Array<Property<R, C>> {
  return [
    prop('createdAt', (r) => ts(r.createdAt)),
    prop('createdAtClient', (r) => ts(r.createdAtClient)),
    prop('updatedAt', (r) => ts(r.updatedAt)),
    prop('updatedAtClient', (r) => ts(r.updatedAtClient)),
  ];
}

/** `createdBy`/`updatedBy` from 2.38. */
export function by<R, C>(minor: number): Array<Property<R, C>> {
  return minor >= 38 ? [prop('createdBy', () => USER), prop('updatedBy', () => USER)] : [];
}

export function attributeShape(ctx: SimContext, ts: Format): Shape<AttributeValueRecord, undefined> {
  const info = (a: AttributeValueRecord): ReturnType<SimContext['trackerMetadata']['attribute']> =>
    ctx.trackerMetadata.attribute(a.attribute);
  return [
    prop('attribute', (a) => a.attribute),
    prop('code', (a) => info(a).code),
    prop('displayName', (a) => info(a).displayName),
    prop('createdAt', (a) => ts(a.createdAt)),
    prop('updatedAt', (a) => ts(a.updatedAt)),
    prop('storedBy', (a) => a.storedBy),
    prop('valueType', (a) => info(a).valueType),
    prop('value', (a) => a.value),
  ];
}

export function dataValueShape(minor: number, ts: Format): Shape<DataValueRecord, undefined> {
  return [
    prop('createdAt', (d) => ts(d.createdAt)),
    prop('updatedAt', (d) => ts(d.updatedAt)),
    prop('storedBy', (d) => d.storedBy),
    prop('providedElsewhere', (d) => d.providedElsewhere),
    prop('dataElement', (d) => d.dataElement),
    prop('value', (d) => d.value),
    ...by<DataValueRecord, undefined>(minor),
  ];
}

export function noteJson(n: NoteRecord, minor: number, ts: Format): JsonObject {
  return {
    note: n.note,
    value: n.value,
    storedAt: ts(n.storedAt),
    storedBy: n.storedBy,
    ...(minor >= 38 ? { createdBy: USER } : {}),
  };
}
