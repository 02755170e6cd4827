import { distanceMeters, toGeoJsonPoint } from './geo';

describe('geo', () => {
  it('measures a known distance: Beijing Tiananmen to Tianjin station ≈ 110 km', () => {
    const d = distanceMeters(
      { latitude: 39.9087, longitude: 116.3975 },
      { latitude: 39.1361, longitude: 117.2104 },
    );
    expect(d).toBeGreaterThan(108_000);
    expect(d).toBeLessThan(112_000);
  });

  it('one degree of latitude ≈ 111.3 km, and zero for the same point', () => {
    expect(distanceMeters({ latitude: 39, longitude: 117 }, { latitude: 40, longitude: 117 })).toBeCloseTo(
      111_317,
      -1,
    );
    expect(distanceMeters({ latitude: 39, longitude: 117 }, { latitude: 39, longitude: 117 })).toBe(0);
  });

  it('puts longitude first in GeoJSON', () => {
    expect(toGeoJsonPoint({ latitude: 39, longitude: 117 })).toEqual({
      type: 'Point',
      coordinates: [117, 39],
    });
  });
});
