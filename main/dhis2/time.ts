/**
 * DHIS2 writes every timestamp as server-local wall-clock time without a zone (`2024-03-01T09:12:44.120`),
 * rendered in the server JVM's zone (`serverTimeZoneId`). The engine wants instants, so timestamps are
 * converted here into ISO-8601 with the server's offset at that moment (`2024-03-01T09:12:44.120+01:00`):
 * the instant is exact and the server's local date stays readable. Query bounds go the other way.
 *
 * Ambiguous wall times (the repeated hour when clocks go back) resolve to the earlier instant and wall times
 * in a spring-forward gap move forward by the gap, as java.time does on the server side.
 */
export interface ServerZone {
  readonly id: string;
  /** Offset from UTC in minutes at the given instant (east positive). */
  offsetMinutes(epochMs: number): number;
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const CACHE_BUCKET_MS = 15 * MINUTE;
const CACHE_LIMIT = 50_000;

/** The zone for a DHIS2 `serverTimeZoneId`; throws a RangeError when this computer does not know it. */
export function serverZone(id: string): ServerZone {
  const fixed = fixedOffset(id);
  if (fixed !== undefined) return { id, offsetMinutes: () => fixed };
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone: id,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  // Offsets only change at transitions on quarter-hour boundaries, so a bucketed cache is exact and saves
  // an Intl call per timestamp on large reads.
  const cache = new Map<number, number>();
  return {
    id,
    offsetMinutes(epochMs: number): number {
      const bucket = Math.floor(epochMs / CACHE_BUCKET_MS);
      const cached = cache.get(bucket);
      if (cached !== undefined) return cached;
      const offset = intlOffset(format, bucket * CACHE_BUCKET_MS);
      if (cache.size >= CACHE_LIMIT) cache.clear();
      cache.set(bucket, offset);
      return offset;
    },
  };
}

function intlOffset(format: Intl.DateTimeFormat, epochMs: number): number {
  const fields: Record<string, number> = {};
  for (const part of format.formatToParts(new Date(epochMs))) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  const wall = Date.UTC(
    fields.year ?? 1970,
    (fields.month ?? 1) - 1,
    fields.day ?? 1,
    fields.hour ?? 0,
    fields.minute ?? 0,
    fields.second ?? 0,
  );
  return Math.round((wall - Math.floor(epochMs / 1000) * 1000) / MINUTE);
}

/** `UTC`, `GMT`, `Z`, `GMT+01:00`, `UTC-05:30`, `+0100`: Java accepts these ids; Intl does not know all of them. */
function fixedOffset(id: string): number | undefined {
  if (/^(UTC|GMT|UT|Z|Etc\/UTC|Etc\/GMT)$/i.test(id)) return 0;
  const match = /^(?:UTC|GMT|UT)?([+-])(\d{1,2})(?::?(\d{2}))?$/i.exec(id);
  if (!match) return undefined;
  const [, sign, hours, minutes] = match;
  const total = Number(hours) * 60 + Number(minutes ?? 0);
  return sign === '-' ? -total : total;
}

const WALL = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?$/;
const HAS_OFFSET = /(?:Z|[+-]\d{2}(?::?\d{2})?)$/i;

/** Epoch milliseconds of a DHIS2 timestamp: zone-less values are read in the server zone. */
export function serverTimeToEpoch(value: string, zone: ServerZone): number | undefined {
  const text = value.trim();
  if (text.length > 10 && HAS_OFFSET.test(text)) {
    const parsed = Date.parse(text);
    return Number.isNaN(parsed) ? undefined : parsed;
  }
  const match = WALL.exec(text);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s, frac] = match;
  const local = Date.UTC(
    Number(y),
    Number(mo) - 1,
    Number(d),
    Number(h ?? 0),
    Number(mi ?? 0),
    Number(s ?? 0),
    Number((frac ?? '0').padEnd(3, '0').slice(0, 3)),
  );
  return wallToEpoch(local, zone);
}

/** The instant whose wall clock in `zone` is `local` (a wall time encoded as if it were UTC). */
function wallToEpoch(local: number, zone: ServerZone): number {
  const before = zone.offsetMinutes(local - DAY);
  const after = zone.offsetMinutes(local + DAY);
  const valid = [...new Set([before, after])]
    .map((offset) => local - offset * MINUTE)
    .filter((epoch) => local - zone.offsetMinutes(epoch) * MINUTE === epoch);
  if (valid.length > 0) return Math.min(...valid);
  // In a gap: read with the offset in force before it, which lands after the gap.
  return local - before * MINUTE;
}

/** ISO-8601 with the server's offset, e.g. `2024-03-01T09:12:44.120+01:00`; undefined for unreadable input. */
export function serverTimeToIso(value: string | undefined, zone: ServerZone): string | undefined {
  if (value === undefined || value === '') return undefined;
  const epoch = serverTimeToEpoch(value, zone);
  return epoch === undefined ? undefined : epochToIso(epoch, zone);
}

export function epochToIso(epochMs: number, zone: ServerZone): string {
  const offset = zone.offsetMinutes(epochMs);
  return wallClock(epochMs, offset) + formatOffset(offset);
}

/**
 * A zone-less server-local timestamp for query parameters such as `updatedAfter`: DHIS2 reads zone-less
 * input in server time, which every version accepts (offsets in parameters are not accepted everywhere).
 */
export function instantToServerTime(instant: string | Date, zone: ServerZone): string {
  const epoch = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  if (Number.isNaN(epoch)) throw new RangeError(`"${String(instant)}" is not a date and time`);
  return wallClock(epoch, zone.offsetMinutes(epoch));
}

function wallClock(epochMs: number, offsetMinutes: number): string {
  return new Date(epochMs + offsetMinutes * MINUTE).toISOString().slice(0, 23);
}

function formatOffset(minutes: number): string {
  if (minutes === 0) return 'Z';
  const abs = Math.abs(minutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${minutes < 0 ? '-' : '+'}${hh}:${mm}`;
}

/** The `yyyy-MM-dd` part of a DHIS2 date or timestamp (dates such as an org unit's opening date). */
export function datePart(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const match = /^\d{4}-\d{2}-\d{2}/.exec(value.trim());
  return match ? match[0] : undefined;
}
