import { Dhis2Error, isDhis2Error, type Dhis2ErrorKind } from './errors.js';
import {
  readMetadata,
  readOptionSets,
  readOrgUnitLevels,
  readOrgUnits,
  readProgramOrgUnits,
  readPrograms,
  readRelationshipTypes,
  type OrgUnitReadOptions,
} from './metadata.js';
import type {
  Dhis2Metadata,
  Event,
  OptionSet,
  OrgUnit,
  OrgUnitLevel,
  Program,
  Relationship,
  RelationshipType,
  TrackedEntity,
  Uid,
} from './model.js';
import type { WalkProgress } from './paging.js';
import { openSession, type Dhis2Session } from './session.js';
import {
  readRelationships,
  walkEvents,
  walkTrackedEntities,
  type EventQuery,
  type TrackedEntityQuery,
} from './tracker.js';
import { Dhis2Transport, type Dhis2ConnectionOptions } from './transport.js';

/**
 * The read-only DHIS2 client. `connect()` learns the server (version, time zone, user) once; every read
 * connects first if needed and then follows that version's rules. Reads take an AbortSignal; list reads are
 * async iterables of pages, so memory stays flat whatever the size, and their return value (or
 * `onProgress`) carries the counts and the highest `updatedAt` seen.
 */
export class Dhis2Client {
  private readonly transport: Dhis2Transport;
  private session?: Promise<Dhis2Session>;

  constructor(options: Dhis2ConnectionOptions) {
    this.transport = new Dhis2Transport(options);
  }

  get baseUrl(): string {
    return this.transport.baseUrl;
  }

  /** Checks URL, credentials and version (`/api/system/info`, `/api/me`); throws a Dhis2Error otherwise. */
  connect(signal?: AbortSignal): Promise<Dhis2Session> {
    const session = openSession(this.transport, signal);
    this.session = session;
    session.catch(() => {
      if (this.session === session) this.session = undefined;
    });
    return session;
  }

  private async context(signal?: AbortSignal) {
    const session = await (this.session ?? this.connect(signal));
    return { transport: this.transport, session };
  }

  async *orgUnits(options: OrgUnitReadOptions = {}): AsyncGenerator<OrgUnit[], WalkProgress> {
    return yield* readOrgUnits(await this.context(options.signal), options);
  }

  async orgUnitLevels(signal?: AbortSignal): Promise<OrgUnitLevel[]> {
    return readOrgUnitLevels(await this.context(signal), signal);
  }

  /** Programs with their attributes and stages; all programs when `ids` is empty. */
  async programs(ids: Uid[] = [], signal?: AbortSignal): Promise<Program[]> {
    return readPrograms(await this.context(signal), ids, signal);
  }

  async optionSets(ids: Uid[], signal?: AbortSignal): Promise<OptionSet[]> {
    return readOptionSets(await this.context(signal), ids, signal);
  }

  async relationshipTypes(signal?: AbortSignal): Promise<RelationshipType[]> {
    return readRelationshipTypes(await this.context(signal), signal);
  }

  /** Program uid → uids of the org units it is assigned to (an empty list means everywhere). */
  async programOrgUnits(programIds: Uid[], signal?: AbortSignal): Promise<Record<Uid, Uid[]>> {
    return readProgramOrgUnits(await this.context(signal), programIds, signal);
  }

  async readMetadata(programIds: Uid[], signal?: AbortSignal): Promise<Dhis2Metadata> {
    return readMetadata(await this.context(signal), programIds, signal);
  }

  /** Tracked entities of a program with attributes, that program's enrollments and events, relationships. */
  async *trackedEntities(query: TrackedEntityQuery): AsyncGenerator<TrackedEntity[], WalkProgress> {
    return yield* walkTrackedEntities(await this.context(query.signal), query);
  }

  /** Events of an event program (or, with `eventProgram: false`, of a tracker program); with `events`, only those. */
  async *events(query: EventQuery): AsyncGenerator<Event[], WalkProgress> {
    return yield* walkEvents(await this.context(query.signal), query);
  }

  async relationships(trackedEntity: Uid, signal?: AbortSignal): Promise<Relationship[]> {
    return readRelationships(await this.context(signal), trackedEntity, signal);
  }
}

export type ConnectionReport =
  { ok: true; session: Dhis2Session } | { ok: false; kind: Dhis2ErrorKind; message: string };

/** A connection check for the settings screen: never throws, answers with a kind and a message to show. */
export async function testConnection(
  options: Dhis2ConnectionOptions,
  signal?: AbortSignal,
): Promise<ConnectionReport> {
  try {
    return { ok: true, session: await new Dhis2Client(options).connect(signal) };
  } catch (error) {
    if (isDhis2Error(error)) return { ok: false, kind: error.kind, message: error.message };
    const unexpected = new Dhis2Error({
      kind: 'transient',
      message: `Unexpected failure while contacting DHIS2: ${String(error)}`,
    });
    return { ok: false, kind: unexpected.kind, message: unexpected.message };
  }
}
