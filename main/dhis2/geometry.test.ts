import { describe, expect, it } from 'vitest';
import { readGeometry } from './geometry.js';

describe('readGeometry', () => {
  it('keeps GeoJSON points, polygons and multipolygons', () => {
    expect(readGeometry({ type: 'Point', coordinates: [-11.79, 8.26] })).toEqual({
      type: 'Point',
      coordinates: [-11.79, 8.26],
    });
    const ring: [number, number][] = [
      [-11.1, 8.1],
      [-11.2, 8.2],
      [-11.3, 8.1],
      [-11.1, 8.1],
    ];
    expect(readGeometry({ type: 'Polygon', coordinates: [ring] })).toEqual({
      type: 'Polygon',
      coordinates: [ring],
    });
    expect(readGeometry({ type: 'MultiPolygon', coordinates: [[ring], [ring]] })).toEqual({
      type: 'MultiPolygon',
      coordinates: [[ring], [ring]],
    });
  });

  it('converts the old coordinates string and featureType to GeoJSON', () => {
    expect(readGeometry(undefined, '[-11.79,8.26]', 'POINT')).toEqual({
      type: 'Point',
      coordinates: [-11.79, 8.26],
    });
    expect(readGeometry(undefined, '[[[-11.1,8.1],[-11.2,8.2],[-11.1,8.1]]]', 'POLYGON')).toEqual({
      type: 'Polygon',
      coordinates: [
        [
          [-11.1, 8.1],
          [-11.2, 8.2],
          [-11.1, 8.1],
        ],
      ],
    });
    // Old exports stored polygons with multipolygon nesting: the nesting wins over the declared type.
    expect(readGeometry(undefined, '[[[[-11.1,8.1],[-11.2,8.2],[-11.1,8.1]]]]', 'POLYGON')?.type).toBe(
      'MultiPolygon',
    );
  });

  it('reads broken or unsupported geometry as none', () => {
    expect(readGeometry(undefined)).toBeUndefined();
    expect(
      readGeometry({
        type: 'LineString',
        coordinates: [
          [0, 0],
          [1, 1],
        ],
      }),
    ).toBeUndefined();
    expect(readGeometry({ type: 'Point', coordinates: ['a', 'b'] })).toBeUndefined();
    expect(readGeometry(undefined, 'not json', 'POINT')).toBeUndefined();
    expect(readGeometry(undefined, '', 'NONE')).toBeUndefined();
  });
});
