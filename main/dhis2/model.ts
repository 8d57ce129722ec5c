/**
 * DHIS2 records as the engine sees them: one version-independent shape, whatever server version and API
 * generation (old `/api/trackedEntityInstances` or new `/api/tracker`) they were read from. The DHIS2 client
 * normalises into these; the mapping layer and the stages only ever read these.
 *
 * Timestamps are ISO-8601 instants with an offset (the client converts DHIS2's zone-less server-local
 * timestamps using `serverTimeZoneId`). Dates of DATE value type stay `yyyy-MM-dd` strings.
 */

export type Uid = string;

export interface ServerInfo {
  version: string;
  /** (major, minor, patch, hotfix) parsed from `version`. */
  major: number;
  minor: number;
  patch: number;
  hotfix: number;
  serverTimeZoneId: string;
  /** DHIS2's clock when it answered, ISO with the server's offset (absent when the server did not say). */
  serverDate?: string;
  systemName?: string;
}

export type GeoJsonGeometry =
  | { type: 'Point'; coordinates: [number, number] }
  | { type: 'Polygon'; coordinates: [number, number][][] }
  | { type: 'MultiPolygon'; coordinates: [number, number][][][] };

export interface OrgUnit {
  id: Uid;
  name: string;
  code?: string;
  shortName?: string;
  level: number;
  /** `/rootUid/.../ownUid`, including the unit itself. */
  path: string;
  parentId?: Uid;
  openingDate?: string;
  closedDate?: string;
  geometry?: GeoJsonGeometry;
  lastUpdated?: string;
}

export interface OrgUnitLevel {
  level: number;
  name: string;
  id?: Uid;
}

export interface OptionSet {
  id: Uid;
  name: string;
  valueType?: string;
  options: Array<{ id: Uid; code: string; name: string; sortOrder?: number }>;
}

export interface ProgramAttribute {
  id: Uid;
  name: string;
  code?: string;
  valueType: string;
  optionSetId?: Uid;
  mandatory?: boolean;
}

export interface ProgramStageDataElement {
  id: Uid;
  name: string;
  code?: string;
  formName?: string;
  valueType: string;
  optionSetId?: Uid;
  compulsory?: boolean;
}

export interface ProgramStage {
  id: Uid;
  name: string;
  sortOrder?: number;
  repeatable?: boolean;
  dataElements: ProgramStageDataElement[];
}

export interface Program {
  id: Uid;
  name: string;
  code?: string;
  version?: number;
  programType: 'WITH_REGISTRATION' | 'WITHOUT_REGISTRATION';
  trackedEntityTypeId?: Uid;
  attributes: ProgramAttribute[];
  stages: ProgramStage[];
  lastUpdated?: string;
}

export interface RelationshipType {
  id: Uid;
  name: string;
  bidirectional?: boolean;
  fromToName?: string;
  toFromName?: string;
}

/** Everything the mapping editor and the stages need from DHIS2's metadata. */
export interface Dhis2Metadata {
  server: ServerInfo;
  orgUnitLevels: OrgUnitLevel[];
  programs: Program[];
  optionSets: OptionSet[];
  relationshipTypes: RelationshipType[];
}

export interface DataValue {
  dataElement: Uid;
  value: string;
}

export interface Event {
  event: Uid;
  program: Uid;
  programStage: Uid;
  enrollment?: Uid;
  trackedEntity?: Uid;
  orgUnit: Uid;
  status: string;
  occurredAt?: string;
  scheduledAt?: string;
  completedAt?: string;
  createdAt?: string;
  updatedAt?: string;
  deleted?: boolean;
  /** The follow-up flag (`followup` up to 2.40, `followUp` from 2.41). */
  followUp?: boolean;
  geometry?: GeoJsonGeometry;
  dataValues: DataValue[];
}

export interface Enrollment {
  enrollment: Uid;
  program: Uid;
  trackedEntity: Uid;
  orgUnit: Uid;
  status: string;
  enrolledAt?: string;
  occurredAt?: string;
  completedAt?: string;
  createdAt?: string;
  updatedAt?: string;
  deleted?: boolean;
  followUp?: boolean;
  geometry?: GeoJsonGeometry;
  events: Event[];
}

export type RelationshipSide = { trackedEntity: Uid } | { enrollment: Uid } | { event: Uid };

export interface Relationship {
  relationship: Uid;
  relationshipType: Uid;
  bidirectional?: boolean;
  from: RelationshipSide;
  to: RelationshipSide;
  createdAt?: string;
  updatedAt?: string;
}

export interface TrackedEntityAttributeValue {
  attribute: Uid;
  value: string;
  valueType?: string;
}

export interface TrackedEntity {
  trackedEntity: Uid;
  trackedEntityType: Uid;
  orgUnit: Uid;
  createdAt?: string;
  updatedAt?: string;
  inactive?: boolean;
  deleted?: boolean;
  geometry?: GeoJsonGeometry;
  attributes: TrackedEntityAttributeValue[];
  /** Only the enrollments of the program the read was scoped to. */
  enrollments: Enrollment[];
  relationships: Relationship[];
}
