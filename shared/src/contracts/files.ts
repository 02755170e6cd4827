import type { Role } from '../auth/roles';
import type { SensitiveCategory } from '../domain/account';
import type { HouseholdRelationship } from '../domain/household';
import type {
  ConsentGiver,
  ConsentMethod,
  ConsentStatus,
  LivingSituation,
  PersonSource,
  PersonStatus,
  Sex,
  TargetCategory,
} from '../domain/person';
import type { RequestStatus } from '../domain/request';
import type { DueBucket, RiskTier } from '../domain/risk';
import type { ServiceArea } from '../domain/station';
import * as S from '../schemas/files';
import { action, defineContract, type InputsOf, type OutputsOf } from './define';

/**
 * Contract of the `files` cloud function: service-user files (一人一档),
 * households, the visit pace by risk, consent given at the door, and the
 * link between residents' requests and files (issue 9).
 *
 * Views (cloudfunctions/_lib/authz/view.ts): the station's own staff get the
 * `station` view of one file (getPerson: names, phones, ID number in full);
 * supervisors of assigned stations get the `oversight` view (masked
 * everywhere); the district gets counts only (countFiles), never persons;
 * a linked resident gets their own summary (getMyFile). EVERY list masks
 * names (`张*`), phones (`138****1234`) and ID numbers (`120107********1234`).
 *
 * Errors (besides `invalid-argument` with a Chinese message and `details.field`,
 * and `permission-denied` 您没有权限进行此操作 — the same for a missing file and
 * one of another station, so ids cannot be probed):
 * - createPerson / updatePerson / createPersonFromRequest with a sensitive
 *   category or health notes and no valid consent: `failed-precondition`,
 *   `details: { reason: 'consent-required', missing: SensitiveCategory[],
 *   categories: TargetCategory[], healthNotes: boolean }`; nothing written.
 * - createHousehold / updateHousehold / createPerson with a 社区/村 not in the
 *   station's list: `failed-precondition` (`details.field: 'community'`).
 * - createPerson / createHousehold / recordConsent with an id already used for
 *   other content: `already-exists`; the same content again answers the stored
 *   record (`created: false`), so a retry from a weak signal is safe.
 * - createPerson with the ID number of an existing file of the station:
 *   `already-exists`, `details: { reason: 'duplicate-person', personId }`.
 * - updatePerson with a stale `rev`: `failed-precondition`
 *   (`details.reason: 'stale'`): reload the file and edit again.
 * - linkRequest / createPersonFromRequest of a request of another station:
 *   `permission-denied`; a request already attached to another file:
 *   `failed-precondition` (`details.personId`).
 */

/** A page of items; `total` counted by the database; pass `nextCursor` back as `cursor` (null: last page). */
export interface FilesPage<T> {
  items: T[];
  total: number;
  nextCursor: string | null;
}

/** Which view the caller got. */
export type FileView = 'station' | 'oversight';

/** One file in a list (listPersons, listDue): masked for everyone. */
export interface PersonListItem {
  id: string;
  stationId: string;
  /** `张*`. */
  nameMasked: string;
  sex: Sex | null;
  /** Whole years on the Beijing day of the call (the lower bound when only the year is known). */
  age: number | null;
  /** `138****1234`. */
  phoneMasked: string | null;
  /** `120107********1234`. */
  idNumberMasked: string | null;
  community: string | null;
  /** Only the categories the file may show (consent held). */
  categories: TargetCategory[];
  risk: RiskTier;
  status: PersonStatus;
  livingSituation: LivingSituation;
  assignedWorkerId: string | null;
  lastVisitDay: string | null;
  nextDueDay: string | null;
  /** The due bucket on the day of the call (null: later, or not 在册). */
  due: DueBucket | null;
  /** Days overdue (0 when not overdue). */
  daysOverdue: number;
  /** True when the file is linked to a WeChat account. */
  linked: boolean;
}

