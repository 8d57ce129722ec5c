/**
 * DHIS2 writes every timestamp as the server's wall clock without an offset (`yyyy-MM-dd'T'HH:mm:ss.SSS`) and
 * reads zone-less input the same way. Records keep instants (epoch ms); this module converts at the edge.
 */
export class ServerClock {
  private readonly parts: Intl.DateTimeFormat;
  /** Zone offsets by 15-minute bucket: rendering 50 000 timestamps must not cost 50 000 Intl calls. */
  private readonly offsets = new Map<number, number>();

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
  }

  /** Zone offset in ms at an instant (local = utc + offset). */
  offsetAt(ms: number): number {
    const bucket = Math.floor(ms / 900_000);
    const cached = this.offsets.get(bucket);
    if (cached !== undefined) return cached;
    const p: Record<string, number> = {};
    for (const part of this.parts.formatToParts(new Date(bucket * 900_000))) {
      if (part.type !== 'literal') p[part.type] = Number(part.value);
    }
    const local = Date.UTC(p.year ?? 1970, (p.month ?? 1) - 1, p.day ?? 1, p.hour ?? 0, p.minute ?? 0, p.second ?? 0);
    const offset = local - bucket * 900_000;
    if (this.offsets.size > 20_000) this.offsets.clear();
    this.offsets.set(bucket, offset);
    return offset;
  }

  /** `2024-03-01T09:12:44.120` in the server zone. */
  format(ms: number): string {
    return new Date(ms + this.offsetAt(ms)).toISOString().slice(0, 23);
  }

  /** `2024-03-01` in the server zone. */
  formatDate(ms: number): string {
    return this.format(ms).slice(0, 10);
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
    const wall = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0), fraction);
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

const DATE_PARAM = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** Validates an IANA zone name early, with a message that says which option was wrong. */
export function assertTimeZone(timeZone: string): void {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch {
    throw new Error(`timeZone "${timeZone}" is not a known IANA time zone (e.g. "Etc/UTC", "Africa/Freetown")`);
  }
}

/** Normalises a zone-less DHIS2 timestamp or date to the full `yyyy-MM-ddTHH:mm:ss.SSS` so text compares in time order. */
export function padTimestamp(text: string): string {
  const full = '0000-01-01T00:00:00.000';
  const t = text.replace(' ', 'T');
  return t.length >= full.length ? t.slice(0, full.length) : t + full.slice(t.length);
}
