import { ROLE_LABELS, isRole } from '../../../shared/src/auth/roles';
import { beijingDay, formatBeijing } from '../../../shared/src/calendar';
import { REGISTRATION_LABELS, type RegistrationStatus } from '../../../shared/src/domain/account';
import {
  CASE_SOURCE_LABELS,
  CASE_STAGE_LABELS,
  CASE_STATUS_LABELS,
  STAGE_OF_STATUS,
  type CaseSource,
  type CaseStatus,
} from '../../../shared/src/domain/case';
import { dayOf, type LedgerCell } from '../../../shared/src/domain/ledger';
import { qualificationReason } from '../../../shared/src/domain/qualified';
import {
  CONFIRMATION_LABELS,
  SUPERVISOR_KIND_LABELS,
  type ConfirmationStatus,
  type SupervisorKind,
} from '../../../shared/src/domain/supervision';
import { TRAINING_STATUS_LABELS, type TrainingStatus } from '../../../shared/src/domain/training';
import { mask, maskIdNumber, maskPiiInText } from '../../../shared/src/masking';
import { toAccount } from '../../_lib/authz';
import type { RawDoc } from './repo';

/**
 * One row of each ledger sheet from the stored documents (columns in the
 * order of LEDGER_HEADERS). Names as the station sees them (the files' and
 * accounts' names); ID numbers masked (shared masking: first 6 and last 4);
 * certificate numbers masked (last 4); free text (a rating's comment) with
 * phone and ID numbers masked. Cases: no record text at all (see README).
 */

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const strs = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
const time = (v: unknown): string =>
  v instanceof Date && !Number.isNaN(v.getTime()) ? formatBeijing(v, 'HH:mm') : '';
const uniq = (xs: string[]): string[] => [...new Set(xs.filter((x) => x !== ''))];

/** Shown for a record that points at a file or account no longer there. */
export const MISSING_PERSON = '（档案已删除）';
const MISSING_USER = '（账号已删除）';

/** Names and lookups a page of rows needs. */
export interface Lookups {
  persons: Map<string, RawDoc>;
  users: Map<string, RawDoc>;
}

const personNames = (ids: string[], l: Lookups): string =>
  ids.map((id) => str(l.persons.get(id)?.name) || MISSING_PERSON).join('、');
const personIds = (ids: string[], l: Lookups): string =>
  ids
    .map((id) => maskIdNumber(str(l.persons.get(id)?.idNumber)))
    .filter((x): x is string => x !== null)
    .join('、');
const userName = (id: unknown, l: Lookups): string =>
  typeof id === 'string' && id ? str(l.users.get(id)?.name) || MISSING_USER : '';
const userNames = (ids: string[], l: Lookups): string => ids.map((id) => userName(id, l)).join('、');

/** 走访台账. */
export function visitRow(n: number, v: RawDoc, l: Lookups): LedgerCell[] {
  const pids = strs(v.personIds);
  const needs = Array.isArray(v.needs)
    ? v.needs.map((x: unknown) => str((x as { area?: unknown } | null)?.area)).filter(Boolean)
    : [];
  const followUps = Array.isArray(v.followUps) ? v.followUps.length : 0;
  const conf = (v.confirmation ?? {}) as { signatureFileId?: unknown; noSignatureReason?: unknown };
  const confirmed = conf.signatureFileId
    ? '已签字'
    : str(conf.noSignatureReason)
      ? `未签字（${maskPiiInText(str(conf.noSignatureReason))}）`
      : '';
  return [
    n,
    v.startAt instanceof Date ? beijingDay(v.startAt) : '',
    time(v.startAt),
    time(v.endAt),
    personNames(pids, l),
    personIds(pids, l),
    uniq(pids.map((id) => str(l.persons.get(id)?.community))).join('、'),
    str(v.type),
    str(v.mode),
    userNames(strs(v.workerIds), l),
    uniq(needs).join('、'),
    strs(v.services).join('、'),
    str(v.risk),
    followUps > 0 ? `${followUps} 项` : '无',
    confirmed,
  ];
}

