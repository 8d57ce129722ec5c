import { DEMO_CREDENTIALS } from '../../../simulators/demo.js';

/** DHIS2 org units as the simulator serves them over plain HTTP (no engine code in between). */
export interface RawOrgUnit {
  id: string;
  name: string;
  level: number;
  parent?: { id: string };
  closedDate?: string;
  geometry?: { type: string; coordinates: unknown };
}

export async function rawOrgUnits(dhis2Url: string): Promise<RawOrgUnit[]> {
  const { username, password } = DEMO_CREDENTIALS.dhis2;
  const response = await fetch(
    `${dhis2Url}/api/organisationUnits?fields=id,name,level,parent[id],closedDate,geometry&paging=false`,
    {
      headers: { authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}` },
    },
  );
  if (!response.ok) throw new Error(`DHIS2 answered ${response.status}`);
  const body = (await response.json()) as { organisationUnits: RawOrgUnit[] };
  return body.organisationUnits;
}

/** Units the locations stage keeps by default: open ones, and closed ones an open unit still hangs below. */
export function expectedUnits(units: RawOrgUnit[]): RawOrgUnit[] {
  const parentsOfOpen = new Set(units.filter((u) => !u.closedDate).map((u) => u.parent?.id));
  return units.filter((u) => !u.closedDate || parentsOfOpen.has(u.id));
}

type Ring = number[][];

/** Every [lng, lat] pair of a geometry. */
export function positions(geometry: RawOrgUnit['geometry']): number[][] {
  if (!geometry) return [];
  if (geometry.type === 'Point') return [geometry.coordinates as number[]];
  if (geometry.type === 'Polygon') return (geometry.coordinates as Ring[]).flat();
  if (geometry.type === 'MultiPolygon') return (geometry.coordinates as Ring[][]).flat(2);
  return [];
}

/** Whether a point lies in the bounding box of a geometry (a centroid always does). */
export function withinBounds(point: { lat: number; lng: number }, geometry: RawOrgUnit['geometry']): boolean {
  const all = positions(geometry);
  const lngs = all.map((p) => p[0] ?? NaN);
  const lats = all.map((p) => p[1] ?? NaN);
  const eps = 1e-9;
  return (
    point.lng >= Math.min(...lngs) - eps &&
    point.lng <= Math.max(...lngs) + eps &&
    point.lat >= Math.min(...lats) - eps &&
    point.lat <= Math.max(...lats) + eps
  );
}
