import type { MetadataStore } from './metadata/store.js';
import type { ServerClock } from './time.js';
import type { TrackerStore } from './tracker/store.js';
import type { TrackerMetadata } from './tracker/trackerMetadata.js';
import type { VersionProfile } from './version.js';

/** Everything a route needs about the simulated server. */
export interface SimContext {
  version: VersionProfile;
  clock: ServerClock;
  metadata: MetadataStore;
  tracker: TrackerStore;
  trackerMetadata: TrackerMetadata;
  /** `http://127.0.0.1:<port>`, known once the server listens. */
  baseUrl: string;
}
