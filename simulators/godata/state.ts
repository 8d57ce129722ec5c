import type { GoDataVersion } from './options.js';
import { VisualIds } from './persons/visualIds.js';

/** A stored record: a plain JSON object with a string id (dates as ISO strings). */
export type Doc = Record<string, unknown> & { id: string };

export interface UserRecord {
  id: string;
  email: string;
  password: string;
  firstName: string;
  lastName: string;
  roleIds: string[];
  outbreakIds: string[];
  activeOutbreakId?: string;
  languageId: string;
  disregardGeographicRestrictions: boolean;
  /** 'all' for the seeded administrator. */
  permissions: ReadonlySet<string> | 'all';
  loginRetriesCount: number;
  bruteForceLoginDate: number | null;
  lastLogin?: string;
  createdAt: string;
}

export interface TokenRecord {
  id: string;
  userId: string;
  ttl: number;
  /** Sliding `created` stamp (epoch ms). */
  created: number;
  issuedAt: number;
  requests: number;
}

/** Indexed set of docs keyed by id, with secondary indexes maintained by `index`/`unindex`. */
class IndexedStore {
  readonly byId = new Map<string, Doc>();
  private readonly secondary = new Map<string, Set<string>>();

  protected keysOf(_doc: Doc): string[] {
    return [];
  }

  get(id: string): Doc | undefined {
    return this.byId.get(id);
  }

  put(doc: Doc): void {
    const previous = this.byId.get(doc.id);
    if (previous) this.unindex(previous);
    this.byId.set(doc.id, doc);
    this.index(doc);
  }

  /** Mutates a stored doc in place, keeping the secondary indexes right. */
  mutate(doc: Doc, change: (doc: Doc) => void): void {
    const before = this.keysOf(doc);
    try {
      change(doc);
    } finally {
      // Only touch keys that changed, so index order stays insertion order (what a Mongo scan returns).
      const after = this.keysOf(doc);
      for (const key of before) if (!after.includes(key)) this.secondary.get(key)?.delete(doc.id);
      for (const key of after) if (!before.includes(key)) this.addKey(key, doc.id);
    }
  }

  idsFor(key: string): ReadonlySet<string> {
    return this.secondary.get(key) ?? EMPTY;
  }

  docsFor(key: string): Doc[] {
    const out: Doc[] = [];
    for (const id of this.idsFor(key)) {
      const doc = this.byId.get(id);
      if (doc) out.push(doc);
    }
    return out;
  }

  all(): IterableIterator<Doc> {
    return this.byId.values();
  }

  private addKey(key: string, id: string): void {
    let set = this.secondary.get(key);
    if (!set) this.secondary.set(key, (set = new Set()));
    set.add(id);
  }

  private index(doc: Doc): void {
    for (const key of this.keysOf(doc)) this.addKey(key, doc.id);
  }

  private unindex(doc: Doc): void {
    for (const key of this.keysOf(doc)) this.secondary.get(key)?.delete(doc.id);
  }
}

const EMPTY: ReadonlySet<string> = new Set();

/** Cases, contacts and events: one collection, as in Go.Data (`person`, discriminated by `type`). */
export class PersonStore extends IndexedStore {
  protected override keysOf(doc: Doc): string[] {
    const keys = [`outbreak:${String(doc.outbreakId)}`];
    // External ids usually live in documents[].number, and visualId is the other lookup key (§15).
    if (Array.isArray(doc.documents)) {
      for (const d of doc.documents as Array<{ number?: unknown }>)
        if (typeof d?.number === 'string') keys.push(`document:${d.number}`);
    }
    if (typeof doc.visualId === 'string' && doc.visualId) keys.push(`visual:${doc.visualId}`);
    return keys;
  }

  withDocumentNumber(value: string): Doc[] {
    return this.docsFor(`document:${value}`);
  }

  withVisualId(value: string): Doc[] {
    return this.docsFor(`visual:${value}`);
  }

  inOutbreak(outbreakId: string): Doc[] {
    return this.docsFor(`outbreak:${outbreakId}`);
  }
}

export class RelationshipStore extends IndexedStore {
  protected override keysOf(doc: Doc): string[] {
    const persons = Array.isArray(doc.persons) ? (doc.persons as Array<{ id?: unknown }>) : [];
    return [`outbreak:${String(doc.outbreakId)}`, ...persons.map((p) => `person:${String(p?.id)}`)];
  }

  inOutbreak(outbreakId: string): Doc[] {
    return this.docsFor(`outbreak:${outbreakId}`);
  }

  ofPerson(personId: string): Doc[] {
    return this.docsFor(`person:${personId}`);
  }
}

export class LocationStore extends IndexedStore {
  protected override keysOf(doc: Doc): string[] {
    const parent = doc.parentLocationId;
    return [`parent:${typeof parent === 'string' && parent ? parent : ''}`];
  }

  childrenOf(parentId: string | null): Doc[] {
    return this.docsFor(`parent:${parentId ?? ''}`);
  }
}

export class SimpleStore extends IndexedStore {}

export class State {
  readonly persons = new PersonStore();
  readonly relationships = new RelationshipStore();
  readonly locations = new LocationStore();
  readonly outbreaks = new SimpleStore();
  readonly referenceData = new SimpleStore();
  /** Reference-data label (the translation Go.Data moves into a language token) by item id. */
  readonly referenceLabels = new Map<string, string>();
  readonly visualIds = new VisualIds();
  readonly users = new Map<string, UserRecord>();
  readonly tokens = new Map<string, TokenRecord>();
  /** Bumped on every write: cached list queries are valid only for the version they were built on. */
  writes = 0;

  touch(): void {
    this.writes++;
  }

  userByEmail(email: string): UserRecord | undefined {
    for (const user of this.users.values()) if (user.email === email) return user;
    return undefined;
  }
}

export interface GoDataState {
  version: GoDataVersion;
  locations: Doc[];
  outbreaks: Doc[];
  /** Every person with its (otherwise hidden) `type`. */
  persons: Doc[];
  relationships: Doc[];
  referenceData: Doc[];
  users: Array<{
    id: string;
    email: string;
    outbreakIds: string[];
    activeOutbreakId?: string;
    loginRetriesCount: number;
    locked: boolean;
  }>;
  tokens: number;
}

export function snapshot(
  state: State,
  version: GoDataVersion,
  now: number,
  lockoutMs: number,
  maxRetries: number,
): GoDataState {
  const copy = (docs: Iterable<Doc>): Doc[] => structuredClone([...docs]);
  return {
    version,
    locations: copy(state.locations.all()),
    outbreaks: copy(state.outbreaks.all()),
    persons: copy(state.persons.all()),
    relationships: copy(state.relationships.all()),
    referenceData: copy(state.referenceData.all()),
    users: [...state.users.values()].map((u) => ({
      id: u.id,
      email: u.email,
      outbreakIds: [...u.outbreakIds],
      activeOutbreakId: u.activeOutbreakId,
      loginRetriesCount: u.loginRetriesCount,
      locked:
        u.loginRetriesCount >= maxRetries &&
        u.bruteForceLoginDate !== null &&
        u.bruteForceLoginDate + lockoutMs >= now,
    })),
    tokens: state.tokens.size,
  };
}
