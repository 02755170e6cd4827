/**
 * The generated permission test: every cell of every row of the permission
 * table (stations.*, accounts.*, serviceItems.*, slots.*, requests.*, roster.*, visits.*,
 * supervision.*, cases.*, district.*, ledger.*, dashboard.*) — each
 * role plus an anonymous caller × each action × each kind of target (own
 * station / another station / own record / another's record / a record that
 * does not exist). The expected answer is computed from the table
 * (PERMISSIONS) and the pure scope rules; the functions run the code that
 * ships.
 *
 * No jest here: the jest files (accounts-permissions.test.ts for stations.*
 * and accounts.*, requests-permissions.test.ts for the rows served by the
 * requests function, roster-permissions.test.ts for roster.*) turn each case into a test, and
 * scripts/flip-permissions.ts runs the same cases against a function whose
 * table has one cell flipped.
 */
import { COLLECTIONS } from '../../shared/src/collections';
import { accountsContract } from '../../shared/src/contracts/accounts';
import { casesContract } from '../../shared/src/contracts/cases';
import { districtContract } from '../../shared/src/contracts/district';
import { dashboardContract } from '../../shared/src/contracts/dashboard';
import { filesContract } from '../../shared/src/contracts/files';
import { ledgerContract } from '../../shared/src/contracts/ledger';
import { requestsContract } from '../../shared/src/contracts/requests';
import { rosterContract } from '../../shared/src/contracts/roster';
import { stationsContract } from '../../shared/src/contracts/stations';
import { supervisionContract } from '../../shared/src/contracts/supervision';
import { visitsContract } from '../../shared/src/contracts/visits';
import { setupContract } from '../../shared/src/contracts/setup';
import { PERMISSIONS, isAnonymousAllowed, scopeOf, type ActionKey } from '../../shared/src/auth/permissions';
import { ROLES, type Role } from '../../shared/src/auth/roles';
import {
  reachesStation,
  reachesTarget,
  type Access,
  type Caller,
  type TargetRef,
} from '../../shared/src/auth/scope';
import { CONSENT_VERSIONS, PRIVACY_NOTICE_VERSION } from '../../shared/src/domain/account';
import { defaultQuotaPolicy } from '../../shared/src/domain/quota-policy';
import type { StationId, UserId } from '../../shared/src/ids';
import {
  ADMIN_OPENIDS,
  AWAY,
  HOME,
  SECOND,
  addAccount,
  addConsent,
  addInvite,
  addRequest,
  ensureCatalogue,
  freshCode,
  getDoc,
  itemOf,
  lastAudit,
  userIdFor,
  type AccountsCloud,
} from './accounts.fixtures';
import {
  DAGANG_COMMUNITIES,
  TANGGU_COMMUNITIES,
  addPersons,
  newId,
  personEvent,
  setCommunities,
} from './files-fixtures';
import { addRosterPreview, rosterXlsx, uploadRoster } from './roster-fixtures';

/** Who calls: a role, or nobody (no OPENID: timer, HTTP trigger). */
export type Actor = Role | 'anonymous';
/** Which target the call aims at. */
export type Variant = 'call' | 'home' | 'away' | 'self' | 'other' | 'missing';
/** One generated case. */
export interface MatrixCase {
  key: string;
  actor: Actor;
  variant: Variant;
}
/** What a case must answer. */
export type Expected = 'ok' | 'permission-denied' | 'unauthenticated' | 'not-found';

/** Prefixes of the rows exercised here: every namespace of the table. */
export const MATRIX_PREFIXES = [
  'stations.',
  'accounts.',
  'serviceItems.',
  'slots.',
  'requests.',
  'files.',
  'roster.',
  'visits.',
  'supervision.',
  'cases.',
  'setup.',
  'district.',
  'ledger.',
  'dashboard.',
];

/**
 * Permission row → the deployed function and the action that declare it
 * (derived from the contracts: one declaration per action). The requests
 * function serves three namespaces of rows (`serviceItems.*`, `slots.*`,
 * `requests.*`).
 */
const SERVED_BY = new Map<string, { fn: string; action: string }>(
  [
    stationsContract,
    accountsContract,
    requestsContract,
    filesContract,
    rosterContract,
    visitsContract,
    supervisionContract,
    casesContract,
    setupContract,
    districtContract,
    ledgerContract,
    dashboardContract,
  ].flatMap((c) =>
    Object.entries(c.actions).map(
      ([action, entry]) => [entry.permission as string, { fn: c.name as string, action }] as const,
    ),
  ),
);
/** The action (as sent in the event) that declares permission row `key`. */
export const actionOf = (key: string): string => {
  const served = SERVED_BY.get(key);
  if (!served) throw new Error(`no contract entry declares permission row ${key}`);
  return served.action;
};
/** The function that an event for action key `key` is sent to. */
export const functionOf = (key: string): string => {
  const served = SERVED_BY.get(key);
  if (!served) throw new Error(`no contract entry declares permission row ${key}`);
  return served.fn;
};
/** The actors: the five roles and the anonymous caller. */
export const ACTORS: Actor[] = [...ROLES, 'anonymous'];

