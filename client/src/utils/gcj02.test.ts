import { distanceMeters } from '@sgz/shared';
import { wgs84ToGcj02 } from './gcj02';

describe('wgs84ToGcj02', () => {
  it('shifts a Tianjin point by the few hundred metres WeChat maps expect', () => {
    const wgs = { latitude: 39.025, longitude: 117.655 };
    const gcj = wgs84ToGcj02(wgs);
    const shift = distanceMeters(wgs, gcj);
    expect(shift).toBeGreaterThan(200);
    expect(shift).toBeLessThan(800);
    // In north China the GCJ-02 offset points mostly east.
    expect(gcj.longitude).toBeGreaterThan(wgs.longitude);
  });

  it('leaves points outside China unchanged', () => {
    expect(wgs84ToGcj02({ latitude: 48.8566, longitude: 2.3522 })).toEqual({
      latitude: 48.8566,
      longitude: 2.3522,
    });
  });
});
