/**
 * DHIS2 writes every timestamp as the server's wall clock without an offset (`yyyy-MM-dd'T'HH:mm:ss.SSS`) and
 * reads zone-less input the same way. Records keep instants (epoch ms); this module converts at the edge.
 */
export class ServerClock {
  private readonly parts: Intl.DateTimeFormat;
  /** Offsets by UTC day, when the zone keeps one offset all day (every day but DST changes). */
  private readonly dayOffsets = new Map<number, number | null>();
  /** Offsets by 15-minute bucket, only for the days a zone changes its offset. */
  private readonly bucketOffsets = new Map<number, number>();
  private readonly fixed: number | undefined;
  private readonly dayTexts = new Map<number, string>();

  constructor(readonly timeZone: string) {
    this.parts = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    this.fixed = ['UTC', 'Etc/UTC', 'GMT', 'Etc/GMT'].includes(timeZone) ? 0 : undefined;
  }

  /** Zone offset at an instant straight from Intl (slow: cached by the callers below). */
  private computeOffset(ms: number): number {
    const at = Math.floor(ms / 1000) * 1000;
    const p: Record<string, number> = {};
    for (const part of this.parts.formatToParts(new Date(at))) {
      if (part.type !== 'literal') p[part.type] = Number(part.value);
    }
    return (
      Date.UTC(p.year ?? 1970, (p.month ?? 1) - 1, p.day ?? 1, p.hour ?? 0, p.minute ?? 0, p.second ?? 0) - at
    );
  }

  /**
   * Zone offset in ms at an instant (local = utc + offset). Rendering 200 000 records touches every day of a
   * year, so offsets are cached per day (two Intl calls per day), falling back to 15-minute buckets only on the
   * days an offset changes.
   */
  offsetAt(ms: number): number {
    if (this.fixed !== undefined) return this.fixed;
    const day = Math.floor(ms / 86_400_000);
    let whole = this.dayOffsets.get(day);
    if (whole === undefined) {
      const start = this.computeOffset(day * 86_400_000);
      whole = start === this.computeOffset(day * 86_400_000 + 86_399_999) ? start : null;
      if (this.dayOffsets.size > 100_000) this.dayOffsets.clear();
      this.dayOffsets.set(day, whole);
    }
    if (whole !== null) return whole;
    const bucket = Math.floor(ms / 900_000);
    let offset = this.bucketOffsets.get(bucket);
    if (offset === undefined) {
      offset = this.computeOffset(bucket * 900_000);
      if (this.bucketOffsets.size > 10_000) this.bucketOffsets.clear();
      this.bucketOffsets.set(bucket, offset);
    }
    return offset;
  }

  /** `2024-03-01T09:12:44.120` in the server zone; hand-built because a page can hold 100 000 timestamps. */
  format(ms: number): string {
    const local = ms + this.offsetAt(ms);
    const day = Math.floor(local / 86_400_000);
    let date = this.dayTexts.get(day);
    if (date === undefined) {
      date = new Date(day * 86_400_000).toISOString().slice(0, 10);
      if (this.dayTexts.size > 100_000) this.dayTexts.clear();
      this.dayTexts.set(day, date);
    }
    let rest = local - day * 86_400_000;
    const hours = Math.floor(rest / 3_600_000);
    rest -= hours * 3_600_000;
    const minutes = Math.floor(rest / 60_000);
    rest -= minutes * 60_000;
    const seconds = Math.floor(rest / 1_000);
    const millis = Math.floor(rest - seconds * 1_000);
    return `${date}T${PAD[hours]}:${PAD[minutes]}:${PAD[seconds]}.${PAD3[millis]}`;
  }

  /** `2024-03-01` in the server zone. */
  formatDate(ms: number): string {
    return this.format(ms).slice(0, 10);
  }

  /** The local day (days since 1970-01-01 on the server's wall clock) of an instant. */
  dayOf(ms: number): number {
    return Math.floor((ms + this.offsetAt(ms)) / 86_400_000);
  }

  /** The instant the server's local day of `ms` began. */
  startOfDay(ms: number): number {
    return this.fromLocal(this.dayOf(ms) * 86_400_000);
  }

  /** Wall-clock fields read in the server zone → instant. */
  fromLocal(localAsUtcMs: number): number {
    const first = localAsUtcMs - this.offsetAt(localAsUtcMs);
    return localAsUtcMs - this.offsetAt(first);
  }

  /**
   * Parses a date parameter as DHIS2 does: `yyyy-MM-dd`, `yyyy-MM-ddTHH:mm[:ss[.SSS]]`, optionally with `Z` or
   * an offset; zone-less input is server time. `endOfDay` reads a plain date as the last instant of that day.
   * Returns undefined when the text is not a date.
   */
  parse(text: string, endOfDay = false): number | undefined {
    const m = DATE_PARAM.exec(text.trim());
    if (!m) return undefined;
    const [, y, mo, d, h, mi, s, frac, zone] = m;
    const fraction = frac ? Number(frac.slice(0, 3).padEnd(3, '0')) : 0;
    const wall = Date.UTC(
      Number(y),
      Number(mo) - 1,
      Number(d),
      Number(h ?? 0),
      Number(mi ?? 0),
      Number(s ?? 0),
      fraction,
    );
    if (Number.isNaN(wall)) return undefined;
    const dateOnly = h === undefined;
    const adjusted = dateOnly && endOfDay ? wall + 86_400_000 - 1 : wall;
    if (!zone) return this.fromLocal(adjusted);
    if (zone === 'Z') return adjusted;
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const offset = (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0')) * 60_000;
    return adjusted - sign * offset;
  }
}

const PAD = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
const PAD3 = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));

const DATE_PARAM =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** Validates an IANA zone name early, with a message that says which option was wrong. */
export function assertTimeZone(timeZone: string): void {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch {
    throw new Error(
      `timeZone "${timeZone}" is not a known IANA time zone (e.g. "Etc/UTC", "Africa/Freetown")`,
    );
  }
}

/** Normalises a zone-less DHIS2 timestamp or date to the full `yyyy-MM-ddTHH:mm:ss.SSS` so text compares in time order. */
export function padTimestamp(text: string): string {
  const full = '0000-01-01T00:00:00.000';
  const t = text.replace(' ', 'T');
  return t.length >= full.length ? t.slice(0, full.length) : t + full.slice(t.length);
}