/** How each action is aimed: at nothing, at a station, or at a record. */
const TARGET_KIND: Record<string, 'none' | 'station' | 'record'> = {
  'stations.listStations': 'none',
  'stations.nearestStations': 'none',
  'stations.getStation': 'none',
  'stations.updateStationProfile': 'station',
  'accounts.whoAmI': 'none',
  'accounts.acceptPrivacyNotice': 'none',
  'accounts.updateProfile': 'none',
  'accounts.recordConsent': 'none',
  'accounts.listMyConsents': 'none',
  'accounts.redeemInvite': 'none',
  'accounts.listAuditLog': 'none',
  'accounts.createInvite': 'station',
  'accounts.listInvites': 'station',
  'accounts.listStaff': 'station',
  'accounts.revokeInvite': 'record',
  'accounts.deactivateStaff': 'record',
  'accounts.updateQualification': 'record',
  'accounts.withdrawConsent': 'record',
  'serviceItems.listServiceItems': 'none',
  'serviceItems.upsertServiceItem': 'station',
  'slots.listSlots': 'none',
  'slots.updateOpeningHours': 'station',
  'requests.createRequest': 'none',
  'requests.listMyRequests': 'none',
  'requests.listStationRequests': 'station',
  'requests.getRequest': 'record',
  'requests.cancelRequest': 'record',
  'requests.rateRequest': 'record',
  'requests.transitionRequest': 'record',
  'requests.countStationRequests': 'station',
  'files.listCommunities': 'station',
  'files.updateCommunities': 'station',
  'files.createHousehold': 'station',
  'files.updateHousehold': 'record',
  'files.createPerson': 'station',
  'files.updatePerson': 'record',
  'files.getPerson': 'record',
  'files.listPersons': 'station',
  'files.listDue': 'station',
  'files.countDue': 'station',
  'files.countFiles': 'station',
  'files.recordConsent': 'record',
  'files.getMyFile': 'none',
  'files.linkRequest': 'record',
  'files.createPersonFromRequest': 'record',
  'roster.getRosterTemplate': 'station',
  'roster.previewRoster': 'station',
  'roster.importRoster': 'record',
  'visits.submitVisit': 'station',
  'visits.listVisits': 'station',
  'visits.getVisit': 'record',
  'visits.listMyFollowUps': 'none',
  'visits.listVisitConflicts': 'station',
  'visits.resolveVisitConflict': 'record',
  'supervision.assignSupervisor': 'station',
  'supervision.endAssignment': 'record',
  'supervision.listAssignments': 'station',
  'supervision.listMyAssignments': 'none',
  'supervision.submitSession': 'station',
  'supervision.listMySessions': 'none',
  'supervision.getSession': 'record',
  'supervision.confirmSession': 'record',
  'supervision.disputeSession': 'record',
  'supervision.listStationSessions': 'station',
  'supervision.submitTraining': 'record',
  'supervision.confirmTraining': 'record',
  'supervision.returnTraining': 'record',
  'supervision.listTraining': 'record',
  'supervision.listStationTraining': 'station',
  'supervision.getTrainingSummary': 'record',
  'supervision.getStationSummary': 'station',
  'supervision.listQualifiedStaff': 'station',
  'cases.openCase': 'station',
  'cases.getCase': 'record',
  'cases.saveStageRecord': 'record',
  'cases.advanceCase': 'record',
  'cases.decideApproval': 'record',
  'cases.reopenCase': 'record',
  'cases.addCaseNote': 'record',
  'cases.listCaseNotes': 'record',
  'cases.updateCaseTeam': 'record',
  'cases.referCase': 'record',
  'cases.addCaseAttachment': 'record',
  'cases.completeCaseFollowUp': 'record',
  'cases.listMyCases': 'none',
  'cases.listStationCases': 'station',
  'cases.listPendingApprovals': 'station',
  'cases.listCasesForPerson': 'record',
  'cases.listMyCaseFollowUps': 'none',
  'cases.countCompletedCases': 'station',
  'setup.runSetup': 'none',
  'district.getStationRecord': 'station',
  'district.listStationRecordHistory': 'station',
  'district.updateStationRecord': 'station',
  'district.listQuotaPolicies': 'none',
  'district.saveQuotaPolicy': 'none',
  'district.listQualificationRegistry': 'none',
  'district.recordPublicityConsent': 'record',
  'district.submitStory': 'station',
  'district.approveStory': 'record',
  'district.withdrawStory': 'record',
  'district.listStories': 'station',
  'district.listStationStories': 'none',
  'ledger.exportLedger': 'station',
  'dashboard.getStationDashboard': 'station',
  'dashboard.getDistrictOverview': 'none',
  'ledger.exportDistrictWorkbook': 'none',
};

/**
 * Which records a `record` action is tried on: the caller's own (`self`),
 * another resident's (`other`), one at the caller's station (`home`) or at
 * another station (`away`), and a missing one. Default: home / away / missing.
 */
function recordVariants(key: string, actor: Actor): Variant[] {
  switch (key) {
    case 'accounts.withdrawConsent':
    case 'requests.cancelRequest':
    case 'requests.rateRequest':
      return ['self', 'other', 'missing'];
    case 'requests.getRequest':
      return ['self', 'home', 'away', 'missing'];
    // A worker's 学时: the caller's own (no workerId), a worker at home / away, a missing one.
    case 'supervision.submitTraining':
    case 'supervision.listTraining':
    case 'supervision.getTrainingSummary':
      return ['self', 'home', 'away', 'missing'];
    case 'accounts.updateQualification':
      return actor === 'social_worker' || actor === 'station_head' || actor === 'supervisor'
        ? ['self', 'home', 'away', 'missing']
        : ['home', 'away', 'missing'];
    default:
      return ['home', 'away', 'missing'];
  }
}

/** How action `key` is aimed (undefined for rows this matrix does not cover). */
export const targetKindOf = (key: string): 'none' | 'station' | 'record' | undefined => TARGET_KIND[key];

/** Actions that write (an allowed call must leave an `ok` audit entry). */
const WRITES = new Set([
  'stations.updateStationProfile',
  'accounts.acceptPrivacyNotice',
  'accounts.updateProfile',
  'accounts.recordConsent',
  'accounts.redeemInvite',
  'accounts.createInvite',
  'accounts.revokeInvite',
  'accounts.deactivateStaff',
  'accounts.updateQualification',
  'accounts.withdrawConsent',
  'serviceItems.upsertServiceItem',
  'slots.updateOpeningHours',
  'requests.createRequest',
  'requests.cancelRequest',
  'requests.rateRequest',
  'requests.transitionRequest',
  'files.updateCommunities',
  'files.createHousehold',
  'files.updateHousehold',
  'files.createPerson',
  'files.updatePerson',
  'files.recordConsent',
  'files.linkRequest',
  'files.createPersonFromRequest',
  'roster.previewRoster',
  'roster.importRoster',
  'visits.submitVisit',
  'visits.resolveVisitConflict',
  'supervision.assignSupervisor',
  'supervision.endAssignment',
  'supervision.submitSession',
  'supervision.confirmSession',
  'supervision.disputeSession',
  'supervision.submitTraining',
  'supervision.confirmTraining',
  'supervision.returnTraining',
  'cases.openCase',
  'cases.saveStageRecord',
  'cases.advanceCase',
  'cases.decideApproval',
  'cases.reopenCase',
  'cases.addCaseNote',
  'cases.updateCaseTeam',
  'cases.referCase',
  'cases.addCaseAttachment',
  'cases.completeCaseFollowUp',
  'setup.runSetup',
  'district.updateStationRecord',
  'district.saveQuotaPolicy',
  'district.recordPublicityConsent',
  'district.submitStory',
  'district.approveStory',
  'district.withdrawStory',
]);

/** Row keys of the table covered by the matrix. */
export function matrixKeys(): string[] {
  return Object.keys(PERMISSIONS)
    .filter((k) => MATRIX_PREFIXES.some((p) => k.startsWith(p)))
    .sort();
}

