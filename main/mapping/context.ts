import type { Dhis2Metadata, GeoJsonGeometry, OptionSet, Uid } from '../dhis2/model.js';

/** What the mapping engine needs besides the record: built once per run, shared by every record. */
export interface MappingContext {
  /** The option set behind a tracked-entity attribute or a data element, when it has one. */
  optionSetOf(kind: 'attribute' | 'dataElement', uid: Uid): OptionSet | undefined;
  /** Org unit uid → Go.Data location id (the bridge's ID map); undefined when the location was not synced. */
  resolveLocation: (orgUnit: Uid) => string | undefined;
  orgUnitGeometry: (orgUnit: Uid) => GeoJsonGeometry | undefined;
  /** "Today" for ages computed from birth dates; passed in so runs are reproducible. */
  referenceDate: Date;
}

export interface MappingContextInput {
  metadata: Pick<Dhis2Metadata, 'programs' | 'optionSets'>;
  resolveLocation: (orgUnit: Uid) => string | undefined;
  orgUnitGeometry: (orgUnit: Uid) => GeoJsonGeometry | undefined;
  referenceDate: Date;
}

export function createMappingContext(input: MappingContextInput): MappingContext {
  const optionSets = new Map(input.metadata.optionSets.map((s) => [s.id, s]));
  const attributeSets = new Map<Uid, Uid>();
  const dataElementSets = new Map<Uid, Uid>();
  for (const program of input.metadata.programs) {
    for (const a of program.attributes) if (a.optionSetId) attributeSets.set(a.id, a.optionSetId);
    for (const stage of program.stages) {
      for (const de of stage.dataElements) if (de.optionSetId) dataElementSets.set(de.id, de.optionSetId);
    }
  }
  return {
    optionSetOf(kind, uid) {
      const setId = (kind === 'attribute' ? attributeSets : dataElementSets).get(uid);
      return setId === undefined ? undefined : optionSets.get(setId);
    },
    resolveLocation: input.resolveLocation,
    orgUnitGeometry: input.orgUnitGeometry,
    referenceDate: input.referenceDate,
  };
}
