import { describe, expect, it } from 'vitest';
import { pointOf } from './geometry.js';
import { loadFixture } from './testing/fixtures.js';

const square = (x: number, y: number, size: number): [number, number][] => [
  [x, y],
  [x + size, y],
  [x + size, y + size],
  [x, y + size],
  [x, y],
];

describe('pointOf', () => {
  it('swaps GeoJSON [lng, lat] into {lat, lng}', () => {
    expect(pointOf({ type: 'Point', coordinates: [-11.79, 8.26] })).toEqual({ lat: 8.26, lng: -11.79 });
  });

  it('takes the area centroid of a polygon, holes subtracted', () => {
    expect(pointOf({ type: 'Polygon', coordinates: [square(0, 0, 2)] })).toEqual({ lat: 1, lng: 1 });
    // A 4×4 square with a 2×2 hole in its right half moves the centroid left.
    const withHole = pointOf({ type: 'Polygon', coordinates: [square(0, 0, 4), square(2, 1, 2).reverse()] });
    expect(withHole?.lat).toBeCloseTo(2);
    expect(withHole?.lng).toBeCloseTo((16 * 2 - 4 * 3) / 12);
  });

  it('weights the parts of a multipolygon by their area', () => {
    // 1×1 at (0,0) and 3×3 at (10,0): centroid (0.5·1 + 11.5·9) / 10 = 10.4
    const point = pointOf({ type: 'MultiPolygon', coordinates: [[square(0, 0, 1)], [square(10, 0, 3)]] });
    expect(point?.lng).toBeCloseTo(10.4);
    expect(point?.lat).toBeCloseTo((0.5 * 1 + 1.5 * 9) / 10);
  });

  it('falls back to the vertex mean for a degenerate polygon', () => {
    const line: [number, number][] = [
      [0, 0],
      [2, 2],
      [0, 0],
    ];
    expect(pointOf({ type: 'Polygon', coordinates: [line] })).toEqual({ lat: 2 / 3, lng: 2 / 3 });
  });

  it('puts every Sierra Leone district and chiefdom centroid inside the shape’s bounding box', () => {
    const { orgUnits } = loadFixture('sierraLeone2021');
    const shapes = orgUnits.filter((o) => o.geometry && o.geometry.type !== 'Point');
    expect(shapes.length).toBe(143 + 22);
    for (const unit of shapes) {
      const geometry = unit.geometry!;
      const coords = (
        geometry.type === 'Polygon'
          ? [geometry.coordinates]
          : geometry.type === 'MultiPolygon'
            ? geometry.coordinates
            : []
      ).flat(2);
      const point = pointOf(geometry)!;
      expect(point.lng).toBeGreaterThanOrEqual(Math.min(...coords.map((c) => c[0])));
      expect(point.lng).toBeLessThanOrEqual(Math.max(...coords.map((c) => c[0])));
      expect(point.lat).toBeGreaterThanOrEqual(Math.min(...coords.map((c) => c[1])));
      expect(point.lat).toBeLessThanOrEqual(Math.max(...coords.map((c) => c[1])));
    }
  });
});
