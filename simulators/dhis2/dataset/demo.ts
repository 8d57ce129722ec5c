import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { COVID } from './covid.js';
import { addEventProgram } from './eventProgram.js';
import { EMPTY_TRACKER, type Dhis2Dataset, type MetadataCollections, type MetadataObject } from './types.js';

export type PackageRelease = '2021' | '1.0.X';

export interface DemoDatasetOptions {
  cases: number;
  contacts: number;
  events: number;
  seed: number;
  /** '2021' (default): the April 2021 install, readable option codes. '1.0.X': the package export's codes. */
  packageRelease?: PackageRelease;
  /** Generated timestamps end before this date (yyyy-MM-dd, default 2025-01-01), so they are always past. */
  endDate?: string;
}

const FIXTURES = {
  '2021': 'sierra-leone-covid19-2021.metadata.json.gz',
  '1.0.X': 'covid19-tracker-package-1.0.X.metadata.json.gz',
} as const;

/** The package's own collections; everything else (the org-unit tree, relationship type) comes from the 2021 install. */
const PACKAGE_COLLECTIONS = [
  'programs',
  'programStages',
  'programStageSections',
  'dataElements',
  'trackedEntityAttributes',
  'trackedEntityTypes',
  'optionSets',
  'options',
  'categoryCombos',
  'categories',
  'categoryOptions',
  'categoryOptionCombos',
];

/** When the 1.0.X package was imported into the demo server; the export itself carries no timestamps. */
const IMPORT_STAMP = '2021-07-15T10:00:00.000';

const parsed = new Map<PackageRelease, MetadataCollections>();

function fixture(release: PackageRelease): MetadataCollections {
  let metadata = parsed.get(release);
  if (!metadata) {
    const file = new URL(`../fixtures/${FIXTURES[release]}`, import.meta.url);
    const raw = JSON.parse(gunzipSync(readFileSync(file)).toString('utf8')) as Record<string, unknown>;
    metadata = Object.fromEntries(
      Object.entries(raw).filter(([, v]) => Array.isArray(v)),
    ) as MetadataCollections;
    parsed.set(release, metadata);
  }
  return metadata;
}

function count(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 0)
    throw new Error(`createDemoDataset: ${name} must be a whole number ≥ 0, got ${value}`);
  return value;
}

/**
 * The demo server: the real Sierra Leone metadata with the COVID-19 package, plus the event program the exports
 * lack, plus a recipe for N cases, M contacts and K events generated lazily from the seed.
 */
export function createDemoDataset(options: DemoDatasetOptions): Dhis2Dataset {
  const release = options.packageRelease ?? '2021';
  if (!(release in FIXTURES))
    throw new Error(`createDemoDataset: packageRelease must be '2021' or '1.0.X', got "${release}"`);
  const cases = count('cases', options.cases);
  const contacts = count('contacts', options.contacts);
  const events = count('events', options.events);
  if (contacts > 0 && cases === 0)
    throw new Error('createDemoDataset: contacts need at least one case to be related to');
  const endMs = Date.parse(`${options.endDate ?? '2025-01-01'}T00:00:00Z`);
  if (Number.isNaN(endMs))
    throw new Error(`createDemoDataset: endDate "${options.endDate}" is not yyyy-MM-dd`);

  const base = fixture('2021');
  // Fresh arrays so adding the event program never touches the cached fixture; objects are shared read-only.
  const metadata: MetadataCollections = Object.fromEntries(Object.entries(base).map(([k, v]) => [k, [...v]]));
  if (release === '1.0.X') {
    const pkg = fixture('1.0.X');
    const assignments = new Map(base.programs?.map((p) => [p.id, p.organisationUnits]) ?? []);
    for (const name of PACKAGE_COLLECTIONS) {
      metadata[name] = (pkg[name] ?? []).map((object) =>
        stamped(object, name === 'programs' ? assignments.get(object.id) : undefined),
      );
    }
  }
  const facilities = (metadata.organisationUnits ?? []).filter((ou) => ou.level === 4);
  addEventProgram(metadata, facilities);

  return {
    description: `demo (Sierra Leone, COVID-19 package ${release}, ${cases} cases, ${contacts} contacts, ${events} events, seed ${options.seed})`,
    metadata,
    tracker: EMPTY_TRACKER,
    generator: { cases, contacts, events, seed: options.seed, endMs },
  };
}

/** A package object as the server holds it after import: with timestamps and, for programs, org-unit assignments. */
function stamped(object: MetadataObject, organisationUnits: unknown): MetadataObject {
  return {
    ...object,
    created: object.created ?? IMPORT_STAMP,
    lastUpdated: object.lastUpdated ?? IMPORT_STAMP,
    ...(organisationUnits !== undefined &&
    Array.isArray(object.organisationUnits) &&
    object.organisationUnits.length === 0
      ? { organisationUnits }
      : {}),
  };
}

export { COVID };
