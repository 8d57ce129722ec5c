import type { GeoJsonGeometry } from '../dhis2/model.js';
import type { GeoPoint } from '../godata/model.js';

type Position = [number, number];

interface Weighted {
  area: number;
  x: number;
  y: number;
}

/** Signed area and centroid of one closed ring (shoelace formula, planar lng/lat). */
function ring(points: Position[]): Weighted {
  let twiceArea = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0; i < points.length; i++) {
    const [x1, y1] = points[i]!;
    const [x2, y2] = points[(i + 1) % points.length]!;
    const cross = x1 * y2 - x2 * y1;
    twiceArea += cross;
    cx += (x1 + x2) * cross;
    cy += (y1 + y2) * cross;
  }
  const area = twiceArea / 2;
  return area === 0 ? { area: 0, x: 0, y: 0 } : { area, x: cx / (6 * area), y: cy / (6 * area) };
}

/** Outer ring minus holes, weighted by absolute area (ring orientation in real data is not reliable). */
function polygon(rings: Position[][]): Weighted {
  const parts = rings
    .map(ring)
    .map((r, i) => ({ ...r, area: i === 0 ? Math.abs(r.area) : -Math.abs(r.area) }));
  return combine(parts);
}

function combine(parts: Weighted[]): Weighted {
  const area = parts.reduce((sum, p) => sum + p.area, 0);
  if (area === 0) return { area: 0, x: 0, y: 0 };
  return {
    area,
    x: parts.reduce((sum, p) => sum + p.x * p.area, 0) / area,
    y: parts.reduce((sum, p) => sum + p.y * p.area, 0) / area,
  };
}

function vertexMean(points: Position[]): GeoPoint | undefined {
  if (points.length === 0) return undefined;
  const lng = points.reduce((sum, p) => sum + p[0], 0) / points.length;
  const lat = points.reduce((sum, p) => sum + p[1], 0) / points.length;
  return { lat, lng };
}

/**
 * A Go.Data point for a DHIS2 geometry: the point itself, or the area centroid of a polygon / multipolygon
 * (GeoJSON order is [longitude, latitude]). Degenerate shapes fall back to the mean of their vertices.
 */
export function pointOf(geometry: GeoJsonGeometry): GeoPoint | undefined {
  if (geometry.type === 'Point') {
    const [lng, lat] = geometry.coordinates;
    return { lat, lng };
  }
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const centroid = combine(polygons.map(polygon));
  if (centroid.area !== 0) return { lat: centroid.y, lng: centroid.x };
  return vertexMean(polygons.flatMap((p) => p[0] ?? []));
}
