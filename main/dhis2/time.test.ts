import { describe, expect, it } from 'vitest';
import { datePart, instantToServerTime, serverTimeToEpoch, serverTimeToIso, serverZone } from './time.js';

describe('server time conversion', () => {
  it('reads zone-less timestamps in the server zone and keeps its offset', () => {
    expect(serverTimeToIso('2024-03-01T09:12:44.120', serverZone('Etc/UTC'))).toBe(
      '2024-03-01T09:12:44.120Z',
    );
    expect(serverTimeToIso('2024-03-01T09:12:44.120', serverZone('Africa/Freetown'))).toBe(
      '2024-03-01T09:12:44.120Z',
    );
    expect(serverTimeToIso('2024-03-01T09:12:44.120', serverZone('Africa/Lagos'))).toBe(
      '2024-03-01T09:12:44.120+01:00',
    );
    expect(serverTimeToIso('2024-07-01T12:00:00.000', serverZone('America/New_York'))).toBe(
      '2024-07-01T12:00:00.000-04:00',
    );
    expect(serverTimeToIso('2024-01-15T12:00:00.000', serverZone('America/New_York'))).toBe(
      '2024-01-15T12:00:00.000-05:00',
    );
    expect(serverTimeToIso('2024-01-15T12:00:00.000', serverZone('Asia/Kathmandu'))).toBe(
      '2024-01-15T12:00:00.000+05:45',
    );
  });

  it('gives the same instant as the server meant', () => {
    const epoch = serverTimeToEpoch('2024-03-01T09:12:44.120', serverZone('Asia/Dhaka'));
    expect(new Date(epoch!).toISOString()).toBe('2024-03-01T03:12:44.120Z');
  });

  it('accepts shorter forms and values that already carry an offset', () => {
    const zone = serverZone('Africa/Lagos');
    expect(serverTimeToIso('2024-03-01', zone)).toBe('2024-03-01T00:00:00.000+01:00');
    expect(serverTimeToIso('2024-03-01T09:12', zone)).toBe('2024-03-01T09:12:00.000+01:00');
    expect(serverTimeToIso('2024-03-01T09:12:44.1', zone)).toBe('2024-03-01T09:12:44.100+01:00');
    expect(serverTimeToIso('2024-03-01T08:12:44.120Z', zone)).toBe('2024-03-01T09:12:44.120+01:00');
    expect(serverTimeToIso(undefined, zone)).toBeUndefined();
    expect(serverTimeToIso('not a date', zone)).toBeUndefined();
  });

  it('resolves the repeated hour to the earlier instant and moves gap times forward, as java.time does', () => {
    const berlin = serverZone('Europe/Berlin');
    // 2024-10-27 02:30 happens twice in Berlin (CEST then CET): the first one is 00:30Z.
    expect(new Date(serverTimeToEpoch('2024-10-27T02:30:00.000', berlin)!).toISOString()).toBe(
      '2024-10-27T00:30:00.000Z',
    );
    // 2024-03-31 02:30 does not exist in Berlin: it reads as 03:30 CEST.
    expect(serverTimeToIso('2024-03-31T02:30:00.000', berlin)).toBe('2024-03-31T03:30:00.000+02:00');
  });

  it('formats query bounds back in server time, round-tripping to the millisecond', () => {
    const zone = serverZone('America/New_York');
    expect(instantToServerTime('2024-07-01T16:00:00.000Z', zone)).toBe('2024-07-01T12:00:00.000');
    expect(instantToServerTime('2024-07-01T12:00:00.000-04:00', zone)).toBe('2024-07-01T12:00:00.000');
    const wall = '2024-02-29T23:59:59.999';
    expect(instantToServerTime(serverTimeToIso(wall, zone)!, zone)).toBe(wall);
    expect(() => instantToServerTime('yesterday', zone)).toThrow(RangeError);
  });

  it('knows the fixed-offset ids Java accepts and refuses unknown zones', () => {
    expect(serverTimeToIso('2024-03-01T09:00:00.000', serverZone('GMT+01:00'))).toBe(
      '2024-03-01T09:00:00.000+01:00',
    );
    expect(serverTimeToIso('2024-03-01T09:00:00.000', serverZone('UTC-05:30'))).toBe(
      '2024-03-01T09:00:00.000-05:30',
    );
    expect(serverTimeToIso('2024-03-01T09:00:00.000', serverZone('UTC'))).toBe('2024-03-01T09:00:00.000Z');
    expect(() => serverZone('Mars/Olympus_Mons')).toThrow(RangeError);
  });

  it('keeps dates as dates', () => {
    expect(datePart('1994-01-01T00:00:00.000')).toBe('1994-01-01');
    expect(datePart('1990-05-21')).toBe('1990-05-21');
    expect(datePart(undefined)).toBeUndefined();
  });
});