/** A consent event as the file shows it. */
export interface PersonConsentDto {
  id: string;
  kind: 'give' | 'withdraw';
  categories: SensitiveCategory[];
  /** Chinese labels of `categories`. */
  labels: string[];
  givenBy: ConsentGiver;
  /** Masked (`李*`) outside the station view. */
  guardian: { name: string; relationship: string } | null;
  day: string;
  method: ConsentMethod;
  /** The photographed form (station view only; null otherwise). */
  fileId: string | null;
  /** Masked outside the station view. */
  witnessName: string | null;
  recordedAt: string;
}

/** A household as shown on a file (members masked). */
export interface HouseholdDto {
  id: string;
  stationId: string;
  community: string;
  /** The address detail; `***` outside the station view. */
  address: string;
  /** Phone masked outside the station view; name masked outside it. */
  contact: { name: string; phone: string; relationship: string | null } | null;
  members: { personId: string; nameMasked: string; relationship: HouseholdRelationship | null }[];
  rev: number;
  updatedAt: string;
}

/** A request attached to the file (no free text: it stays in the requests screens). */
export interface PersonRequestDto {
  id: string;
  status: RequestStatus;
  statusLabel: string;
  itemTitle: string | null;
  area: ServiceArea;
  createdAt: string;
}

/** One file, whole (getPerson, and the answer of every write). */
export interface PersonDetail {
  id: string;
  stationId: string;
  view: FileView;
  /** Full in the station view; `张*` in the oversight view. */
  name: string;
  sex: Sex | null;
  birthDate: string | null;
  birthYear: number | null;
  age: number | null;
  /** Full in the station view; masked otherwise. */
  phone: string | null;
  /** Full in the station view; masked otherwise. */
  idNumber: string | null;
  householdId: string | null;
  relationship: HouseholdRelationship | null;
  community: string | null;
  household: HouseholdDto | null;
  /** Only the categories the file may show (consent held). */
  categories: TargetCategory[];
  livingSituation: LivingSituation;
  status: PersonStatus;
  risk: RiskTier;
  assignedWorkerId: string | null;
  /** Free notes; phones and ID numbers in them masked outside the station view. */
  notes: string | null;
  /** Health notes: only with a valid health consent, and only in the station view. */
  healthNotes: string | null;
  linkedUserId: string | null;
  lastVisitDay: string | null;
  nextDueDay: string | null;
  due: DueBucket | null;
  daysOverdue: number;
  /** Which sensitive fields the file may keep now, per category (the consent state). */
  keep: Record<SensitiveCategory, ConsentStatus>;
  consents: PersonConsentDto[];
  /** Requests attached to the file, newest first (at most 20). */
  requests: PersonRequestDto[];
  source: PersonSource;
  /** The revision to send back with updatePerson. */
  rev: number;
  createdAt: string;
  updatedAt: string;
}

/** Answer of createPerson / createPersonFromRequest (the same file for every retry with the same id). */
export interface CreatePersonOutput {
  person: PersonDetail;
  /** False when an earlier call with the same id created it. */
  created: boolean;
}

/** The station's 社区 / 村 list. */
export interface CommunitiesOutput {
  stationId: string;
  communities: string[];
  updatedAt: string | null;
}

/** A bucket of the due list. */
export interface DueBucketDto {
  bucket: DueBucket;
  /** 已逾期 / 今日待访 / 本周待访. */
  label: string;
  /** count() of the bucket. */
  total: number;
  /** Sorted by due day, the earliest first. */
  items: PersonListItem[];
  nextCursor: string | null;
}

/** listDue output. */
export interface ListDueOutput {
  stationId: string;
  /** Beijing day the buckets are computed for, and the last day of 本周待访 (today + 6). */
  today: string;
  weekEnd: string;
  /** Only the caller's assigned files. */
  mine: boolean;
  /** In the order overdue, today, week (only the one asked for when `bucket` is given). */
  buckets: DueBucketDto[];
}

/** countDue output: the badge on 我的. */
export interface CountDueOutput {
  stationId: string;
  /** Beijing day the counts are for. */
  day: string;
  overdue: number;
  today: number;
  week: number;
}

