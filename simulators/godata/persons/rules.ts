import { apiError, internalError, type FieldError } from '../errors.js';
import { isBlank } from '../model/validation.js';
import { asRecord, lowerGlued } from '../text.js';
import { PREVIOUS_PLACE, TYPE_TOKEN, USUAL_PLACE } from './kinds.js';

/** Business rules of server/models/person.js "before save", applied to the would-be record. */

/** Exactly one usual place of residence; previous ones need a date (validatePersonAddresses). */
export function checkAddresses(record: Record<string, unknown>): void {
  const addresses = record.addresses;
  if (!Array.isArray(addresses) || addresses.length === 0) return;
  const items = addresses.map((a) => asRecord(a) ?? {});
  const current = items.filter((a) => a.typeId === USUAL_PLACE);
  const previousWithoutDate = items.filter((a) => a.typeId === PREVIOUS_PLACE && !a.date);
  if (current.length === 0) throw apiError('ADDRESS_MUST_HAVE_USUAL_PLACE_OF_RESIDENCE', { addresses });
  if (current.length > 1) {
    throw apiError('ADDRESS_MULTIPLE_USUAL_PLACE_OF_RESIDENCE', {
      addresses,
      usualPlaceOfResidence: current,
    });
  }
  if (previousWithoutDate.length > 0) {
    throw apiError('ADDRESS_PREVIOUS_PLACE_OF_RESIDENCE_MUST_HAVE_DATE', {
      addresses,
      previousUsualPlaceOfResidence: previousWithoutDate,
    });
  }
}

function eachAddress(data: Record<string, unknown>, visit: (address: Record<string, unknown>) => void): void {
  if (Array.isArray(data.addresses))
    data.addresses.forEach((a) => asRecord(a) && visit(a as Record<string, unknown>));
  const single = asRecord(data.address);
  if (single) visit(single);
}

/** The 2dsphere index on addresses rejects out-of-range points (Mongo error 16755 → 500). */
export function checkCoordinates(data: Record<string, unknown>): void {
  eachAddress(data, (address) => {
    const geo = asRecord(address.geoLocation);
    if (!geo || typeof geo.lat !== 'number' || typeof geo.lng !== 'number') return;
    if (Math.abs(geo.lat) > 90 || Math.abs(geo.lng) > 180) {
      throw internalError({
        code: 16755,
        message: `Can't extract geo keys: longitude/latitude is out of bounds, lng: ${geo.lng} lat: ${geo.lat}`,
        name: 'MongoServerError',
      });
    }
  });
}

/** setUsualPlaceOfResidenceLocationId, on create always and on update when an address field was sent. */
export function usualPlaceLocationId(record: Record<string, unknown>, type: string): string | null {
  if (type === TYPE_TOKEN.event) {
    const address = asRecord(record.address);
    return typeof address?.locationId === 'string' && address.locationId ? address.locationId : null;
  }
  if (!Array.isArray(record.addresses)) return null;
  const usual = record.addresses.map((a) => asRecord(a)).find((a) => a?.typeId === USUAL_PLACE);
  return typeof usual?.locationId === 'string' && usual.locationId ? usual.locationId : null;
}

function duplicateKey(values: unknown[]): string | null {
  const parts: string[] = [];
  for (const value of values) {
    const part = lowerGlued(value);
    if (!part) return null;
    parts.push(part);
  }
  return lowerGlued(parts.sort().join());
}

/** duplicateKeys {name[], document[]} for cases and contacts (empty groups are left out). */
export function duplicateKeys(record: Record<string, unknown>): Record<string, string[]> {
  const keys: Record<string, string[]> = {};
  const name = [
    [record.firstName, record.lastName],
    [record.firstName, record.middleName],
    [record.lastName, record.middleName],
  ]
    .map(duplicateKey)
    .filter((k): k is string => k !== null);
  if (name.length > 0) keys.name = name;
  const documents = Array.isArray(record.documents) ? record.documents : [];
  const document = documents
    .map((d) => asRecord(d))
    .map((d) => duplicateKey([d?.type, d?.number]))
    .filter((k): k is string => k !== null);
  if (document.length > 0) keys.document = document;
  return keys;
}

/** Servers up to 2.48 declared `address.locationId` required (enforced here only when the quirk asks for it). */
export function nestedRequiredErrors(record: Record<string, unknown>): FieldError[] {
  const errors: FieldError[] = [];
  if (Array.isArray(record.addresses)) {
    record.addresses.forEach((a, i) => {
      const locationId = asRecord(a)?.locationId;
      if (isBlank(locationId))
        errors.push({
          field: `addresses[${i}].locationId`,
          code: 'presence',
          message: "can't be blank",
          value: locationId,
        });
    });
  }
  const address = asRecord(record.address);
  if (address && isBlank(address.locationId)) {
    errors.push({
      field: 'address.locationId',
      code: 'presence',
      message: "can't be blank",
      value: address.locationId,
    });
  }
  return errors;
}
