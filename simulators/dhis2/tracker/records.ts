import type { Geometry } from '../dataset/types.js';

/**
 * Tracker records as the simulator stores them: one version-neutral shape (new-API vocabulary), instants as
 * epoch ms. Renderers turn them into each version's JSON. Generated and explicit records share this shape.
 */
export interface UserInfo {
  uid: string;
  username: string;
  firstName: string;
  surname: string;
}

export interface AttributeValueRecord {
  attribute: string;
  value: string;
  createdAt: number;
  updatedAt: number;
  storedBy: string;
}

export interface DataValueRecord {
  dataElement: string;
  value: string;
  providedElsewhere: boolean;
  createdAt: number;
  updatedAt: number;
  storedBy: string;
}

export interface NoteRecord {
  note: string;
  value: string;
  storedAt: number;
  storedBy: string;
}

export interface ProgramOwnerRecord {
  program: string;
  orgUnit: string;
}

export interface TrackedEntityRecord {
  trackedEntity: string;
  trackedEntityType: string;
  orgUnit: string;
  createdAt: number;
  updatedAt: number;
  createdAtClient?: number;
  updatedAtClient?: number;
  inactive: boolean;
  deleted: boolean;
  potentialDuplicate: boolean;
  storedBy: string;
  geometry?: Geometry;
  /** TET attributes and program attributes alike; renderers pick what a request may see. */
  attributes: AttributeValueRecord[];
  programOwners: ProgramOwnerRecord[];
}

export type EnrollmentStatus = 'ACTIVE' | 'COMPLETED' | 'CANCELLED';

export interface EnrollmentRecord {
  enrollment: string;
  program: string;
  trackedEntity: string;
  trackedEntityType: string;
  orgUnit: string;
  status: EnrollmentStatus;
  enrolledAt: number;
  occurredAt: number;
  completedAt?: number;
  completedBy?: string;
  followUp: boolean;
  deleted: boolean;
  createdAt: number;
  updatedAt: number;
  createdAtClient?: number;
  updatedAtClient?: number;
  storedBy: string;
  geometry?: Geometry;
  notes: NoteRecord[];
}

export type EventStatus = 'ACTIVE' | 'COMPLETED' | 'VISITED' | 'SCHEDULE' | 'OVERDUE' | 'SKIPPED';

export interface EventRecord {
  event: string;
  program: string;
  programStage: string;
  /** For event programs: the program's internal placeholder enrollment. */
  enrollment: string;
  trackedEntity?: string;
  orgUnit: string;
  status: EventStatus;
  occurredAt?: number;
  scheduledAt?: number;
  completedAt?: number;
  completedBy?: string;
  followUp: boolean;
  deleted: boolean;
  createdAt: number;
  updatedAt: number;
  createdAtClient?: number;
  updatedAtClient?: number;
  storedBy: string;
  geometry?: Geometry;
  attributeOptionCombo: string;
  attributeCategoryOptions: string;
  dataValues: DataValueRecord[];
  notes: NoteRecord[];
}

export type SideRef = { trackedEntity: string } | { enrollment: string } | { event: string };

export interface RelationshipRecord {
  relationship: string;
  relationshipType: string;
  from: SideRef;
  to: SideRef;
  createdAt: number;
  updatedAt: number;
  createdAtClient?: number;
  /** Soft deletion exists from 2.41; earlier versions delete relationships outright. */
  deleted: boolean;
}

export function sideUid(side: SideRef): string {
  return 'trackedEntity' in side ? side.trackedEntity : 'enrollment' in side ? side.enrollment : side.event;
}

/** The simulated admin user (the demo database's John Traore). */
export const ADMIN: UserInfo = {
  uid: 'xE7jOejl9FI',
  username: 'admin',
  firstName: 'John',
  surname: 'Traore',
};
