/**
 * A loopback DHIS2 (2.36 … 2.43) for tests, benchmarks, the CLI and the app's demo mode.
 * See docs in this folder's README.md for what it simulates and how.
 */
export { startDhis2Simulator, type Dhis2Simulator, type Dhis2SimulatorOptions } from './server.js';
export { createDemoDataset, type DemoDatasetOptions, type PackageRelease } from './dataset/demo.js';
export { loadDatasetFromDir } from './dataset/loadDir.js';
export { DatasetError } from './dataset/validateMetadata.js';
export { COVID } from './dataset/covid.js';
export type {
  Dhis2Dataset,
  EnrollmentInput,
  EventInput,
  Geometry,
  MetadataCollections,
  MetadataObject,
  RelationshipInput,
  TrackedEntityInput,
  TrackerInput,
} from './dataset/types.js';
export type { Dhis2SimData, GeneratedIndex } from './data.js';
export type {
  EnrollmentRecord,
  EventRecord,
  RelationshipRecord,
  TrackedEntityRecord,
} from './tracker/records.js';
export { SUPPORTED_VERSIONS, type Dhis2Version } from './version.js';
export { DEMO_PASSWORD, DEMO_USERNAME } from './http/auth.js';
export type { TokenFormat } from './http/tokens.js';
export { parseFaultSpec, FaultInjector, type FaultConfig } from '../common/faults.js';
