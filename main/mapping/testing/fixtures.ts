/**
 * Test helper: the real DHIS2 exports vendored (gzipped, unchanged) in simulators/dhis2/fixtures, read into the
 * engine's `Dhis2Metadata` shape.
 * (The DHIS2 client normalises live API reads; these files are `/api/metadata` exports, so they get their own
 * small reader here.)
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import type { Dhis2Metadata, GeoJsonGeometry, OptionSet, OrgUnit, Program } from '../../dhis2/model.js';
import type { MappingContextInput } from '../context.js';

export const FIXTURES = {
  sierraLeone2021: 'sierra-leone-covid19-2021.metadata.json.gz',
  package10X: 'covid19-tracker-package-1.0.X.metadata.json.gz',
} as const;
export type FixtureName = keyof typeof FIXTURES;

/** The copies the DHIS2 simulator ships (checksums in its fixtures/SOURCE.md). */
export function fixturesDir(): string {
  return fileURLToPath(new URL('../../../simulators/dhis2/fixtures/', import.meta.url));
}

interface Ref {
  id: string;
}
interface RawExport {
  system?: { version: string };
  package?: { DHIS2Version: string };
  programs: Array<{
    id: string;
    name: string;
    code?: string;
    programType: Program['programType'];
    trackedEntityType?: Ref;
    programTrackedEntityAttributes: Array<{ trackedEntityAttribute: Ref; mandatory?: boolean }>;
    programStages: Ref[];
  }>;
  programStages: Array<{
    id: string;
    name: string;
    sortOrder?: number;
    repeatable?: boolean;
    programStageDataElements: Array<{ dataElement: Ref; compulsory?: boolean }>;
  }>;
  dataElements: Array<{ id: string; name: string; code?: string; valueType: string; optionSet?: Ref }>;
  trackedEntityAttributes: Array<{
    id: string;
    name: string;
    code?: string;
    valueType: string;
    optionSet?: Ref;
  }>;
  optionSets: Array<{ id: string; name: string; valueType?: string; options: Ref[] }>;
  options: Array<{ id: string; code: string; name: string; sortOrder?: number }>;
  relationshipTypes?: Array<{ id: string; name: string; bidirectional?: boolean }>;
  organisationUnitLevels?: Array<{ level: number; name: string; id: string }>;
  organisationUnits?: Array<{
    id: string;
    name: string;
    code?: string;
    level: number;
    path: string;
    parent?: Ref;
    openingDate?: string;
    closedDate?: string;
    geometry?: GeoJsonGeometry;
  }>;
}

function byId<T extends { id: string }>(items: T[]): Map<string, T> {
  return new Map(items.map((i) => [i.id, i]));
}

function must<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`fixture refers to a missing ${what}`);
  return value;
}

export interface Fixture {
  metadata: Dhis2Metadata;
  orgUnits: OrgUnit[];
}

const cache = new Map<FixtureName, Fixture>();

export function loadFixture(name: FixtureName): Fixture {
  const cached = cache.get(name);
  if (cached) return cached;
  const raw = JSON.parse(
    gunzipSync(readFileSync(`${fixturesDir()}/${FIXTURES[name]}`)).toString('utf8'),
  ) as RawExport;
  const attributes = byId(raw.trackedEntityAttributes);
  const dataElements = byId(raw.dataElements);
  const stages = byId(raw.programStages);
  const options = byId(raw.options);
  const version = raw.system?.version ?? raw.package?.DHIS2Version ?? '2.35.6';
  const [major = 2, minor = 0, patch = 0] = version.split('.').map(Number);

  const programs: Program[] = raw.programs.map((p) => ({
    id: p.id,
    name: p.name,
    code: p.code,
    programType: p.programType,
    trackedEntityTypeId: p.trackedEntityType?.id,
    attributes: p.programTrackedEntityAttributes.map((pa) => {
      const a = must(attributes.get(pa.trackedEntityAttribute.id), 'attribute');
      return {
        id: a.id,
        name: a.name,
        code: a.code,
        valueType: a.valueType,
        optionSetId: a.optionSet?.id,
        mandatory: pa.mandatory,
      };
    }),
    stages: p.programStages.map((ref) => {
      const s = must(stages.get(ref.id), 'stage');
      return {
        id: s.id,
        name: s.name,
        sortOrder: s.sortOrder,
        repeatable: s.repeatable,
        dataElements: s.programStageDataElements.map((psde) => {
          const d = must(dataElements.get(psde.dataElement.id), 'data element');
          return {
            id: d.id,
            name: d.name,
            code: d.code,
            valueType: d.valueType,
            optionSetId: d.optionSet?.id,
            compulsory: psde.compulsory,
          };
        }),
      };
    }),
  }));
  const optionSets: OptionSet[] = raw.optionSets.map((s) => ({
    id: s.id,
    name: s.name,
    valueType: s.valueType,
    options: s.options
      .map((ref) => must(options.get(ref.id), 'option'))
      .map(({ id, code, name, sortOrder }) => ({ id, code, name, sortOrder })),
  }));
  const fixture: Fixture = {
    metadata: {
      server: { version, major, minor, patch, hotfix: 0, serverTimeZoneId: 'Africa/Freetown' },
      orgUnitLevels: (raw.organisationUnitLevels ?? []).map(({ level, name, id }) => ({ level, name, id })),
      programs,
      optionSets,
      relationshipTypes: (raw.relationshipTypes ?? []).map(({ id, name, bidirectional }) => ({
        id,
        name,
        bidirectional,
      })),
    },
    orgUnits: (raw.organisationUnits ?? []).map((o) => ({
      id: o.id,
      name: o.name,
      code: o.code,
      level: o.level,
      path: o.path,
      parentId: o.parent?.id,
      openingDate: o.openingDate,
      closedDate: o.closedDate,
      geometry: o.geometry,
    })),
  };
  cache.set(name, fixture);
  return fixture;
}

/** The option code a release uses for an option uid (`Male` in 2021 installs, `MALE` in 1.0.X). */
export function optionCode(metadata: Dhis2Metadata, optionSetId: string, optionId: string): string {
  const set = must(
    metadata.optionSets.find((s) => s.id === optionSetId),
    `option set ${optionSetId}`,
  );
  return must(
    set.options.find((o) => o.id === optionId),
    `option ${optionId}`,
  ).code;
}

/**
 * A mapping context over a fixture: org units resolve to `loc-<uid>` (except `unsynced` ones), geometries come
 * from the Sierra Leone tree (the package export has none), ages are counted to 2021-06-15.
 */
export function fixtureContext(name: FixtureName, unsynced: readonly string[] = []): MappingContextInput {
  const geometries = new Map(loadFixture('sierraLeone2021').orgUnits.map((o) => [o.id, o.geometry]));
  return {
    metadata: loadFixture(name).metadata,
    resolveLocation: (uid) => (unsynced.includes(uid) ? undefined : `loc-${uid}`),
    orgUnitGeometry: (uid) => geometries.get(uid),
    referenceDate: new Date('2021-06-15T00:00:00.000Z'),
  };
}
