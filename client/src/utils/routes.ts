/** URL of a station's page (the only way pages link to it). */
export const stationPageUrl = (id: string): string => `/pages/station/index?id=${encodeURIComponent(id)}`;

/** Tab and subpackage routes. */
export const ROUTES = {
  home: '/pages/index/index',
  mine: '/pages/mine/index',
  worker: '/subpackages/worker/index/index',
  head: '/subpackages/head/index/index',
  supervisor: '/subpackages/supervisor/index/index',
  district: '/subpackages/district/index/index',
} as const;
