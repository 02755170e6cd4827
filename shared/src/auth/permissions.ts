import type { Role, Scope } from './roles';

/**
 * THE permission table: action key (`<function>.<action>`) × role → scope.
 *
 * Deny by default: an action key with no row, or a role with no cell in its
 * row, is refused with `permission-denied`. Every action of every cloud
 * function is checked against this table by `authorize()` in
 * cloudfunctions/_lib/authz.ts before it runs; target checks (which station,
 * whose record) then use the scope found here, so widening a cell here
 * widens what the action may touch.
 *
 * No OPENID (timer, HTTP trigger): allowed only when the `resident` cell is
 * `public` (station lists are public information, readable by anyone).
 *
 * Staff are residents too: actions about one's own records (`own`) are open
 * to every role. Later features (visits, cases, supervision hours, 学时,
 * quotas, exports) add their rows when they are built; until then they are
 * refused by default.
 */
export type PermissionRow = Readonly<Partial<Record<Role, Scope>>>;
/** Action key → row. */
export type PermissionTable = Readonly<Record<string, PermissionRow>>;

const everyone = (scope: Scope): PermissionRow => ({
  resident: scope,
  social_worker: scope,
  station_head: scope,
  supervisor: scope,
  district_admin: scope,
});

/** The table itself (see the module comment for the rules). */
export const PERMISSIONS = {
  // stations: public information (names, addresses, hours, services).
  'stations.listStations': everyone('public'),
  'stations.nearestStations': everyone('public'),
  'stations.getStation': everyone('public'),
  // The station's public details (地址, 电话, 一站一品): its head, or the district for any station.
  'stations.updateStationProfile': { station_head: 'station', district_admin: 'all' },

  // accounts: one's own profile and consents.
  'accounts.whoAmI': everyone('own'),
  'accounts.acceptPrivacyNotice': everyone('own'),
  'accounts.updateProfile': everyone('own'),
  'accounts.recordConsent': everyone('own'),
  'accounts.listMyConsents': everyone('own'),
  'accounts.withdrawConsent': everyone('own'),
  // Only someone who is not yet staff redeems an invite (a deactivated staff
  // member counts as a resident and may be invited again).
  'accounts.redeemInvite': { resident: 'own' },

  // accounts: staff onboarding and management.
  'accounts.createInvite': { station_head: 'station', district_admin: 'all' },
  'accounts.revokeInvite': { station_head: 'station', district_admin: 'all' },
  'accounts.listInvites': { station_head: 'station', district_admin: 'all' },
  'accounts.listStaff': {
    social_worker: 'station',
    station_head: 'station',
    supervisor: 'assigned',
    district_admin: 'all',
  },
  'accounts.deactivateStaff': { station_head: 'station', district_admin: 'all' },
  'accounts.updateQualification': {
    social_worker: 'own',
    station_head: 'station',
    district_admin: 'all',
  },
  'accounts.listAuditLog': { district_admin: 'all' },

  // serviceItems / slots (issue 5): public catalogue, edited by the station head.
  'serviceItems.listServiceItems': everyone('public'),
  // Taking an item off the list is an upsert with `active: false` (no separate action).
  'serviceItems.upsertServiceItem': { station_head: 'station', district_admin: 'all' },
  'slots.listSlots': everyone('public'),
  'slots.updateOpeningHours': { station_head: 'station', district_admin: 'all' },

  // requests (issue 5): a resident's own requests; the station's staff work them.
  'requests.createRequest': everyone('own'),
  'requests.listMyRequests': everyone('own'),
  'requests.cancelRequest': everyone('own'),
  'requests.rateRequest': everyone('own'),
  'requests.getRequest': {
    resident: 'own',
    social_worker: 'station',
    station_head: 'station',
    supervisor: 'assigned',
    district_admin: 'all',
  },
  'requests.listStationRequests': {
    social_worker: 'station',
    station_head: 'station',
    supervisor: 'assigned',
    district_admin: 'all',
  },
  'requests.transitionRequest': { social_worker: 'station', station_head: 'station' },
  // A number for the staff's entry on 我的 (no request read): the station's own staff.
  'requests.countStationRequests': { social_worker: 'station', station_head: 'station' },

  // files (issue 9): service-user files (一人一档). The station's staff keep
  // them; supervisors see their stations' files masked; the district sees
  // counts only (countFiles), never a person; a linked resident sees their own.
  'files.listCommunities': {
    social_worker: 'station',
    station_head: 'station',
    supervisor: 'assigned',
    district_admin: 'all',
  },
  'files.updateCommunities': { station_head: 'station', district_admin: 'all' },
  'files.createHousehold': { social_worker: 'station', station_head: 'station' },
  'files.updateHousehold': { social_worker: 'station', station_head: 'station' },
  'files.createPerson': { social_worker: 'station', station_head: 'station' },
  'files.updatePerson': { social_worker: 'station', station_head: 'station' },
  'files.getPerson': { social_worker: 'station', station_head: 'station', supervisor: 'assigned' },
  'files.listPersons': { social_worker: 'station', station_head: 'station', supervisor: 'assigned' },
  'files.listDue': { social_worker: 'station', station_head: 'station' },
  'files.countDue': { social_worker: 'station', station_head: 'station' },
  'files.countFiles': {
    social_worker: 'station',
    station_head: 'station',
    supervisor: 'assigned',
    district_admin: 'all',
  },
  'files.recordConsent': { social_worker: 'station', station_head: 'station' },
  'files.getMyFile': everyone('own'),
  'files.linkRequest': { social_worker: 'station', station_head: 'station' },
  'files.createPersonFromRequest': { social_worker: 'station', station_head: 'station' },
  // roster (issue 9 part 5): the Excel roster import. The template holds no
  // personal data (the district may fetch it); previewing and importing
  // persons is the head's, for their own station only.
  'roster.getRosterTemplate': { station_head: 'station', district_admin: 'all' },
  'roster.previewRoster': { station_head: 'station' },
  'roster.importRoster': { station_head: 'station' },

  // visits (issue 10): home visits sent from the phone's outbox; follow-ups; conflicts for the head.
  'visits.submitVisit': { social_worker: 'station', station_head: 'station' },
  'visits.listVisits': { social_worker: 'station', station_head: 'station', supervisor: 'assigned' },
  'visits.getVisit': { social_worker: 'station', station_head: 'station', supervisor: 'assigned' },
  'visits.listMyFollowUps': { social_worker: 'own', station_head: 'own' },
  'visits.listVisitConflicts': { station_head: 'station' },
  'visits.resolveVisitConflict': { station_head: 'station' },

  // supervision (issue 12): supervisors and their stations (the district
  // assigns; `assigned` = the assignments active today), sessions the
  // supervisor records and each listed station's head confirms or disputes,
  // training records (学时) the worker (or the head for the team) records and
  // the head confirms (the district confirms a head's own), station standing.
  'supervision.assignSupervisor': { district_admin: 'all' },
  'supervision.endAssignment': { district_admin: 'all' },
  'supervision.listAssignments': { station_head: 'station', supervisor: 'assigned', district_admin: 'all' },
  'supervision.listMyAssignments': { supervisor: 'own' },
  'supervision.submitSession': { supervisor: 'assigned' },
  'supervision.listMySessions': { supervisor: 'own' },
  'supervision.getSession': {
    social_worker: 'station',
    station_head: 'station',
    supervisor: 'assigned',
    district_admin: 'all',
  },
  'supervision.confirmSession': { station_head: 'station' },
  'supervision.disputeSession': { station_head: 'station' },
  'supervision.listStationSessions': {
    social_worker: 'station',
    station_head: 'station',
    supervisor: 'assigned',
    district_admin: 'all',
  },
  'supervision.submitTraining': { social_worker: 'own', station_head: 'station' },
  'supervision.confirmTraining': { station_head: 'station', district_admin: 'all' },
  'supervision.returnTraining': { station_head: 'station', district_admin: 'all' },
  // Without `workerId`: one's own records / counters (every allowed role);
  // with it: a worker in scope (the head's team, a supervisor's stations).
  'supervision.listTraining': {
    social_worker: 'own',
    station_head: 'station',
    supervisor: 'assigned',
    district_admin: 'all',
  },
  'supervision.listStationTraining': {
    station_head: 'station',
    supervisor: 'assigned',
    district_admin: 'all',
  },
  'supervision.getTrainingSummary': {
    social_worker: 'own',
    station_head: 'station',
    supervisor: 'assigned',
    district_admin: 'all',
  },
  'supervision.getStationSummary': {
    social_worker: 'station',
    station_head: 'station',
    supervisor: 'assigned',
    district_admin: 'all',
  },
  'supervision.listQualifiedStaff': {
    social_worker: 'station',
    station_head: 'station',
    supervisor: 'assigned',
    district_admin: 'all',
  },
  // cases (issue 11): casework (个案), the most sensitive records. The row
  // says how far the role reaches (station / assigned stations); inside it
  // the function narrows to the case: a social worker only on cases they lead
  // or assist, a supervisor only on cases they are assigned to, the head on
  // every case of their station (cloudfunctions/cases/README.md). The
  // district has no row but the count.
  'cases.openCase': { social_worker: 'station', station_head: 'station' },
  'cases.getCase': { social_worker: 'station', station_head: 'station', supervisor: 'assigned' },
  'cases.saveStageRecord': { social_worker: 'station', station_head: 'station' },
  'cases.advanceCase': { social_worker: 'station', station_head: 'station' },
  'cases.decideApproval': { station_head: 'station', supervisor: 'assigned' },
  'cases.reopenCase': { social_worker: 'station', station_head: 'station', supervisor: 'assigned' },
  'cases.addCaseNote': { social_worker: 'station', station_head: 'station' },
  'cases.listCaseNotes': { social_worker: 'station', station_head: 'station', supervisor: 'assigned' },
  'cases.updateCaseTeam': { social_worker: 'station', station_head: 'station' },
  'cases.referCase': { social_worker: 'station', station_head: 'station' },
  'cases.addCaseAttachment': { social_worker: 'station', station_head: 'station' },
  'cases.completeCaseFollowUp': { social_worker: 'station', station_head: 'station' },
  'cases.listMyCases': { social_worker: 'own', station_head: 'own', supervisor: 'own' },
  'cases.listStationCases': { station_head: 'station' },
  'cases.listPendingApprovals': { station_head: 'station', supervisor: 'assigned' },
  'cases.listCasesForPerson': { social_worker: 'station', station_head: 'station', supervisor: 'assigned' },
  'cases.listMyCaseFollowUps': { social_worker: 'own', station_head: 'own' },
  'cases.countCompletedCases': { station_head: 'station', supervisor: 'assigned', district_admin: 'all' },
  // district (issue 14): the bureau's records of its stations (a head reads
  // their own), the quota policy editor, the qualification registry, and
  // good-practice stories (a head proposes for their station and records the
  // person's publicity consent; the district approves; residents read the
  // approved ones). The district never reaches a person's record here.
  'district.getStationRecord': { station_head: 'station', district_admin: 'all' },
  'district.listStationRecordHistory': { station_head: 'station', district_admin: 'all' },
  'district.updateStationRecord': { district_admin: 'all' },
  'district.listQuotaPolicies': { district_admin: 'all' },
  'district.saveQuotaPolicy': { district_admin: 'all' },
  'district.listQualificationRegistry': { district_admin: 'all' },
  'district.recordPublicityConsent': { station_head: 'station' },
  'district.submitStory': { station_head: 'station', district_admin: 'all' },
  'district.approveStory': { district_admin: 'all' },
  'district.withdrawStory': { station_head: 'station', district_admin: 'all' },
  'district.listStories': { station_head: 'station', district_admin: 'all' },
  'district.listStationStories': everyone('public'),
  // setup (issue 16): seed the units and stations, run data migrations. The deploy
  // operator reaches it without an OPENID through the setup token (cloudfunctions/setup).
  'setup.runSetup': { district_admin: 'all' },

  // ledger (issue 13 part 5): the station's 台账 (names, masked ID numbers,
  // every record of the period). The head files it for their station, the
  // district for any; a supervisor (cases of their own only, names masked)
  // and a worker do not export it. The monthly reminders have no callable action.
  'ledger.exportLedger': { station_head: 'station', district_admin: 'all' },
  // The station head's year (issue 13): counts only; the district reads any station (read-only).
  'dashboard.getStationDashboard': { station_head: 'station', supervisor: 'assigned', district_admin: 'all' },
  'dashboard.getDistrictOverview': { district_admin: 'all' },
  'ledger.exportDistrictWorkbook': { district_admin: 'all' },
} as const satisfies PermissionTable;

/** A key of {@link PERMISSIONS}. */
export type ActionKey = keyof typeof PERMISSIONS;

/** The scope `role` has on `key` in `table`, or null when denied (deny by default). */
export function scopeOf(table: PermissionTable, key: string, role: Role): Scope | null {
  if (!Object.prototype.hasOwnProperty.call(table, key)) return null;
  const row = table[key];
  const scope = row ? row[role] : undefined;
  return scope ?? null;
}

/** True when `key` may be called with no OPENID at all (its resident cell is `public`). */
export function isAnonymousAllowed(table: PermissionTable, key: string): boolean {
  return scopeOf(table, key, 'resident') === 'public';
}