/** Counts by risk and category (category counts overlap: a person may have several). */
export interface FileCounts {
  total: number;
  byRisk: Record<RiskTier, number>;
  byCategory: Record<TargetCategory, number>;
}

/** countFiles output: the whole scope, and per station. */
export interface CountFilesOutput extends FileCounts {
  status: PersonStatus;
  byStation: (FileCounts & { stationId: string })[];
}

/** A resident's own file (getMyFile). */
export interface MyFileDto {
  id: string;
  stationId: string;
  stationName: string | null;
  name: string;
  community: string | null;
  status: PersonStatus;
  categories: TargetCategory[];
  lastVisitDay: string | null;
  nextDueDay: string | null;
  keep: Record<SensitiveCategory, ConsentStatus>;
  consents: PersonConsentDto[];
  /** Who opened the file and when: role only, never a name (newest first, at most 50). */
  openedBy: { role: Role | null; roleLabel: string; at: string }[];
}

/** getMyFile output (null: no file is linked to the caller's account). */
export interface GetMyFileOutput {
  file: MyFileDto | null;
}

/** linkRequest output. */
export interface LinkRequestOutput {
  requestId: string;
  personId: string;
  /** True when the file is now linked to the requester's account. */
  linked: boolean;
}

/**
 * The `files` function (see ./define.ts). Reads of persons beyond one's own
 * are audited by the pipeline (`personal-read`): getPerson with the file's
 * id as target (this is what a resident sees in getMyFile), lists with the
 * station as target.
 */
export const filesContract = defineContract('files', {
  listCommunities: action<CommunitiesOutput>()({
    input: S.listCommunitiesInput,
    permission: 'files.listCommunities',
  }),
  updateCommunities: action<CommunitiesOutput>()({
    input: S.updateCommunitiesInput,
    permission: 'files.updateCommunities',
  }),
  createHousehold: action<{ household: HouseholdDto; created: boolean }>()({
    input: S.createHouseholdInput,
    permission: 'files.createHousehold',
  }),
  updateHousehold: action<{ household: HouseholdDto }>()({
    input: S.updateHouseholdInput,
    permission: 'files.updateHousehold',
  }),
  createPerson: action<CreatePersonOutput>()({
    input: S.createPersonInput,
    permission: 'files.createPerson',
  }),
  updatePerson: action<{ person: PersonDetail }>()({
    input: S.updatePersonInput,
    permission: 'files.updatePerson',
  }),
  getPerson: action<{ person: PersonDetail }>()({
    input: S.getPersonInput,
    permission: 'files.getPerson',
    audit: 'personal-read',
    auditTarget: 'personId',
  }),
  listPersons: action<FilesPage<PersonListItem>>()({
    input: S.listPersonsInput,
    permission: 'files.listPersons',
    audit: 'personal-read',
    auditTarget: 'stationId',
  }),
  listDue: action<ListDueOutput>()({
    input: S.listDueInput,
    permission: 'files.listDue',
    audit: 'personal-read',
    auditTarget: 'stationId',
  }),
  countDue: action<CountDueOutput>()({ input: S.countDueInput, permission: 'files.countDue' }),
  countFiles: action<CountFilesOutput>()({ input: S.countFilesInput, permission: 'files.countFiles' }),
  recordConsent: action<{ consent: PersonConsentDto; person: PersonDetail; created: boolean }>()({
    input: S.recordPersonConsentInput,
    permission: 'files.recordConsent',
  }),
  getMyFile: action<GetMyFileOutput>()({ input: S.getMyFileInput, permission: 'files.getMyFile' }),
  linkRequest: action<LinkRequestOutput>()({ input: S.linkRequestInput, permission: 'files.linkRequest' }),
  createPersonFromRequest: action<CreatePersonOutput>()({
    input: S.createPersonFromRequestInput,
    permission: 'files.createPersonFromRequest',
  }),
});

/** Action names of the files function. */
export type FilesAction = keyof typeof filesContract.actions;
/** Input type per action (as the caller sends it). */
export type FilesInputs = InputsOf<typeof filesContract>;
/** Output type per action. */
export type FilesOutputs = OutputsOf<typeof filesContract>;
