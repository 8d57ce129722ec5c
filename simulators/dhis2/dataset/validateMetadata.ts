import { asText } from '../values.js';
import { UID_PATTERN, type MetadataCollections, type MetadataObject } from './types.js';

/**
 * Checks a metadata.json in the `/api/metadata` export shape and says exactly what is wrong and where:
 * every message names the file, the collection and index of the record, and its uid.
 */
export class DatasetError extends Error {}

export function recordLabel(file: string, path: string, uid: unknown): string {
  return `${file}: ${path}${typeof uid === 'string' ? ` (uid "${uid}")` : ''}`;
}

const FEATURE_TYPES = ['NONE', 'POINT', 'POLYGON', 'MULTI_POLYGON', 'SYMBOL'];

const isNumberPair = (v: unknown): boolean =>
  Array.isArray(v) && v.length >= 2 && v.every((n) => typeof n === 'number' && Number.isFinite(n));
const isRing = (v: unknown): boolean => Array.isArray(v) && v.length > 0 && v.every(isNumberPair);
const isPolygon = (v: unknown): boolean => Array.isArray(v) && v.length > 0 && v.every(isRing);
const isMultiPolygon = (v: unknown): boolean => Array.isArray(v) && v.length > 0 && v.every(isPolygon);

/** GeoJSON as DHIS2 stores it (2.32+): [longitude, latitude]. */
export function geometryProblem(geometry: unknown): string | undefined {
  if (geometry === null || typeof geometry !== 'object') return 'geometry must be a GeoJSON object';
  const { type, coordinates } = geometry as { type?: unknown; coordinates?: unknown };
  if (type === 'Point')
    return isNumberPair(coordinates) ? undefined : 'Point geometry needs coordinates [longitude, latitude]';
  if (type === 'Polygon')
    return isPolygon(coordinates) ? undefined : 'Polygon geometry needs coordinates [[[lng, lat], …]]';
  if (type === 'MultiPolygon')
    return isMultiPolygon(coordinates)
      ? undefined
      : 'MultiPolygon geometry needs coordinates [[[[lng, lat], …]]]';
  return `geometry type "${String(type)}" is not Point, Polygon or MultiPolygon`;
}

/** The pre-2.32 form: `coordinates` as text plus `featureType`. */
function legacyCoordinatesProblem(unit: MetadataObject): string | undefined {
  const featureType = unit.featureType ?? 'NONE';
  if (typeof featureType !== 'string' || !FEATURE_TYPES.includes(featureType))
    return `featureType "${asText(featureType)}" is not one of ${FEATURE_TYPES.join(', ')}`;
  if (typeof unit.coordinates !== 'string') return 'coordinates must be a text such as "[-11.79,8.26]"';
  let parsed: unknown;
  try {
    parsed = JSON.parse(unit.coordinates);
  } catch {
    return `coordinates "${unit.coordinates.slice(0, 40)}" is not a coordinate text`;
  }
  const fits =
    featureType === 'POINT'
      ? isNumberPair(parsed)
      : featureType === 'POLYGON' || featureType === 'MULTI_POLYGON'
        ? isMultiPolygon(parsed) || isPolygon(parsed)
        : true;
  return fits ? undefined : `coordinates do not describe a ${featureType}`;
}

function orgUnitProblems(file: string, units: MetadataObject[]): void {
  const byId = new Map(units.map((u) => [u.id, u]));
  units.forEach((unit, i) => {
    const where = recordLabel(file, `organisationUnits[${i}]`, unit.id);
    if (typeof unit.name !== 'string' || !unit.name) throw new DatasetError(`${where}: "name" is missing`);
    const parent = unit.parent as { id?: unknown } | undefined;
    if (parent !== undefined) {
      if (typeof parent?.id !== 'string')
        throw new DatasetError(`${where}: "parent" must be {"id": "<uid>"}`);
      if (!byId.has(parent.id))
        throw new DatasetError(`${where}: parent "${parent.id}" is not an organisation unit in this file`);
    }
    if (unit.path !== undefined && (typeof unit.path !== 'string' || !unit.path.endsWith(`/${unit.id}`))) {
      throw new DatasetError(`${where}: path "${asText(unit.path)}" does not end with the unit's own uid`);
    }
    if (unit.level !== undefined && !Number.isInteger(unit.level))
      throw new DatasetError(`${where}: level must be a whole number`);
    if (unit.geometry !== undefined) {
      const problem = geometryProblem(unit.geometry);
      if (problem) throw new DatasetError(`${where}: ${problem}`);
    }
    if (unit.coordinates !== undefined) {
      const problem = legacyCoordinatesProblem(unit);
      if (problem) throw new DatasetError(`${where}: ${problem}`);
    }
    const seen = new Set<string>([unit.id]);
    for (
      let p = parent?.id;
      typeof p === 'string';
      p = (byId.get(p)?.parent as { id?: string } | undefined)?.id
    ) {
      if (seen.has(p)) throw new DatasetError(`${where}: its parents form a cycle through "${p}"`);
      seen.add(p);
    }
  });
}

/** Validates and returns the array collections of a parsed metadata.json. */
export function validateMetadata(file: string, raw: unknown): MetadataCollections {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new DatasetError(
      `${file}: expected a JSON object such as {"organisationUnits": […]} (the /api/metadata export shape)`,
    );
  }
  const collections: MetadataCollections = {};
  for (const [name, value] of Object.entries(raw as Record<string, unknown>)) {
    if (!Array.isArray(value)) continue;
    const ids = new Set<string>();
    value.forEach((object: unknown, i) => {
      const id = (object as { id?: unknown } | null)?.id;
      const where = recordLabel(file, `${name}[${i}]`, id);
      if (object === null || typeof object !== 'object' || Array.isArray(object))
        throw new DatasetError(`${where}: expected an object`);
      if (typeof id !== 'string' || !UID_PATTERN.test(id))
        throw new DatasetError(
          `${where}: "id" is not a valid DHIS2 uid (11 letters/digits, starting with a letter)`,
        );
      if (ids.has(id)) throw new DatasetError(`${where}: uid appears twice in ${name}`);
      ids.add(id);
    });
    collections[name] = value as MetadataObject[];
  }
  if (Object.keys(collections).length === 0)
    throw new DatasetError(`${file}: holds no metadata collections (arrays such as "organisationUnits")`);
  orgUnitProblems(file, collections.organisationUnits ?? []);
  return collections;
}
