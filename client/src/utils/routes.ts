import type { DrillDown } from '@sgz/shared';

/** URL of a station's page (the only way pages link to it). */
export const stationPageUrl = (id: string): string => `/pages/station/index?id=${encodeURIComponent(id)}`;

/** URL of the request form, for a station (or the remembered one when omitted). */
export const requestFormUrl = (stationId?: string | null): string =>
  stationId
    ? `/subpackages/resident/request/index?stationId=${encodeURIComponent(stationId)}`
    : '/subpackages/resident/request/index';

/** URL of one of the resident's requests. */
export const requestDetailUrl = (id: string): string =>
  `/subpackages/resident/request-detail/index?id=${encodeURIComponent(id)}`;

/** URL of one request on the station side (worker subpackage). */
export const stationRequestUrl = (id: string): string =>
  `/subpackages/worker/request/index?id=${encodeURIComponent(id)}`;

/** URL of one service-user file (worker subpackage). */
export const personUrl = (id: string): string =>
  `/subpackages/worker/person/index?id=${encodeURIComponent(id)}`;

/** URL of the file form: a new file (no id) or an edit of one. */
export const personFormUrl = (id?: string): string =>
  id
    ? `/subpackages/worker/person-form/index?id=${encodeURIComponent(id)}`
    : '/subpackages/worker/person-form/index';

/** URL of the consent-at-the-door form of a file. */
export const consentFormUrl = (personId: string): string =>
  `/subpackages/worker/consent/index?personId=${encodeURIComponent(personId)}`;

/**
 * URL of the visit form (走访记录): a new visit (for a file when `personId` is given, ad hoc
 * otherwise) or one kept in the outbox (`id`: continue a draft, edit a record).
 */
export const visitFormUrl = (o: { personId?: string; id?: string } = {}): string => {
  const query = [
    o.id ? `id=${encodeURIComponent(o.id)}` : '',
    o.personId ? `personId=${encodeURIComponent(o.personId)}` : '',
  ]
    .filter(Boolean)
    .join('&');
  return `/subpackages/worker/visit/index${query ? `?${query}` : ''}`;
};

/**
 * URL of the visit list (走访记录, worker subpackage): the station's, or one person's
 * (`personId`); `stationId` for a supervisor (the staff member's own station otherwise).
 */
export const visitsUrl = (personId?: string | null, stationId?: string | null): string => {
  const query = [
    personId ? `personId=${encodeURIComponent(personId)}` : null,
    stationId ? `stationId=${encodeURIComponent(stationId)}` : null,
  ].filter((q): q is string => q !== null);
  return `/subpackages/worker/visits/index${query.length ? `?${query.join('&')}` : ''}`;
};

/** URL of one visit record (worker subpackage). */
export const visitDetailUrl = (id: string): string =>
  `/subpackages/worker/visit-detail/index?id=${encodeURIComponent(id)}`;

/** URL of one case (个案详情, worker subpackage; the head and the supervisor open it too). */
export const caseUrl = (id: string): string => `/subpackages/worker/case/index?id=${encodeURIComponent(id)}`;

/**
 * URL of 开案: for a file (`personId`), from a visit follow-up (`source=visit_follow_up`,
 * `originId` the follow-up, `visitId` its visit: the persons seen), from a request
 * (`source=resident_request`, `originId` the request).
 */
export const caseOpenUrl = (
  o: { personId?: string; source?: string; originId?: string; visitId?: string } = {},
): string => {
  const query = (['personId', 'source', 'originId', 'visitId'] as const)
    .filter((k) => o[k])
    .map((k) => `${k}=${encodeURIComponent(o[k] ?? '')}`)
    .join('&');
  return `/subpackages/worker/case-open/index${query ? `?${query}` : ''}`;
};

/** URL of a case's stage record form (intake, assessment, plan, evaluation, closure). */
export const caseStageUrl = (caseId: string, stage: string): string =>
  `/subpackages/worker/case-stage/index?caseId=${encodeURIComponent(caseId)}&stage=${encodeURIComponent(stage)}`;

/** URL of the intervention note form: a new note of a case, or one kept in the outbox (`id`). */
export const caseNoteUrl = (o: { caseId?: string; id?: string }): string =>
  o.id
    ? `/subpackages/worker/case-note/index?id=${encodeURIComponent(o.id)}`
    : `/subpackages/worker/case-note/index?caseId=${encodeURIComponent(o.caseId ?? '')}`;
/**
 * URL of 站点月报 (the station head's dashboard, head subpackage): the head's own station
 * by default; `stationId` for a supervisor or the district; `year` / `month` to open on
 * (default: this Beijing month).
 */