/** Every case of the given rows (default: all covered rows). */
export function matrixCases(keys: string[] = matrixKeys()): MatrixCase[] {
  const out: MatrixCase[] = [];
  for (const key of keys) {
    const kind = TARGET_KIND[key];
    if (!kind) throw new Error(`matrix: no target kind for ${key} — add it to TARGET_KIND`);
    for (const actor of ACTORS) {
      const variants: Variant[] =
        kind === 'none' ? ['call'] : kind === 'station' ? ['home', 'away'] : recordVariants(key, actor);
      for (const variant of variants) out.push({ key, actor, variant });
    }
  }
  return out;
}

/** A readable name for a case. */
export const caseName = (c: MatrixCase): string => `${c.key} × ${c.actor} × ${c.variant}`;

let seq = 0;

/** Creates a fresh caller of `actor`'s role (a configured admin for district_admin). */
async function makeActor(cloud: AccountsCloud, actor: Actor): Promise<Caller | null> {
  seq += 1;
  if (actor === 'anonymous') return null;
  if (actor === 'district_admin') {
    const openid = ADMIN_OPENIDS[0] as string;
    return {
      openid,
      userId: userIdFor(openid),
      role: 'district_admin',
      stationId: null,
      stationIds: [],
      active: true,
    };
  }
  const openid = `t-${actor}-${seq}-${Math.random().toString(36).slice(2, 7)}`;
  const stationId = actor === 'social_worker' || actor === 'station_head' ? HOME : null;
  const stationIds = actor === 'supervisor' ? [HOME, SECOND] : [];
  // A supervisor's stations are its assignments active today (issue 12), not
  // the account's `stationIds`: HOME and SECOND open, AWAY ended last year.
  await addAccount(cloud.db, {
    openid,
    role: actor,
    stationId,
    stationIds: [],
    name: '测试员',
    phone: `139${String(10000000 + seq).slice(-8)}`,
    privacy: true,
  });
  if (actor === 'supervisor') {
    const periods: Array<[StationId, string, string | null]> = [
      [HOME, '2024-01-01', null],
      [SECOND, '2024-01-01', null],
      [AWAY, '2024-01-01', '2025-12-31'],
    ];
    for (const [st, from, to] of periods)
      await cloud.db.collection(COLLECTIONS.supervisorAssignments).add({
        data: {
          _id: `sa-${openid}-${st}`,
          supervisorId: userIdFor(openid),
          stationId: st,
          kind: 'district',
          from,
          to,
        },
      });
  }
  return { openid, userId: userIdFor(openid) as UserId, role: actor, stationId, stationIds, active: true };
}

/** A fresh staff account at `station` (a target of deactivate / qualification). */
async function makeWorker(
  cloud: AccountsCloud,
  station: StationId,
): Promise<{ userId: string; ref: TargetRef }> {
  seq += 1;
  const openid = `t-target-${seq}-${Math.random().toString(36).slice(2, 7)}`;
  const account = await addAccount(cloud.db, {
    openid,
    role: 'social_worker',
    stationId: station,
    name: '李四',
    phone: `137${String(10000000 + seq).slice(-8)}`,
    privacy: true,
  });
  return { userId: account._id, ref: { stationId: station, ownerId: account._id } };
}

interface Prepared {
  fn: string;
  event: Record<string, unknown>;
  /** Target for the expectation: a station id, a record's ref, or null (missing record). */
  station?: string;
  record?: TargetRef | null;
  /** The document whose content must not change on a denial. */
  watch?: { collection: string; id: string };
}

/** The 社区/村 list of a matrix station. */
const communitiesOf = (station: string): string[] =>
  station === AWAY ? DAGANG_COMMUNITIES : TANGGU_COMMUNITIES;

/** Sets the 社区/村 lists of the matrix stations (once per database). */
async function ensureCommunities(cloud: AccountsCloud): Promise<void> {
  if (await getDoc(cloud.db, COLLECTIONS.communities, HOME)) return;
  for (const station of [HOME, AWAY, SECOND]) await setCommunities(cloud.db, station, communitiesOf(station));
}

