import { Dhis2Error } from './errors.js';
import type { Json } from './json.js';
import { instantToServerTime, type ServerZone } from './time.js';

/** Counts a caller can show while a walk runs, and the watermark to store once its rows are committed. */
export interface WalkProgress {
  /** Requests answered. */
  pages: number;
  /** Rows handed to the caller. */
  read: number;
  /** Rows skipped because the walk had already handed them over (pages shift while rows change). */
  duplicates: number;
  /** Highest `updatedAt` among the rows handed over, ISO with offset. */
  highestUpdatedAt?: string;
}

export interface FetchedPage {
  rows: Json[];
  last: boolean;
}

export interface CursorWalk<T> {
  /** Fetches one page: `updatedAfter` is a zone-less server time (inclusive), `page` starts at 1. */
  fetch(page: number, updatedAfter: string | undefined): Promise<FetchedPage>;
  normalise(raw: Json): T | undefined;
  uid(item: T): string;
  updatedAt(item: T): string | undefined;
  zone: ServerZone;
  /** ISO instant: only rows updated at or after it. */
  updatedAfter?: string;
  onProgress?: (progress: WalkProgress) => void;
}

/**
 * Walks a tracker list ordered by `updatedAt` ascending as a moving window: after each page the next request
 * asks for `updatedAfter` = the newest `updatedAt` seen, from page 1 again. Plain offset paging would skip a
 * row whenever a row on an earlier page is updated during the walk (everything behind it shifts one place
 * forward); a window cannot. Because `updatedAfter` is inclusive, rows at the window's edge come back and
 * are dropped by uid — only the uids at that one timestamp are remembered, so memory stays flat.
 * When a whole page shares one timestamp the window cannot move, and the walk pages on within it.
 * A row updated during the walk comes back with a newer `updatedAt` and is handed over again: that is a
 * newer version, not a duplicate.
 *
 * Some servers silently ignore an `order` they do not know. A page that is not in ascending order shows it:
 * the walk then stops moving the window and pages on by offset, remembering every uid it handed over.
 */
export async function* walkByUpdatedAt<T>(walk: CursorWalk<T>): AsyncGenerator<T[], WalkProgress> {
  const progress: WalkProgress = { pages: 0, read: 0, duplicates: 0 };
  let highest: number | undefined;
  let cursorEpoch = walk.updatedAfter === undefined ? undefined : Date.parse(walk.updatedAfter);
  if (cursorEpoch !== undefined && Number.isNaN(cursorEpoch)) {
    throw new RangeError(`updatedAfter "${walk.updatedAfter}" is not a date and time`);
  }
  /** uid → `updatedAt` (epoch) of rows handed over since the window last moved. */
  let given = new Map<string, number | undefined>();
  let ordered = true;
  let page = 1;
  for (;;) {
    const cursor =
      cursorEpoch === undefined ? undefined : instantToServerTime(new Date(cursorEpoch), walk.zone);
    const { rows, last } = await walk.fetch(page, cursor);
    progress.pages++;
    const fresh: T[] = [];
    let previous: number | undefined;
    let pageMax: number | undefined;
    for (const raw of rows) {
      const item = walk.normalise(raw);
      if (item === undefined) continue;
      const uid = walk.uid(item);
      const stamp = walk.updatedAt(item);
      const parsed = stamp === undefined ? NaN : Date.parse(stamp);
      const epoch = Number.isNaN(parsed) ? undefined : parsed;
      if (epoch !== undefined) {
        if (previous !== undefined && epoch < previous) ordered = false;
        previous = epoch;
        if (pageMax === undefined || epoch > pageMax) pageMax = epoch;
      }
      if (given.has(uid) && (given.get(uid) ?? -Infinity) >= (epoch ?? -Infinity)) {
        progress.duplicates++;
        continue;
      }
      given.set(uid, epoch);
      fresh.push(item);
      if (epoch !== undefined && (highest === undefined || epoch > highest)) {
        highest = epoch;
        progress.highestUpdatedAt = stamp;
      }
    }
    progress.read += fresh.length;
    walk.onProgress?.({ ...progress });
    if (fresh.length > 0) yield fresh;
    if (last || rows.length === 0) return progress;
    if (ordered && pageMax !== undefined && (cursorEpoch === undefined || pageMax > cursorEpoch)) {
      const edge = pageMax;
      cursorEpoch = edge;
      given = new Map([...given].filter(([, epoch]) => epoch === edge));
      page = 1;
    } else {
      if (fresh.length === 0) throw pagingBroken();
      page++;
    }
  }
}

function pagingBroken(): Dhis2Error {
  return new Dhis2Error({
    kind: 'not-dhis2',
    message:
      'DHIS2 answered the next page with rows it had already sent: paging does not work on this server or proxy.',
  });
}
