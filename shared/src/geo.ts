/** Mean Earth radius in metres (the value MongoDB's spherical geometry uses). */
export const EARTH_RADIUS_METERS = 6_378_100;

/** A point in degrees (WGS-84 as reported by the phone). */
export interface LatLng {
  latitude: number;
  longitude: number;
}

const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle (haversine) distance between two points, in metres, not rounded. */
export const distanceMeters = (a: LatLng, b: LatLng): number => {
  const dLat = rad(b.latitude - a.latitude);
  const dLng = rad(b.longitude - a.longitude);
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.latitude)) * Math.cos(rad(b.latitude)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_METERS * Math.asin(Math.min(1, Math.sqrt(h)));
};

/** A GeoJSON point as the database stores it: note the order, longitude first. */
export interface GeoJsonPoint {
  type: 'Point';
  coordinates: [number, number];
}

/** The GeoJSON point for a latitude/longitude pair. */
export const toGeoJsonPoint = ({ latitude, longitude }: LatLng): GeoJsonPoint => ({
  type: 'Point',
  coordinates: [longitude, latitude],
});