/** Builds the event (and fixtures) of a case. */
async function prepare(cloud: AccountsCloud, c: MatrixCase, me: Caller | null): Promise<Prepared> {
  const action = actionOf(c.key);
  const fn = functionOf(c.key);
  if (fn === 'requests') await ensureCatalogue(cloud.db);
  if (fn === 'files' || fn === 'visits') await ensureCommunities(cloud);
  const ev = (input: Record<string, unknown> = {}): Record<string, unknown> => ({ action, ...input });
  const station = c.variant === 'away' ? AWAY : HOME;
  switch (c.key) {
    case 'stations.listStations':
      return { fn, event: ev() };
    case 'stations.nearestStations':
      return { fn, event: ev({ latitude: 39.02, longitude: 117.65 }) };
    case 'stations.getStation':
      return { fn, event: ev({ id: HOME }) };
    case 'stations.updateStationProfile':
      // No phone: the PII scan of the run looks for unmasked numbers in every response.
      return {
        fn,
        event: ev({ stationId: station, address: '天津市滨海新区测试路 1 号', phone: null, specialty: null }),
        station,
        watch: { collection: COLLECTIONS.stations, id: station },
      };
    case 'accounts.whoAmI':
    case 'accounts.listMyConsents':
      return { fn, event: ev() };
    case 'accounts.acceptPrivacyNotice':
      // Start from "not accepted", so that an allowed call really writes.
      if (me)
        await cloud.db
          .collection(COLLECTIONS.users)
          .doc(me.userId)
          .update({ data: { privacyNotice: null } });
      return { fn, event: ev({ version: PRIVACY_NOTICE_VERSION }) };
    case 'accounts.updateProfile':
      return { fn, event: ev({ name: '王小明', phone: '13612345678' }) };
    case 'accounts.recordConsent':
      return {
        fn,
        event: ev({
          category: 'health',
          version: CONSENT_VERSIONS.health,
          scope: '求助服务中记录健康状况',
          subject: { kind: 'self' },
          capacity: 'self',
        }),
      };
    case 'accounts.listAuditLog':
      return { fn, event: ev({ limit: 5 }) };
    case 'accounts.redeemInvite': {
      const code = await addInvite(cloud.db, { stationId: AWAY });
      return { fn, event: ev({ code }), watch: { collection: COLLECTIONS.invites, id: code } };
    }
    case 'accounts.createInvite':
      return { fn, event: ev({ staffRole: 'social_worker', stationId: station }), station };
    case 'accounts.listInvites':
    case 'accounts.listStaff':
      return { fn, event: ev({ stationId: station }), station };
    case 'accounts.revokeInvite': {
      if (c.variant === 'missing') return { fn, event: ev({ code: freshCode() }), record: null };
      const code = await addInvite(cloud.db, { stationId: station });
      return {
        fn,
        event: ev({ code }),
        record: { stationId: station },
        watch: { collection: COLLECTIONS.invites, id: code },
      };
    }
    case 'accounts.deactivateStaff':
    case 'accounts.updateQualification': {
      const payload =
        c.key === 'accounts.updateQualification'
          ? {
              kind: '社会工作师',
              number: 'TJ-2024-001',
              registrationStatus: 'registered',
              registeredOn: '2024-03-01',
            }
          : {};
      if (c.variant === 'missing')
        return { fn, event: ev({ userId: `u-missing-${seq}`, ...payload }), record: null };
      if (c.variant === 'self' && me) {
        return {
          fn,
          event: ev({ userId: me.userId, ...payload }),
          record: {
            stationId: me.role === 'social_worker' || me.role === 'station_head' ? me.stationId : null,
            ownerId: me.userId,
          },
          watch: { collection: COLLECTIONS.users, id: me.userId },
        };
      }
      const w = await makeWorker(cloud, station);
      return {
        fn,
        event: ev({ userId: w.userId, ...payload }),
        record: w.ref,
        watch: { collection: COLLECTIONS.users, id: w.userId },
      };
    }
    case 'accounts.withdrawConsent': {
      if (c.variant === 'missing') return { fn, event: ev({ consentId: `c-missing-${seq}` }), record: null };
      const giver = c.variant === 'self' && me ? me.openid : `t-other-resident-${seq}`;
      const consent = await addConsent(cloud.db, giver);
      return {
        fn,
        event: ev({ consentId: consent._id }),
        record: { ownerId: consent.giverId },
        watch: { collection: COLLECTIONS.consents, id: consent._id },
      };
    }
    case 'serviceItems.listServiceItems':
      return { fn, event: ev({ stationId: HOME }) };
    case 'serviceItems.upsertServiceItem': {
      // An edit of an existing item of that station that keeps what other
      // cases rely on (bookable, capacity): a denial must leave it untouched.
      const id = itemOf(station, 'community-group');
      return {
        fn,
        event: ev({
          id,
          stationId: station,
          title: '社区兴趣小组',
          area: '社区建设',
          description: '每周一次的兴趣小组活动',
          bookable: true,
          durationMinutes: 90,
          capacityPerSlot: 10,
        }),
        station,
        watch: { collection: COLLECTIONS.serviceItems, id },
      };
    }
    case 'slots.listSlots':
      return { fn, event: ev({ stationId: HOME, itemId: itemOf(HOME, 'elder-visit'), limit: 3 }) };
    case 'slots.updateOpeningHours':
      return {
        fn,
        event: ev({ stationId: station, openingHours: { 1: [{ start: '09:00', end: '12:00' }] } }),
        station,
        watch: { collection: COLLECTIONS.slots, id: `hours~${station}` },
      };
    case 'requests.createRequest':
      return {
        fn,
        event: ev({
          requestId: `req-matrix-${seq}-${Math.random().toString(36).slice(2, 8)}`,
          stationId: HOME,
          itemId: itemOf(HOME, 'child-care'),
          description: '孩子放学后无人照看，想请社工帮忙',
          contactPhone: '13812345678',
          forWhom: 'self',
        }),
      };
    case 'requests.listMyRequests':
      return { fn, event: ev({ limit: 5 }) };
    case 'requests.listStationRequests':
    case 'requests.countStationRequests':
      return { fn, event: ev({ stationId: station }), station };
    case 'requests.getRequest':
    case 'requests.cancelRequest':
    case 'requests.rateRequest':
    case 'requests.transitionRequest': {
      const input =
        c.key === 'requests.rateRequest'
          ? { stars: 5 }
          : c.key === 'requests.transitionRequest'
            ? { step: 'accept' }
            : {};
      if (c.variant === 'missing')
        return { fn, event: ev({ requestId: `req-missing-${seq}`, ...input }), record: null };
      // `self`: the caller's own request at their station (HOME for everyone
      // without one); `other`/`home`/`away`: another resident's request.
      const owner = c.variant === 'self' && me ? me.openid : `t-other-resident-${seq}`;
      const at = c.variant === 'away' ? AWAY : HOME;
      const id = await addRequest(cloud.db, {
        ownerOpenid: owner,
        stationId: at,
        status: c.key === 'requests.rateRequest' ? 'completed' : 'submitted',
      });
      return {
        fn,
        event: ev({ requestId: id, ...input }),
        record: { stationId: at, ownerId: userIdFor(owner) },
        watch: { collection: COLLECTIONS.requests, id },
      };
    }
    case 'files.listCommunities':
    case 'files.listPersons':
    case 'files.countFiles':
    case 'files.listDue':
    case 'files.countDue':
      return { fn, event: ev({ stationId: station }), station };
    case 'files.getMyFile':
      return { fn, event: ev() };
    case 'files.updateCommunities':
      // The same list again: an allowed call rewrites it, other cases still find their 社区.
      return {
        fn,
        event: ev({ stationId: station, communities: communitiesOf(station) }),
        station,
        watch: { collection: COLLECTIONS.communities, id: station },
      };
    case 'files.createHousehold':
      return {
        fn,
        event: ev({
          householdId: newId('h'),
          stationId: station,
          community: communitiesOf(station)[0],
          address: '测试路 1 号',
        }),
        station,
      };
    case 'files.createPerson':
      return {
        fn,
        event: { ...personEvent({ stationId: station, community: communitiesOf(station)[0] }), action },
        station,
      };
    case 'files.updateHousehold': {
      if (c.variant === 'missing')
        return { fn, event: ev({ householdId: `h-missing-${seq}`, address: '改过的地址' }), record: null };
      const householdId = newId('h');
      await cloud.db.collection(COLLECTIONS.households).add({
        data: {
          _id: householdId,
          stationId: station,
          community: communitiesOf(station)[0],
          address: '测试路 2 号',
          contact: null,
          members: [],
          rev: 1,
        },
      });
      return {
        fn,
        event: ev({ householdId, address: '改过的地址' }),
        record: { stationId: station },
        watch: { collection: COLLECTIONS.households, id: householdId },
      };
    }
    case 'files.updatePerson':
    case 'files.getPerson':
    case 'files.recordConsent': {
      const input =
        c.key === 'files.updatePerson'
          ? { rev: 1, notes: '矩阵测试' }
          : c.key === 'files.recordConsent'
            ? {
                consentId: newId('pc'),
                kind: 'give',
                categories: ['health'],
                givenBy: 'self',
                day: '2026-01-05',
                method: 'verbal',
                witnessName: '李见证',
              }
            : {};
      if (c.variant === 'missing')
        return { fn, event: ev({ personId: `p-missing-${seq}`, ...input }), record: null };
      const [personId] = await addPersons(cloud.db, 1, () => ({
        stationId: station,
        community: communitiesOf(station)[0],
      }));
      return {
        fn,
        event: ev({ personId, ...input }),
        record: { stationId: station },
        watch: { collection: COLLECTIONS.persons, id: personId! },
      };
    }
    case 'files.linkRequest':
    case 'files.createPersonFromRequest': {
      const [personId] = await addPersons(cloud.db, 1, () => ({
        stationId: station,
        community: communitiesOf(station)[0],
      }));
      const input =
        c.key === 'files.linkRequest'
          ? { personId }
          : { personId: newId('p'), name: '孙玉兰', birthYear: 1948, livingSituation: '独居', risk: '一般' };
      if (c.variant === 'missing')
        return { fn, event: ev({ requestId: `req-missing-${seq}`, ...input }), record: null };
      const id = await addRequest(cloud.db, { ownerOpenid: `t-other-resident-${seq}`, stationId: station });
      return {
        fn,
        event: ev({ requestId: id, ...input }),
        record: { stationId: station },
        watch: { collection: COLLECTIONS.requests, id },
      };
    }
    case 'roster.getRosterTemplate':
      return { fn, event: ev({ stationId: station }), station };
    case 'ledger.exportLedger':
      // A past year (whatever the clock says); the station has no records: a workbook of headers.
      return { fn, event: ev({ stationId: station, year: 2025, month: 1 }), station };
    case 'roster.previewRoster': {
      const fileID = await uploadRoster(station, await rosterXlsx([{ name: '张三', birth: 1950 }]));
      return { fn, event: ev({ stationId: station, fileID }), station };
    }
    case 'roster.importRoster': {
      if (c.variant === 'missing')
        return { fn, event: ev({ previewId: `rp-missing-${seq}`, mode: 'valid-rows' }), record: null };
      const at = c.variant === 'away' ? AWAY : HOME;
      const id = await addRosterPreview(cloud.db, at);
      return {
        fn,
        event: ev({ previewId: id, mode: 'valid-rows' }),
        record: { stationId: at },
        watch: { collection: COLLECTIONS.rosterPreviews, id },
      };
    }
    case 'visits.submitVisit': {
      const [personId] = await addPersons(cloud.db, 1, () => ({
        stationId: station,
        community: communitiesOf(station)[0],
      }));
      const worker = await makeWorker(cloud, station);
      return {
        fn,
        event: ev({ id: newId('vs'), version: 1, payload: visitPayload(station, personId!, worker.userId) }),
        station,
      };
    }
    case 'visits.listVisits':
    case 'visits.listVisitConflicts':
      return { fn, event: ev({ stationId: station }), station };
    case 'visits.listMyFollowUps':
      return { fn, event: ev() };
    case 'visits.getVisit':
    case 'visits.resolveVisitConflict': {
      const input = c.key === 'visits.resolveVisitConflict' ? { keep: 'server' } : {};
      const idKey = c.key === 'visits.getVisit' ? 'visitId' : 'conflictId';
      if (c.variant === 'missing') return { fn, event: ev({ [idKey]: newId('vs'), ...input }), record: null };
      const { visitId, conflictId } = await addVisit(cloud, station);
      const collection = c.key === 'visits.getVisit' ? COLLECTIONS.visits : COLLECTIONS.visitConflicts;
      const id = c.key === 'visits.getVisit' ? visitId : conflictId;
      return {
        fn,
        event: ev({ [idKey]: id, ...input }),
        record: { stationId: station },
        watch: { collection, id },
      };
    }
    case 'supervision.assignSupervisor': {
      seq += 1;
      const sup = await addAccount(cloud.db, {
        openid: `t-sup-target-${seq}-${Math.random().toString(36).slice(2, 7)}`,
        role: 'supervisor',
        name: '赵督导',
        privacy: true,
      });
      return {
        fn,
        event: ev({ supervisorId: sup._id, stationId: station, kind: 'external', from: '2026-01-01' }),
        station,
      };
    }
    case 'supervision.endAssignment': {
      if (c.variant === 'missing')
        return { fn, event: ev({ assignmentId: `sa-missing-${seq}`, to: '2026-12-31' }), record: null };
      const id = newId('sa');
      await cloud.db.collection(COLLECTIONS.supervisorAssignments).add({
        data: {
          _id: id,
          supervisorId: 'u-sup-other',
          stationId: station,
          kind: 'external',
          from: '2026-01-01',
          to: null,
        },
      });
      return {
        fn,
        event: ev({ assignmentId: id, to: '2026-12-31' }),
        record: { stationId: station },
        watch: { collection: COLLECTIONS.supervisorAssignments, id },
      };
    }
    case 'supervision.listAssignments':
    case 'supervision.listStationSessions':
    case 'supervision.listStationTraining':
    case 'supervision.getStationSummary':
    case 'supervision.listQualifiedStaff':
      return { fn, event: ev({ stationId: station }), station };
    case 'supervision.listMyAssignments':
    case 'supervision.listMySessions':
      return { fn, event: ev() };
    case 'supervision.submitSession':
      return {
        fn,
        event: ev({
          id: newId('ses'),
          version: 1,
          payload: {
            startAt: '2026-01-05T02:00:00Z',
            endAt: '2026-01-05T04:00:00Z',
            hours: 2,
            form: '个别',
            stationIds: [station],
            workerIds: [],
            project: '社区养老服务项目',
            topics: ['个案评估方法'],
          },
        }),
        station,
      };
    case 'supervision.getSession':
    case 'supervision.confirmSession':
    case 'supervision.disputeSession': {
      const input = c.key === 'supervision.disputeSession' ? { reason: '当天没有进行督导' } : {};
      if (c.variant === 'missing')
        return { fn, event: ev({ sessionId: newId('ses'), ...input }), record: null };
      const sessionId = await addSession(cloud, station);
      return {
        fn,
        event: ev({ sessionId, ...input }),
        record: { stationId: station },
        watch: { collection: COLLECTIONS.supervisionConfirmations, id: `${sessionId}_${station}` },
      };
    }
    case 'supervision.submitTraining':
    case 'supervision.listTraining':
    case 'supervision.getTrainingSummary': {
      const input: Record<string, unknown> =
        c.key === 'supervision.submitTraining'
          ? {
              id: newId('tr'),
              version: 1,
              payload: {
                startDay: '2026-01-05',
                endDay: '2026-01-06',
                course: '老年社会工作实务',
                organiser: '滨海新区民政局',
                kind: '继续教育',
                form: '面授',
                hours: 6,
              },
            }
          : {};
      const withWorker = (workerId: string): Record<string, unknown> =>
        c.key === 'supervision.submitTraining'
          ? { ...input, payload: { ...(input.payload as Record<string, unknown>), workerId } }
          : { ...input, workerId };
      if (c.variant === 'self')
        return {
          fn,
          event: ev(input),
          record: me
            ? {
                stationId: me.role === 'social_worker' || me.role === 'station_head' ? me.stationId : null,
                ownerId: me.userId,
              }
            : null,
        };
      if (c.variant === 'missing') return { fn, event: ev(withWorker(`u-missing-${seq}`)), record: null };
      const w = await makeWorker(cloud, station);
      return { fn, event: ev(withWorker(w.userId)), record: w.ref };
    }
    case 'supervision.confirmTraining':
    case 'supervision.returnTraining': {
      const input = c.key === 'supervision.returnTraining' ? { reason: '证书照片看不清' } : {};
      if (c.variant === 'missing')
        return { fn, event: ev({ recordId: newId('tr'), ...input }), record: null };
      const w = await makeWorker(cloud, station);
      const recordId = newId('tr');
      await cloud.db.collection(COLLECTIONS.trainingRecords).add({
        data: {
          _id: recordId,
          workerId: w.userId,
          stationId: station,
          startDay: '2026-01-05',
          endDay: '2026-01-06',
          year: 2026,
          course: '老年社会工作实务',
          organiser: '滨海新区民政局',
          kind: '继续教育',
          form: '面授',
          hours: 6,
          degree: false,
          countedHours: 6,
          certificateFileId: null,
          status: 'pending',
          reason: null,
          recordedBy: w.userId,
          receivedAt: new Date('2026-01-06T02:00:00Z'),
        },
      });
      return {
        fn,
        event: ev({ recordId, ...input }),
        record: { stationId: station },
        watch: { collection: COLLECTIONS.trainingRecords, id: recordId },
      };
    }
    case 'cases.openCase': {
      const [personId] = await addPersons(cloud.db, 1, () => ({
        stationId: station,
        community: communitiesOf(station)[0],
      }));
      const worker = await makeWorker(cloud, station);
      return {
        fn,
        event: ev({
          id: newId('case'),
          stationId: station,
          personIds: [personId],
          source: 'outreach',
          leadWorkerId: worker.userId,
        }),
        station,
      };
    }
    case 'cases.listMyCases':
    case 'cases.listMyCaseFollowUps':
      return { fn, event: ev() };
    case 'cases.listStationCases':
    case 'cases.listPendingApprovals':
      return { fn, event: ev({ stationId: station }), station };
    case 'cases.countCompletedCases':
      return { fn, event: ev({ year: 2026, stationId: station }), station };
    case 'dashboard.getStationDashboard':
      return { fn, event: ev({ year: 2025, month: 6, stationId: station }), station };
    case 'dashboard.getDistrictOverview':
    case 'ledger.exportDistrictWorkbook':
      return { fn, event: ev({ year: 2025 }) };
    case 'cases.listCasesForPerson': {
      if (c.variant === 'missing') return { fn, event: ev({ personId: `p-missing-${seq}` }), record: null };
      const [personId] = await addPersons(cloud.db, 1, () => ({
        stationId: station,
        community: communitiesOf(station)[0],
      }));
      return { fn, event: ev({ personId }), record: { stationId: station } };
    }
    case 'cases.getCase':
    case 'cases.listCaseNotes':
    case 'cases.saveStageRecord':
    case 'cases.advanceCase':
    case 'cases.decideApproval':
    case 'cases.reopenCase':
    case 'cases.addCaseNote':
    case 'cases.updateCaseTeam':
    case 'cases.referCase':
    case 'cases.addCaseAttachment':
    case 'cases.completeCaseFollowUp': {
      const spec = CASE_EVENTS[c.key];
      const caseId = c.variant === 'missing' ? newId('case') : await addCase(cloud, station, me, spec.status);
      const input = spec.input(caseId);
      return {
        fn,
        event: ev(input),
        record: c.variant === 'missing' ? null : { stationId: station },
        watch: c.variant === 'missing' ? undefined : { collection: COLLECTIONS.cases, id: caseId },
      };
    }
    case 'setup.runSetup':
      return { fn, event: ev() };
    case 'district.getStationRecord':
    case 'district.listStationRecordHistory':
    case 'district.listStories':
      return { fn, event: ev({ stationId: station }), station };
    case 'district.updateStationRecord': {
      // The record's current version (earlier cases of the run may have saved it) and a new operator each time.
      const version = Number((await getDoc(cloud.db, COLLECTIONS.stations, station))?.recordVersion ?? 0);
      return {
        fn,
        event: ev({
          stationId: station,
          version,
          status: 'operating',
          specialty: '老年社会工作',
          rooms: ['档案室'],
          operatingModel: 'government_purchase',
          operatorName: `乐善社工服务中心${newId('op').replace(/[^a-z]/g, '')}`,
          operatorPhone: null,
          agreementFrom: null,
          agreementTo: null,
          funding: [],
          milestones: {
            plan_filed: { doneOn: '2022-04-20', documents: [] },
            rooms_ready: { doneOn: null, documents: [] },
            operator_in_place: { doneOn: null, documents: [] },
          },
        }),
        station,
        watch: { collection: COLLECTIONS.stations, id: station },
      };
    }
    case 'district.listQuotaPolicies':
    case 'district.listQualificationRegistry':
      return { fn, event: ev() };
    case 'district.saveQuotaPolicy': {
      const p = defaultQuotaPolicy(2099);
      return { fn, event: ev({ ...p, effectiveFrom: '2099-01-01' }) };
    }
    case 'district.listStationStories':
      return { fn, event: ev({ stationId: HOME }) };
    case 'district.recordPublicityConsent': {
      const input = {
        consentId: newId('pub'),
        kind: 'give',
        givenBy: 'self',
        day: '2026-01-05',
        method: 'verbal',
        witnessName: '张见证',
      };
      if (c.variant === 'missing')
        return { fn, event: ev({ ...input, personId: newId('pf') }), record: null };
      const [personId] = await addPersons(cloud.db, 1, () => ({
        stationId: station,
        community: communitiesOf(station)[0],
      }));
      return { fn, event: ev({ ...input, personId }), record: { stationId: station } };
    }
    case 'district.submitStory': {
      const worker = await makeWorker(cloud, station);
      return {
        fn,
        event: ev({
          storyId: newId('story'),
          stationId: station,
          kind: 'outstanding_worker',
          title: '扎根社区的好社工',
          text: '常年走访困难家庭。',
          workerId: worker.userId,
          workerConsent: true,
        }),
        station,
      };
    }
    case 'district.approveStory':
    case 'district.withdrawStory': {
      const input = c.key === 'district.withdrawStory' ? { reason: '内容需更新' } : {};
      if (c.variant === 'missing')
        return { fn, event: ev({ storyId: newId('story'), ...input }), record: null };
      const storyId = newId('story');
      await cloud.db.collection(COLLECTIONS.stories).add({
        data: {
          _id: storyId,
          stationId: station,
          kind: 'outstanding_worker',
          title: '扎根社区的好社工',
          text: '常年走访困难家庭。',
          status: 'pending',
          personId: null,
          consentId: null,
          workerId: 'u-worker-x',
          workerName: '李四',
          submittedAt: new Date('2026-01-05T02:00:00Z'),
        },
      });
      return {
        fn,
        event: ev({ storyId, ...input }),
        record: { stationId: station },
        watch: { collection: COLLECTIONS.stories, id: storyId },
      };
    }
    default:
      throw new Error(`matrix: no event for ${c.key}`);
  }
}

