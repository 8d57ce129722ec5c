/**
 * What a simulator serves: metadata in the `/api/metadata` export shape, explicit tracker records in the
 * `/api/tracker` export shape, and optionally a recipe for lazily generated COVID-19 records.
 */
export type MetadataObject = Record<string, unknown> & { id: string };

/** Collection name (`organisationUnits`, `programs`, …) → objects, exactly as an export holds them. */
export type MetadataCollections = Record<string, MetadataObject[]>;

export type Geometry =
  | { type: 'Point'; coordinates: number[] }
  | { type: 'Polygon'; coordinates: number[][][] }
  | { type: 'MultiPolygon'; coordinates: number[][][][] };

/** Timestamps are DHIS2 text: zone-less server time (`2024-03-01T09:12:44.120`), a date, or ISO with offset. */
export interface AttributeInput {
  attribute: string;
  value: string;
  createdAt?: string;
  updatedAt?: string;
  storedBy?: string;
}

export interface DataValueInput {
  dataElement: string;
  value: string;
  providedElsewhere?: boolean;
  createdAt?: string;
  updatedAt?: string;
  storedBy?: string;
}

export interface NoteInput {
  note?: string;
  value: string;
  storedAt?: string;
  storedBy?: string;
}

export interface EventInput {
  event?: string;
  program?: string;
  programStage: string;
  enrollment?: string;
  trackedEntity?: string;
  orgUnit: string;
  status?: 'ACTIVE' | 'COMPLETED' | 'VISITED' | 'SCHEDULE' | 'OVERDUE' | 'SKIPPED';
  occurredAt?: string;
  scheduledAt?: string;
  completedAt?: string;
  completedBy?: string;
  followUp?: boolean;
  deleted?: boolean;
  createdAt?: string;
  updatedAt?: string;
  storedBy?: string;
  geometry?: Geometry;
  dataValues?: DataValueInput[];
  notes?: NoteInput[];
}

export interface EnrollmentInput {
  enrollment?: string;
  program: string;
  trackedEntity?: string;
  orgUnit: string;
  status?: 'ACTIVE' | 'COMPLETED' | 'CANCELLED';
  enrolledAt?: string;
  occurredAt?: string;
  completedAt?: string;
  completedBy?: string;
  followUp?: boolean;
  deleted?: boolean;
  createdAt?: string;
  updatedAt?: string;
  storedBy?: string;
  geometry?: Geometry;
  /** Program attribute values; stored on the tracked entity as DHIS2 does. */
  attributes?: AttributeInput[];
  events?: EventInput[];
  notes?: NoteInput[];
}

/** A relationship side in either the flat write shape or the nested read shape. */
export type SideInput =
  | { trackedEntity: string | { trackedEntity: string } }
  | { enrollment: string | { enrollment: string } }
  | { event: string | { event: string } };

export interface RelationshipInput {
  relationship?: string;
  relationshipType: string;
  from: SideInput;
  to: SideInput;
  createdAt?: string;
  updatedAt?: string;
  deleted?: boolean;
}

export interface TrackedEntityInput {
  trackedEntity?: string;
  trackedEntityType: string;
  orgUnit: string;
  createdAt?: string;
  updatedAt?: string;
  inactive?: boolean;
  deleted?: boolean;
  potentialDuplicate?: boolean;
  storedBy?: string;
  geometry?: Geometry;
  attributes?: AttributeInput[];
  enrollments?: EnrollmentInput[];
  relationships?: RelationshipInput[];
}

export interface TrackerInput {
  trackedEntities: TrackedEntityInput[];
  enrollments: EnrollmentInput[];
  events: EventInput[];
  relationships: RelationshipInput[];
}

/** Recipe for the lazily generated COVID-19 records of the demo dataset (see tracker/generator.ts). */
export interface GeneratorSpec {
  cases: number;
  contacts: number;
  events: number;
  seed: number;
  /** Generated timestamps lie before this instant (epoch ms). */
  endMs: number;
}

export interface Dhis2Dataset {
  /** Where it came from, for logs and error messages. */
  description: string;
  metadata: MetadataCollections;
  tracker: TrackerInput;
  generator?: GeneratorSpec;
}

export const EMPTY_TRACKER: TrackerInput = {
  trackedEntities: [],
  enrollments: [],
  events: [],
  relationships: [],
};

export const UID_PATTERN = /^[A-Za-z][A-Za-z0-9]{10}$/;
