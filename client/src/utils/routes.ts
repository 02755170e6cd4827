/** URL of a station's page (the only way pages link to it). */
export const stationPageUrl = (id: string): string => `/pages/station/index?id=${encodeURIComponent(id)}`;

/** URL of the request form, for a station (or the remembered one when omitted). */
export const requestFormUrl = (stationId?: string | null): string =>
  stationId ? `/pages/request/index?stationId=${encodeURIComponent(stationId)}` : '/pages/request/index';

/** URL of one of the resident's requests. */
export const requestDetailUrl = (id: string): string =>
  `/pages/request-detail/index?id=${encodeURIComponent(id)}`;

/** URL of one request on the station side (worker subpackage). */
export const stationRequestUrl = (id: string): string =>
  `/subpackages/worker/request/index?id=${encodeURIComponent(id)}`;

/** Tab and subpackage routes. */
export const ROUTES = {
  home: '/pages/index/index',
  mine: '/pages/mine/index',
  myRequests: '/pages/my-requests/index',
  worker: '/subpackages/worker/index/index',
  head: '/subpackages/head/index/index',
  headItems: '/subpackages/head/items/index',
  headHours: '/subpackages/head/hours/index',
  supervisor: '/subpackages/supervisor/index/index',
  district: '/subpackages/district/index/index',
} as const;
