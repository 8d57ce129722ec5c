export { GoDataClient, type GoDataClientOptions } from './client.js';
export type { GoDataConnectionInfo, GoDataUser } from './connection.js';
export type { ContactItemResult, ContactWithExposure, ExposureSource } from './contacts.js';
export type { PersonRef } from './context.js';
export { GoDataError, isGoDataError, type GoDataErrorBody, type GoDataErrorKind } from './errors.js';
export { pairWhere, type LoopBackFilter, type Where } from './filter.js';
export type { HierarchyNode } from './location-tree.js';
export type {
  LocationDeleteResult,
  LocationImportFailure,
  LocationImportOptions,
  LocationImportResult,
} from './locations.js';
export type * from './model.js';
export type { StoredOutbreak } from './outbreaks.js';
export type { PersonWriteOutcome, PersonWriteResult } from './persons.js';
export { categoryIdOf, CATEGORY_PREFIX, type ModelDefinition } from './reference-data.js';
export { participantOf, type RelationshipFields, type RelationshipWriteResult } from './relationships.js';
export type { GoDataCredentials, GoDataSessionEvent } from './session.js';
