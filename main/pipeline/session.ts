import type { Dhis2Client, Dhis2Metadata, GeoJsonGeometry, OrgUnit, Uid } from '../dhis2/index.js';
import type { GoDataClient } from '../godata/index.js';
import type { Logger } from '../log.js';
import {
  createMappingContext,
  goDataRulesFor,
  type GoDataRules,
  type MappingConfig,
  type MappingContext,
} from '../mapping/index.js';
import type { TargetStore } from '../store/index.js';

/** Every program the mapping reads, so metadata is read once for all of them. */
export function programsOf(mapping: MappingConfig): Uid[] {
  return [
    ...new Set(
      mapping.outbreaks.flatMap((g) => [...g.casePrograms, ...g.contactPrograms, ...g.eventPrograms]),
    ),
  ];
}

export interface SyncSessionInit {
  dhis2: Dhis2Client;
  godata: GoDataClient;
  target: TargetStore;
  mapping: MappingConfig;
  log: Logger;
}

/**
 * What one sync (one or several stages) shares: both clients, the target's store, the mapping, and lazily read,
 * cached DHIS2 metadata and org-unit geometry. Electron-free: the app, the CLI and tests build the same thing.
 */
export class SyncSession {
  readonly dhis2: Dhis2Client;
  readonly godata: GoDataClient;
  readonly target: TargetStore;
  readonly mapping: MappingConfig;
  readonly log: Logger;
  private metadataPromise?: Promise<Dhis2Metadata>;
  private rulesPromise?: Promise<GoDataRules>;
  private geometry?: Map<Uid, GeoJsonGeometry>;

  constructor(init: SyncSessionInit) {
    this.dhis2 = init.dhis2;
    this.godata = init.godata;
    this.target = init.target;
    this.mapping = init.mapping;
    this.log = init.log;
  }

  metadata(signal?: AbortSignal): Promise<Dhis2Metadata> {
    this.metadataPromise ??= this.dhis2.readMetadata(programsOf(this.mapping), signal);
    this.metadataPromise.catch(() => (this.metadataPromise = undefined));
    return this.metadataPromise;
  }

  /** Which Go.Data validation rules apply (2.48's stricter required fields, or current). */
  godataRules(signal?: AbortSignal): Promise<GoDataRules> {
    this.rulesPromise ??= this.godata
      .testConnection(signal)
      .then((info) => goDataRulesFor(info.version ?? ''));
    this.rulesPromise.catch(() => (this.rulesPromise = undefined));
    return this.rulesPromise;
  }

  /** Remembers org-unit geometry seen while reading the tree (the locations stage feeds it). */
  rememberGeometry(units: OrgUnit[]): void {
    this.geometry ??= new Map();
    for (const unit of units) if (unit.geometry) this.geometry.set(unit.id, unit.geometry);
  }

  /** Geometry of every org unit, read once per session when a mapping needs it. */
  async orgUnitGeometry(signal?: AbortSignal): Promise<Map<Uid, GeoJsonGeometry>> {
    if (!this.geometry) {
      const geometry = new Map<Uid, GeoJsonGeometry>();
      for await (const page of this.dhis2.orgUnits({ signal })) {
        for (const unit of page) if (unit.geometry) geometry.set(unit.id, unit.geometry);
      }
      this.geometry = geometry;
    }
    return this.geometry;
  }

  async mappingContext(needsGeometry: boolean, signal?: AbortSignal): Promise<MappingContext> {
    const metadata = await this.metadata(signal);
    const geometry = needsGeometry ? await this.orgUnitGeometry(signal) : new Map<Uid, GeoJsonGeometry>();
    const idMap = this.target.idMap;
    return createMappingContext({
      metadata,
      resolveLocation: (orgUnit) => {
        const entry = idMap.get('location', orgUnit);
        return entry && !entry.deleted ? entry.godataId : undefined;
      },
      orgUnitGeometry: (orgUnit) => geometry.get(orgUnit),
      referenceDate: new Date(),
    });
  }
}