/** A stored session at `station` by another supervisor, with its pending confirmation row. */
async function addSession(cloud: AccountsCloud, station: string): Promise<string> {
  const sessionId = newId('ses');
  await cloud.db.collection(COLLECTIONS.supervisionSessions).add({
    data: {
      _id: sessionId,
      version: 1,
      fp: 'x',
      supervisorId: 'u-sup-other',
      supervisorKind: 'external',
      startAt: new Date('2026-01-05T02:00:00Z'),
      endAt: new Date('2026-01-05T04:00:00Z'),
      day: '2026-01-05',
      year: 2026,
      hours: 2,
      form: '团体',
      stationIds: [station],
      workerIds: [],
      project: '社区养老服务项目',
      topics: ['个案评估方法'],
      caseIds: [],
      advice: null,
      actionItems: [],
      openCount: 1,
      receivedAt: new Date('2026-01-05T05:00:00Z'),
    },
  });
  await cloud.db.collection(COLLECTIONS.supervisionConfirmations).add({
    data: {
      _id: `${sessionId}_${station}`,
      sessionId,
      stationId: station,
      supervisorId: 'u-sup-other',
      hours: 2,
      year: 2026,
      day: '2026-01-05',
      status: 'pending',
      reason: null,
      decidedBy: null,
      decidedAt: null,
    },
  });
  return sessionId;
}