/** Whether a case counts towards `year`'s quota (the policy decides referral closures). */
export const countsForYear = (c: RawDoc, year: number, referralClosuresCount: boolean): boolean =>
  c.completedYear === year && (c.referralClosure !== true || referralClosuresCount);

/** 个案台账: who, when, where in the six stages, how it ended; no record text. */
export function caseRow(
  n: number,
  c: RawDoc,
  l: Lookups,
  year: number,
  referralClosuresCount: boolean,
): LedgerCell[] {
  const pids = strs(c.personIds);
  const status = str(c.status) as CaseStatus;
  const stage = STAGE_OF_STATUS[status];
  return [
    n,
    c._id,
    personNames(pids, l),
    personIds(pids, l),
    dayOf(c.openedAt),
    CASE_SOURCE_LABELS[str(c.source) as CaseSource] ?? str(c.source),
    userName(c.leadWorkerId, l),
    userNames(strs(c.assistantIds), l),
    userName(c.supervisorId, l),
    stage ? CASE_STAGE_LABELS[stage] : '',
    CASE_STATUS_LABELS[status] ?? status,
    num(c.noteCount),
    str(c.lastNoteDay),
    str(c.closureType),
    dayOf(c.closureApprovedAt),
    countsForYear(c, year, referralClosuresCount) ? '是' : '',
    str(c.followUpDay),
  ];
}

/** 督导台账: one row per session the station is listed on; hours count when the station confirmed. */
export function supervisionRow(
  n: number,
  row: RawDoc,
  session: RawDoc | undefined,
  l: Lookups,
): LedgerCell[] {
  const status = str(row.status) as ConfirmationStatus;
  const hours = num(row.hours);
  const s = session ?? ({ _id: '' } as RawDoc);
  return [
    n,
    s.startAt instanceof Date ? beijingDay(s.startAt) : str(row.day),
    time(s.startAt),
    hours,
    str(s.form),
    userName(s.supervisorId, l),
    SUPERVISOR_KIND_LABELS[str(s.supervisorKind) as SupervisorKind] ?? str(s.supervisorKind),
    userNames(strs(s.workerIds), l),
    str(s.project),
    strs(s.topics).join('、'),
    CONFIRMATION_LABELS[status] ?? status,
    status === 'confirmed' ? hours : 0,
  ];
}

/** 学时台账: the records made at the station; counted 学时 only once confirmed (a degree counts 90 once). */
export function trainingRow(n: number, t: RawDoc, l: Lookups): LedgerCell[] {
  const status = str(t.status) as TrainingStatus;
  return [
    n,
    userName(t.workerId, l),
    str(t.course),
    str(t.kind),
    str(t.form),
    str(t.organiser),
    str(t.startDay),
    str(t.endDay),
    num(t.hours),
    status === 'confirmed' ? num(t.countedHours ?? t.hours) : 0,
    TRAINING_STATUS_LABELS[status] ?? status,
  ];
}

/** 资质台账: each active staff member, whether they count as qualified and why, and the year's 学时. */
export function qualificationRow(n: number, u: RawDoc, hours: number, target: number): LedgerCell[] {
  const a = toAccount({ openid: '', ...u });
  const { qualified, reason } = qualificationReason(a);
  const q = a.qualification;
  return [
    n,
    a.name || '（未填写姓名）',
    isRole(u.role) ? ROLE_LABELS[u.role] : '',
    q?.kind ?? '',
    mask('certificate', q?.number ?? null) ?? '',
    q ? (REGISTRATION_LABELS[q.registrationStatus as RegistrationStatus] ?? '') : '',
    qualified ? '是' : '否',
    reason,
    Math.round(hours * 10) / 10,
    target,
  ];
}

/** 满意度台账: rated requests; the comment with personal numbers masked. */
export function ratingRow(n: number, r: RawDoc): LedgerCell[] {
  const rating = (r.rating ?? {}) as { stars?: unknown; comment?: unknown; at?: unknown };
  return [
    n,
    str(r.itemTitle) || str(r.area),
    str(r.area),
    dayOf(r.createdAt),
    dayOf(rating.at),
    num(rating.stars),
    maskPiiInText(str(rating.comment)),
  ];
}
