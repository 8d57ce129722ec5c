import { describe, expect, it } from 'vitest';
import { ageInYears, applyTransform, toInstant, toMidnightUtc } from './transforms.js';

const reference = new Date('2021-06-15T12:00:00.000Z');
const run = (t: Parameters<typeof applyTransform>[0], v: Parameters<typeof applyTransform>[1]) =>
  applyTransform(t, v, reference);

describe('dates', () => {
  it('turns a DHIS2 DATE into midnight UTC', () => {
    expect(toMidnightUtc('1990-05-21')).toBe('1990-05-21T00:00:00.000Z');
    expect(run('date', '1990-05-21')).toEqual({ ok: true, value: '1990-05-21T00:00:00.000Z' });
  });

  it('keeps the calendar day of an instant as written, whatever its offset', () => {
    expect(toMidnightUtc('2021-03-02T23:30:00.000-05:00')).toBe('2021-03-02T00:00:00.000Z');
  });

  it('refuses days that do not exist and text that is not a date', () => {
    expect(run('date', '2021-02-29')).toEqual({ ok: false, reason: 'not a date (yyyy-MM-dd)' });
    expect(run('date', 'yesterday').ok).toBe(false);
  });

  it('converts instants with a zone to UTC and refuses zone-less timestamps', () => {
    expect(toInstant('2021-03-02T10:15:00.000+01:00')).toBe('2021-03-02T09:15:00.000Z');
    expect(toInstant('2021-03-02')).toBe('2021-03-02T00:00:00.000Z');
    expect(toInstant('2021-03-02T10:15:00.000')).toBeUndefined();
    expect(run('datetime', '2021-03-02T10:15:00.000')).toEqual({
      ok: false,
      reason: 'not a date or a timestamp with a time zone',
    });
  });
});

describe('ageFromBirthDate', () => {
  it('counts whole years to the reference date', () => {
    expect(ageInYears('1986-06-15', reference)).toBe(35);
    expect(ageInYears('1986-06-16', reference)).toBe(34);
    expect(ageInYears('2021-06-15', reference)).toBe(0);
    expect(run('ageFromBirthDate', '1990-05-21')).toEqual({ ok: true, value: 31 });
  });

  it('refuses a birth date after the reference date', () => {
    expect(run('ageFromBirthDate', '2022-01-01').ok).toBe(false);
  });
});

describe('value transforms', () => {
  it('parses numbers, whole numbers and booleans', () => {
    expect(run('number', ' 37.5 ')).toEqual({ ok: true, value: 37.5 });
    expect(run('integer', '34')).toEqual({ ok: true, value: 34 });
    expect(run('integer', '34.5')).toEqual({ ok: false, reason: 'not a whole number' });
    expect(run('number', 'abc').ok).toBe(false);
    expect(run('boolean', 'true')).toEqual({ ok: true, value: true });
    expect(run('boolean', 'FALSE')).toEqual({ ok: true, value: false });
    expect(run('boolean', 'maybe').ok).toBe(false);
  });

  it('trims (blank becomes empty) and changes case', () => {
    expect(run('trim', '  Aminata ')).toEqual({ ok: true, value: 'Aminata' });
    expect(run('trim', '   ')).toEqual({ ok: true, value: undefined });
    expect(run('uppercase', 'Positive')).toEqual({ ok: true, value: 'POSITIVE' });
    expect(run('lowercase', 'MALE')).toEqual({ ok: true, value: 'male' });
  });

  it('does not apply text transforms to a point', () => {
    expect(run('trim', { lat: 1, lng: 2 }).ok).toBe(false);
  });
});