/**
 * The case each `cases.*` record action is tried on (its status) and the
 * input that action is sent with (valid, so an allowed call succeeds).
 */
const CASE_EVENTS: Record<string, { status: string; input: (caseId: string) => Record<string, unknown> }> = {
  'cases.getCase': { status: 'intake', input: (caseId) => ({ caseId }) },
  'cases.listCaseNotes': { status: 'intervention', input: (caseId) => ({ caseId }) },
  'cases.saveStageRecord': {
    status: 'intake',
    input: (caseId) => ({ caseId, version: 1, stage: 'intake', record: { presentingProblem: '矩阵测试' } }),
  },
  'cases.advanceCase': { status: 'intake', input: (caseId) => ({ caseId, version: 1, move: 'accept' }) },
  'cases.decideApproval': {
    status: 'plan_review',
    input: (caseId) => ({ caseId, version: 1, decision: 'approvePlan' }),
  },
  'cases.reopenCase': { status: 'closed', input: (caseId) => ({ caseId, version: 1, reason: '矩阵测试' }) },
  'cases.addCaseNote': {
    status: 'intervention',
    input: (caseId) => ({
      id: newId('note'),
      version: 1,
      payload: { caseId, day: '2026-01-05', minutes: 30, mode: '电话', done: '矩阵测试' },
    }),
  },
  'cases.updateCaseTeam': {
    status: 'intervention',
    input: (caseId) => ({ caseId, version: 1, assistantIds: [] }),
  },
  'cases.referCase': {
    status: 'intervention',
    input: (caseId) => ({
      caseId,
      version: 1,
      referral: { kind: '机构', name: '区残联' },
      summary: '矩阵测试',
    }),
  },
  'cases.addCaseAttachment': {
    status: 'intake',
    input: (caseId) => ({ caseId, fileId: `cloud://local.bucket/cases/${caseId}/m1.jpg`, kind: '照片' }),
  },
  'cases.completeCaseFollowUp': { status: 'closed', input: (caseId) => ({ caseId, note: '矩阵测试' }) },
};

