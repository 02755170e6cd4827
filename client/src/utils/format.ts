/** Shown wherever a station field is empty (null): never an invented value. */
export const NOT_PUBLISHED = '暂未公布';

/** `value`, or 暂未公布 when it is missing or blank. */
export const orNotPublished = (value: string | null | undefined): string =>
  value && value.trim() ? value : NOT_PUBLISHED;

/** A distance for residents: "约 850 米" below 1 km, else "约 1.2 公里". */
export function formatDistance(meters: number): string {
  if (!Number.isFinite(meters) || meters < 0) return '';
  if (meters < 1000) return `约 ${Math.max(10, Math.round(meters / 10) * 10)} 米`;
  const km = meters / 1000;
  return km >= 100 ? `约 ${Math.round(km)} 公里` : `约 ${km.toFixed(1)} 公里`;
}
