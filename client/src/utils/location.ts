import Taro from '@tarojs/taro';

/** A point the phone reported. */
export interface Coordinates {
  latitude: number;
  longitude: number;
}

/** Why no position: the user (or WeChat/system setting) said no, or the phone could not fix one. */
export type LocationFailure = 'denied' | 'unavailable';

/** Outcome of {@link getCurrentLocation}. */
export type LocationResult = { ok: true; coords: Coordinates } | { ok: false; reason: LocationFailure };

const DENIED = /deny|denied|permission|auth|权限|拒绝/i;

/**
 * Asks the phone for its position once, in WGS-84: what the browser reports, what
 * `wx.getLocation` gives by default, and what the stations function and the seed use.
 * (WeChat's own map wants GCJ-02: see `wgs84ToGcj02` for openLocation.)
 */
export async function getCurrentLocation(): Promise<LocationResult> {
  try {
    const res = await Taro.getLocation({ type: 'wgs84' });
    if (!Number.isFinite(res.latitude) || !Number.isFinite(res.longitude))
      return { ok: false, reason: 'unavailable' };
    return { ok: true, coords: { latitude: res.latitude, longitude: res.longitude } };
  } catch (err) {
    const text =
      err && typeof err === 'object'
        ? String(
            (err as { errMsg?: unknown; message?: unknown }).errMsg ??
              (err as { message?: unknown }).message ??
              '',
          )
        : String(err);
    const code = err && typeof err === 'object' ? (err as { code?: unknown }).code : undefined;
    // Browser GeolocationPositionError.PERMISSION_DENIED is 1.
    return { ok: false, reason: code === 1 || DENIED.test(text) ? 'denied' : 'unavailable' };
  }
}