/**
 * A case of `station` in `status`, written straight into the database, with
 * the caller on it: lead worker (a worker or head), or its supervisor — so
 * that the station scope of the row is what decides (a flipped cell shows).
 */
async function addCase(
  cloud: AccountsCloud,
  station: string,
  me: Caller | null,
  status: string,
): Promise<string> {
  const caseId = newId('case');
  const worker =
    me && (me.role === 'social_worker' || me.role === 'station_head') ? me.userId : 'u-matrix-lead';
  const supervisor = me?.role === 'supervisor' ? me.userId : null;
  const closed = status === 'closed';
  await cloud.db.collection(COLLECTIONS.cases).add({
    data: {
      _id: caseId,
      stationId: station,
      personIds: [],
      source: 'outreach',
      leadWorkerId: worker,
      assistantIds: ['u-matrix-assistant'],
      workerIds: [worker, 'u-matrix-assistant'],
      supervisorId: supervisor,
      status,
      version: 1,
      records: {
        intake: {
          presentingProblem: '矩阵测试',
          background: null,
          consent: { given: true, method: '口头同意', day: null },
        },
        assessment: null,
        plan: {
          goals: [{ id: 'g1', goal: '矩阵测试', measure: '矩阵测试' }],
          strategies: '矩阵测试',
          startDay: null,
          endDay: null,
          agreement: { agreed: true, method: '口头同意', day: null },
        },
        evaluation: null,
        closure: null,
      },
      refusal: null,
      noteCount: 1,
      lastNoteDay: '2026-01-05',
      planApprovedAt:
        status === 'intake' || status === 'plan_review' ? null : new Date('2026-01-01T02:00:00Z'),
      closureType: closed ? '目标达成' : null,
      closureApprovedAt: closed ? new Date('2026-01-10T02:00:00Z') : null,
      completedYear: null,
      referralClosure: false,
      followUpDay: closed ? '2026-01-20' : null,
      followUpDone: false,
      attachments: [],
      history: [],
      openedAt: new Date('2026-01-01T02:00:00Z'),
      updatedAt: new Date('2026-01-01T02:00:00Z'),
    },
  });
  return caseId;
}