export const dashboardUrl = (o: { stationId?: string; year?: number; month?: number } = {}): string => {
  const query = [
    o.stationId ? `stationId=${encodeURIComponent(o.stationId)}` : null,
    o.year ? `year=${o.year}` : null,
    o.month ? `month=${o.month}` : null,
  ].filter((q): q is string => q !== null);
  return `/subpackages/head/dashboard/index${query.length ? `?${query.join('&')}` : ''}`;
};

/**
 * URL of the records behind one figure of the dashboard (记录明细, head subpackage): the
 * figure's drill-down as the dashboard function gave it (the list action and its
 * filters, carried as JSON) and the words of the figure as the page title.
 */
export const drillUrl = (drill: DrillDown, title: string): string =>
  `/subpackages/head/records/index?drill=${encodeURIComponent(JSON.stringify(drill))}&title=${encodeURIComponent(title)}`;

/** Tab and subpackage routes. */
export const ROUTES = {
  home: '/pages/index/index',
  mine: '/pages/mine/index',
  myRequests: '/subpackages/resident/my-requests/index',
  worker: '/subpackages/worker/index/index',
  workerFiles: '/subpackages/worker/files/index',
  workerOutbox: '/subpackages/worker/outbox/index',
  workerRequests: '/subpackages/worker/requests/index',
  head: '/subpackages/head/index/index',
  headItems: '/subpackages/head/items/index',
  headHours: '/subpackages/head/hours/index',
  headConflicts: '/subpackages/head/conflicts/index',
  myCases: '/subpackages/worker/cases/index',
  caseApprovals: '/subpackages/head/approvals/index',
  stationCases: '/subpackages/head/cases/index',
  headDashboard: '/subpackages/head/dashboard/index',
  supervisor: '/subpackages/supervisor/index/index',
  supervisorSession: '/subpackages/supervisor/session/index',
  headConfirmations: '/subpackages/head/confirmations/index',
  headStanding: '/subpackages/head/standing/index',
  workerHours: '/subpackages/worker/hours/index',
  district: '/subpackages/district/index/index',
  districtAssignments: '/subpackages/district/assignments/index',
  districtRecords: '/subpackages/district/records/index',
  districtPolicies: '/subpackages/district/policies/index',
  districtRegistry: '/subpackages/district/registry/index',
  districtStories: '/subpackages/district/stories/index',
  districtOverview: '/subpackages/district/overview/index',
} as const;

/** URL of one supervision session (supervisor subpackage; heads open it too). */
export const sessionDetailUrl = (id: string): string =>
  `/subpackages/supervisor/session-detail/index?id=${encodeURIComponent(id)}`;

/** URL of the 记录督导 form: new, or a draft kept on the phone (`id`). */
export const sessionFormUrl = (id?: string): string =>
  id ? `${ROUTES.supervisorSession}?id=${encodeURIComponent(id)}` : ROUTES.supervisorSession;

/**
 * URL of the 记录培训 form (worker subpackage): for the caller, or (the head) for a worker
 * of the team (`workerId`, `name` shown); `id` reopens a draft kept on the phone.
 */
export const trainingFormUrl = (o: { workerId?: string; name?: string; id?: string } = {}): string => {
  const query = [
    o.id ? `id=${encodeURIComponent(o.id)}` : '',
    o.workerId ? `workerId=${encodeURIComponent(o.workerId)}` : '',
    o.name ? `name=${encodeURIComponent(o.name)}` : '',
  ]
    .filter(Boolean)
    .join('&');
  return `/subpackages/worker/training/index${query ? `?${query}` : ''}`;
};

/** 站点档案 of one station (the district bureau's record, with its history). */
export const districtRecordUrl = (stationId: string): string =>
  `${ROUTES.districtRecords}?stationId=${encodeURIComponent(stationId)}`;

/**
 * Pages that moved to a subpackage, by their old path (no leading `/`): links made before the
 * move (a subscribe message sent earlier, a shared link) still open the page. The cloud
 * function's status message names the detail page (cloudfunctions/requests/src/config.ts).
 */
const MOVED_PAGES: Record<string, string> = {
  'pages/request/index': 'subpackages/resident/request/index',
  'pages/my-requests/index': 'subpackages/resident/my-requests/index',
  'pages/request-detail/index': 'subpackages/resident/request-detail/index',
};

/** Where a link to a page that is no longer there should go (query kept), or null. */
export function movedPageUrl(path: string, query: Record<string, unknown> = {}): string | null {
  const to = MOVED_PAGES[path.replace(/^\/+/, '').replace(/\.html$/, '')];
  if (!to) return null;
  const search = Object.entries(query)
    .filter(([, v]) => typeof v === 'string' || typeof v === 'number')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join('&');
  return `/${to}${search ? `?${search}` : ''}`;
}
