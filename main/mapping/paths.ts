/**
 * Go.Data field paths such as `addresses[0].phoneNumber`: parsed into segments, written into plain objects
 * (indexes create arrays), read back for validation messages.
 */

export type PathSegment = string | number;

const parsed = new Map<string, readonly PathSegment[]>();
const MAX_CACHED_PATHS = 2000;

/** `a.b[0].c` → `['a', 'b', 0, 'c']`. The config schema has already checked the syntax. Cached: paths repeat per record. */
export function parsePath(path: string): readonly PathSegment[] {
  const cached = parsed.get(path);
  if (cached) return cached;
  const segments: PathSegment[] = [];
  for (const part of path.split('.')) {
    const name = /^[^[]+/.exec(part)?.[0];
    if (name === undefined) throw new Error(`bad field path "${path}"`);
    segments.push(name);
    for (const m of part.matchAll(/\[(\d+)\]/g)) segments.push(Number(m[1]));
  }
  if (parsed.size < MAX_CACHED_PATHS) parsed.set(path, segments);
  return segments;
}

type Container = Record<string, unknown> | unknown[];

function isContainer(v: unknown): v is Container {
  return typeof v === 'object' && v !== null;
}

/** Writes `value` at `path`, creating objects and arrays on the way (an index segment means an array). */
export function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const segments = parsePath(path);
  let node: Container = target;
  segments.forEach((segment, i) => {
    const next = segments[i + 1];
    const slot = node as Record<PathSegment, unknown>;
    if (next === undefined) {
      slot[segment] = value;
      return;
    }
    const existing = slot[segment];
    if (isContainer(existing)) {
      node = existing;
      return;
    }
    const created: Container = typeof next === 'number' ? [] : {};
    slot[segment] = created;
    node = created;
  });
}

export function getPath(source: unknown, path: string): unknown {
  let node: unknown = source;
  for (const segment of parsePath(path)) {
    if (!isContainer(node)) return undefined;
    node = (node as Record<PathSegment, unknown>)[segment];
  }
  return node;
}

/**
 * Removes the holes left in arrays when an indexed entry got no value (`addresses[1]` set, `addresses[0]` empty),
 * so Go.Data never receives `null` entries.
 */
export function compactArrays(value: unknown): void {
  if (!isContainer(value)) return;
  for (const [key, child] of Object.entries(value)) {
    if (Array.isArray(child)) {
      const dense = child.filter((entry) => entry !== undefined);
      (value as Record<string, unknown>)[key] = dense;
      dense.forEach(compactArrays);
    } else {
      compactArrays(child);
    }
  }
}