/** A valid visit payload at `station` (no sensitive field). */
const visitPayload = (station: string, personId: string, workerId: string): Record<string, unknown> => ({
  stationId: station,
  personIds: [personId],
  workerIds: [workerId],
  type: '常规探访',
  mode: '电话',
  startAt: '2026-01-05T02:00:00Z',
  endAt: '2026-01-05T02:20:00Z',
  confirmation: { noSignatureReason: '电话走访' },
});

/** A stored visit of `station` and an open conflict on it (written straight into the database). */
async function addVisit(
  cloud: AccountsCloud,
  station: string,
): Promise<{ visitId: string; conflictId: string }> {
  const visitId = newId('vs');
  const conflictId = `${visitId}-v2-matrix`;
  const doc = {
    stationId: station,
    version: 1,
    fp: 'x',
    personIds: [],
    workerIds: [],
    type: '常规探访',
    mode: '电话',
    startAt: new Date('2026-01-05T02:00:00Z'),
    endAt: new Date('2026-01-05T02:20:00Z'),
    day: '2026-01-05',
    photoFileIds: [],
    confirmation: { signatureFileId: null, noSignatureReason: '电话走访' },
  };
  await cloud.db.collection(COLLECTIONS.visits).add({ data: { _id: visitId, ...doc } });
  await cloud.db.collection(COLLECTIONS.visitConflicts).add({
    data: {
      _id: conflictId,
      visitId,
      stationId: station,
      phoneVersion: 2,
      serverVersion: 1,
      doc: { ...doc, version: 2 },
      status: 'open',
      at: new Date('2026-01-05T03:00:00Z'),
    },
  });
  return { visitId, conflictId };
}

/** The answer the table (PERMISSIONS, unflipped) and the scope rules call for. */
export function expectedOf(
  c: MatrixCase,
  me: Caller | null,
  p: Pick<Prepared, 'station' | 'record'>,
): Expected {
  if (c.actor === 'anonymous') return isAnonymousAllowed(PERMISSIONS, c.key) ? 'ok' : 'unauthenticated';
  const scope = scopeOf(PERMISSIONS, c.key, c.actor);
  if (!scope || !me) return 'permission-denied';
  const access: Access = { action: c.key, role: c.actor, scope, caller: me };
  if (p.station !== undefined) return reachesStation(access, p.station) ? 'ok' : 'permission-denied';
  if (p.record !== undefined) {
    if (p.record === null) return scope === 'all' ? 'not-found' : 'permission-denied';
    return reachesTarget(access, p.record) ? 'ok' : 'permission-denied';
  }
  return 'ok';
}

const DENIAL_MESSAGES: Record<'permission-denied' | 'unauthenticated', string> = {
  'permission-denied': '您没有权限进行此操作',
  unauthenticated: '请在微信小程序中登录后再试',
};

const diffCounts = (a: Record<string, number>, b: Record<string, number>): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const d = (b[k] ?? 0) - (a[k] ?? 0);
    if (d !== 0) out[k] = d;
  }
  return out;
};

/** Runs one case; returns what went wrong (empty: the case passes). */
export async function runCase(cloud: AccountsCloud, c: MatrixCase): Promise<string[]> {
  const me = await makeActor(cloud, c.actor);
  const p = await prepare(cloud, c, me);
  const expected = expectedOf(c, me, p);
  const watched = p.watch ? JSON.stringify(await getDoc(cloud.db, p.watch.collection, p.watch.id)) : null;
  const before = cloud.counts();
  const res = await cloud.callAs<unknown>(me?.openid ?? null, p.fn, p.event);
  const after = cloud.counts();
  const delta = diffCounts(before, after);
  const problems: string[] = [];
  const got = res.ok ? 'ok' : res.error.code;
  if (got !== expected) {
    problems.push(`expected ${expected}, got ${res.ok ? 'ok' : JSON.stringify(res.error)}`);
    return problems;
  }
  if (expected === 'permission-denied' || expected === 'unauthenticated') {
    // Same answer whether the record exists, is someone else's or is missing.
    if (
      !res.ok &&
      JSON.stringify(res.error) !== JSON.stringify({ code: expected, message: DENIAL_MESSAGES[expected] })
    ) {
      problems.push(`denial answer differs from the one fixed denial: ${JSON.stringify(res.error)}`);
    }
    if (JSON.stringify(delta) !== JSON.stringify({ [COLLECTIONS.auditLog]: 1 })) {
      problems.push(
        `a denial must write exactly one audit entry and nothing else; wrote ${JSON.stringify(delta)}`,
      );
    } else {
      const [entry] = await lastAudit(cloud.db, 1);
      if (!entry || entry.outcome !== 'denied' || entry.action !== c.key) {
        problems.push(`audit entry is not the denial of ${c.key}: ${JSON.stringify(entry)}`);
      }
      if (entry && me && JSON.stringify(entry).includes(me.openid))
        problems.push('audit entry holds the raw OPENID');
    }
    if (p.watch) {
      const now = JSON.stringify(await getDoc(cloud.db, p.watch.collection, p.watch.id));
      if (now !== watched) problems.push(`denied call changed ${p.watch.collection}/${p.watch.id}`);
    }
  } else if (expected === 'not-found') {
    if (Object.keys(delta).length)
      problems.push(`not-found must write nothing; wrote ${JSON.stringify(delta)}`);
  } else if (WRITES.has(c.key)) {
    if (!(delta[COLLECTIONS.auditLog] >= 1)) problems.push('an allowed write left no audit entry');
    else {
      const [entry] = await lastAudit(cloud.db, 1);
      if (entry?.outcome !== 'ok') problems.push(`last audit entry is not ok: ${JSON.stringify(entry)}`);
    }
  }
  return problems;
}

/** Keys as the table's type, for callers that want them typed. */
export const typedKeys = (): ActionKey[] => matrixKeys() as ActionKey[];
