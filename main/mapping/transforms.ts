import type { Transform } from '../../shared/mapping.js';
import type { GeoPoint } from '../godata/model.js';

/** A value on its way from DHIS2 to Go.Data. */
export type MappedValue = string | number | boolean | GeoPoint;

export type TransformResult = { ok: true; value: MappedValue | undefined } | { ok: false; reason: string };

const DATE_PREFIX = /^(\d{4})-(\d{2})-(\d{2})/;
const HAS_ZONE = /(Z|[+-]\d{2}:?\d{2})$/;

/**
 * `yyyy-MM-dd…` → `yyyy-MM-ddT00:00:00.000Z`. The calendar day is taken as written, not converted to UTC:
 * a DATE value or an instant with its DHIS2 server offset both name the day the user meant.
 */
export function toMidnightUtc(value: string): string | undefined {
  const m = DATE_PREFIX.exec(value.trim());
  if (!m) return undefined;
  const iso = `${m[1]}-${m[2]}-${m[3]}T00:00:00.000Z`;
  const parsed = new Date(iso);
  return Number.isNaN(parsed.getTime()) || !parsed.toISOString().startsWith(m[0]) ? undefined : iso;
}

/** An instant as ISO UTC; a bare date is midnight UTC; a time without zone is refused (it would be guessed). */
export function toInstant(value: string): string | undefined {
  const text = value.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return toMidnightUtc(text);
  if (!HAS_ZONE.test(text)) return undefined;
  const parsed = new Date(text);
  return Number.isNaN(parsed.getTime()) ? undefined : parsed.toISOString();
}

/** Whole years from a birth date to the reference day (UTC calendar). */
export function ageInYears(birthDate: string, referenceDate: Date): number | undefined {
  const midnight = toMidnightUtc(birthDate);
  if (!midnight) return undefined;
  const born = new Date(midnight);
  let years = referenceDate.getUTCFullYear() - born.getUTCFullYear();
  const beforeBirthday =
    referenceDate.getUTCMonth() < born.getUTCMonth() ||
    (referenceDate.getUTCMonth() === born.getUTCMonth() && referenceDate.getUTCDate() < born.getUTCDate());
  if (beforeBirthday) years -= 1;
  return years >= 0 ? years : undefined;
}

function parseNumber(value: MappedValue): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const n = Number(value.trim());
  return Number.isFinite(n) ? n : undefined;
}

const fail = (reason: string): TransformResult => ({ ok: false, reason });
const ok = (value: MappedValue | undefined): TransformResult => ({ ok: true, value });

export function applyTransform(
  transform: Transform,
  value: MappedValue,
  referenceDate: Date,
): TransformResult {
  if (typeof value === 'object') return fail(`"${transform}" does not apply to a point`);
  const text = String(value);
  switch (transform) {
    case 'trim':
      return ok(typeof value === 'string' ? (value.trim() === '' ? undefined : value.trim()) : value);
    case 'uppercase':
      return ok(text.toUpperCase());
    case 'lowercase':
      return ok(text.toLowerCase());
    case 'date': {
      const date = toMidnightUtc(text);
      return date ? ok(date) : fail('not a date (yyyy-MM-dd)');
    }
    case 'datetime': {
      const instant = toInstant(text);
      return instant ? ok(instant) : fail('not a date or a timestamp with a time zone');
    }
    case 'ageFromBirthDate': {
      const age = ageInYears(text, referenceDate);
      return age === undefined ? fail('not a birth date on or before the reference date') : ok(age);
    }
    case 'number': {
      const n = parseNumber(value);
      return n === undefined ? fail('not a number') : ok(n);
    }
    case 'integer': {
      const n = parseNumber(value);
      return n === undefined || !Number.isInteger(n) ? fail('not a whole number') : ok(n);
    }
    case 'boolean': {
      if (typeof value === 'boolean') return ok(value);
      const lower = text.trim().toLowerCase();
      if (lower === 'true' || lower === '1') return ok(true);
      if (lower === 'false' || lower === '0') return ok(false);
      return fail('not true/false');
    }
  }
}
