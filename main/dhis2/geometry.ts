import type { GeoJsonGeometry } from './model.js';

/**
 * Geometry as DHIS2 sends it: GeoJSON (`[longitude, latitude]`) from 2.32 on, or the older pair of a
 * `coordinates` JSON string and a `featureType` (POINT, POLYGON, MULTI_POLYGON) that exports and upgraded
 * databases can still carry. Anything else (lines, `featureType: NONE`, broken values) reads as no geometry.
 */
export function readGeometry(
  geometry: unknown,
  coordinates?: unknown,
  featureType?: unknown,
): GeoJsonGeometry | undefined {
  if (isRecord(geometry)) return fromGeoJson(geometry.type, geometry.coordinates);
  if (typeof coordinates !== 'string' || coordinates.trim() === '') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(coordinates);
  } catch {
    return undefined;
  }
  // Old polygons were often stored with MultiPolygon nesting whatever their featureType said: trust the depth.
  const byDepth = ({ 1: 'Point', 3: 'Polygon', 4: 'MultiPolygon' } as const)[depth(parsed)];
  const declared = ({ POINT: 'Point', POLYGON: 'Polygon', MULTI_POLYGON: 'MultiPolygon' } as const)[
    String(featureType) as 'POINT'
  ];
  return fromGeoJson(byDepth ?? declared, parsed);
}

function fromGeoJson(type: unknown, coordinates: unknown): GeoJsonGeometry | undefined {
  switch (type) {
    case 'Point':
      return isPosition(coordinates) ? { type, coordinates: [coordinates[0], coordinates[1]] } : undefined;
    case 'Polygon': {
      const rings = readRings(coordinates);
      return rings ? { type, coordinates: rings } : undefined;
    }
    case 'MultiPolygon': {
      if (!Array.isArray(coordinates)) return undefined;
      const polygons = coordinates.map(readRings);
      return polygons.every((p) => p !== undefined) && polygons.length > 0
        ? { type, coordinates: polygons }
        : undefined;
    }
    default:
      return undefined;
  }
}

function readRings(value: unknown): [number, number][][] | undefined {
  if (!Array.isArray(value) || value.length === 0) return undefined;
  const rings: [number, number][][] = [];
  for (const ring of value) {
    if (!Array.isArray(ring) || !ring.every(isPosition)) return undefined;
    rings.push(ring.map((p: [number, number]) => [p[0], p[1]]));
  }
  return rings;
}

function isPosition(value: unknown): value is [number, number] {
  return (
    Array.isArray(value) &&
    value.length >= 2 &&
    typeof value[0] === 'number' &&
    typeof value[1] === 'number' &&
    Number.isFinite(value[0]) &&
    Number.isFinite(value[1])
  );
}

/** Nesting depth of arrays down to the first number: a position is 1, a polygon 3, a multipolygon 4. */
function depth(value: unknown): number {
  let d = 0;
  let current = value;
  while (Array.isArray(current)) {
    d++;
    current = current[0];
  }
  return typeof current === 'number' ? d : 0;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
