import { createHash } from 'crypto';
import type { FileView, PersonDetail } from '../../../../shared/src/contracts/files';
import { beijingDay } from '../../../../shared/src/calendar';
import { CONSENT_VERSIONS, GUARDIAN_CONSENT_AGE } from '../../../../shared/src/domain/account';
import {
  birthDateOfIdNumber,
  ID_NUMBER_MESSAGES,
  idNumberProblem,
  sexOfIdNumber,
  toIdNumber18,
} from '../../../../shared/src/domain/id-number';
import {
  allowedConsents,
  consentGap,
  consentGapMessage,
  consentStatusOf,
  isUnderGuardianAge,
  type Birth,
  type PersonConsentEvent,
  type Sex,
  type TargetCategory,
} from '../../../../shared/src/domain/person';
import { AppError } from '../../../../shared/src/errors';
import { MAX_FILE_REQUESTS, type InlineConsentInput } from '../../../../shared/src/schemas/files';
import { auditRefusal, requireCaller } from '../../../_lib/authz';
import type { ActionContext } from '../../../_lib/context';
import { toPersonDetail } from '../dto';
import * as repo from '../repo';

/** Helpers the actions share: loading in scope, checks against the station, consent, the whole-file answer. */

/** The Beijing day of the call. */
export const todayOf = (ctx: ActionContext): string => beijingDay(ctx.now);

/** Loads a file as a scope target (its station), for loadInScope. */
export const personTarget =
  (ctx: ActionContext) =>
  async (id: string): Promise<(repo.RawDoc & { stationId: string }) | null> => {
    const doc = await repo.getPerson(ctx.db, id);
    return doc ? { ...doc, stationId: String(doc.stationId ?? '') } : null;
  };

/** Loads a household as a scope target (its station). */
export const householdTarget =
  (ctx: ActionContext) =>
  async (id: string): Promise<(repo.RawDoc & { stationId: string }) | null> => {
    const doc = await repo.getHousehold(ctx.db, id);
    return doc ? { ...doc, stationId: String(doc.stationId ?? '') } : null;
  };

/** Loads a request as a scope target (its station and author); a tombstone is no request. */
export const requestTarget =
  (ctx: ActionContext) =>
  async (id: string): Promise<(repo.RawDoc & { stationId: string; ownerId: string }) | null> => {
    const doc = await repo.getRequest(ctx.db, id);
    return doc && doc.abandoned !== true
      ? { ...doc, stationId: String(doc.stationId ?? ''), ownerId: String(doc.ownerId ?? '') }
      : null;
  };

/** sha256 of a value's JSON (keys sorted): "the same content" of a retried create. */
export function fingerprint(value: unknown): string {
  const canon = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canon)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.keys(v as Record<string, unknown>)
              .sort()
              .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
              .map((k) => [k, canon((v as Record<string, unknown>)[k])]),
          )
        : v;
  return createHash('sha256')
    .update(JSON.stringify(canon(value)))
    .digest('hex');
}

/** Throws `failed-precondition` unless `community` is on the station's list. */
export async function checkCommunity(
  ctx: ActionContext,
  stationId: string,
  community: string,
): Promise<void> {
  const doc = await repo.getCommunities(ctx.db, stationId);
  const list = Array.isArray(doc?.communities) ? (doc.communities as unknown[]) : [];
  if (list.length === 0) {
    throw new AppError('failed-precondition', '本站还没有设置社区/村列表，请站长先在“社区/村列表”中添加', {
      field: 'community',
    });
  }
  if (!list.includes(community)) {
    throw new AppError('failed-precondition', `“${community}”不在本站的社区/村列表中，请从列表中选择`, {
      field: 'community',
    });
  }
}

/** Throws `invalid-argument` unless `workerId` is an active social worker or head of `stationId`. */
export async function checkWorker(ctx: ActionContext, stationId: string, workerId: string): Promise<void> {
  const u = await repo.getUser(ctx.db, workerId);
  const ok =
    u !== null &&
    u.active !== false &&
    (u.role === 'social_worker' || u.role === 'station_head') &&
    u.stationId === stationId;
  if (!ok)
    throw new AppError('invalid-argument', '负责社工不是本站在职的社工或站长，请重新选择', {
      field: 'assignedWorkerId',
    });
}

/** The birth, sex and ID number a write keeps, checked against each other and against today. */
export interface BirthFields extends Birth {
  sex: Sex | null;
  idNumber: string | null;
}

/**
 * Checks and completes birth and sex with the ID number: no birth after
 * today, the ID's birth date and sex agree with what was typed, and what
 * was not typed is taken from the ID. Throws `invalid-argument`.
 */
export function resolveBirth(v: BirthFields, today: string): BirthFields {
  const bad = (field: string, message: string): never => {
    throw new AppError('invalid-argument', message, { field });
  };
  let { birthDate, birthYear, sex } = v;
  let idNumber = v.idNumber;
  if (idNumber) {
    const problem = idNumberProblem(idNumber, today);
    if (problem) bad('idNumber', ID_NUMBER_MESSAGES[problem]);
    idNumber = toIdNumber18(idNumber) ?? idNumber;
    const idBirth = birthDateOfIdNumber(idNumber);
    const idSex = sexOfIdNumber(idNumber);
    if (birthDate && idBirth && birthDate !== idBirth)
      bad('birthDate', `出生日期与身份证号中的出生日期（${idBirth}）不一致，请核对`);
    if (!birthDate && birthYear !== null && idBirth && Number(idBirth.slice(0, 4)) !== birthYear)
      bad('birthYear', `出生年份与身份证号中的出生年份（${idBirth.slice(0, 4)}）不一致，请核对`);
    if (sex && idSex && sex !== idSex) bad('sex', `性别与身份证号不一致（身份证号显示为${idSex}），请核对`);
    birthDate = birthDate ?? idBirth;
    sex = sex ?? idSex;
  }
  if (birthDate) {
    if (birthDate > today) bad('birthDate', '出生日期不能晚于今天，请核对');
    birthYear = Number(birthDate.slice(0, 4));
  }
  if (birthYear !== null && birthYear > Number(today.slice(0, 4)))
    bad('birthYear', '出生年份不能晚于今年，请核对');
  return { birthDate, birthYear, sex, idNumber };
}

/** Refuses a consent the person cannot give (a child under 14 needs a guardian) or dated after today. */
export function checkConsentInput(
  c: { givenBy: string; day: string; kind?: string },
  birth: Birth,
  today: string,
  path = '',
): void {
  if (c.day > today)
    throw new AppError('invalid-argument', '同意日期不能晚于今天，请核对', { field: `${path}day` });
  if (c.kind !== 'withdraw' && c.givenBy !== 'guardian' && isUnderGuardianAge(birth, today)) {
    throw new AppError(
      'failed-precondition',
      `不满${GUARDIAN_CONSENT_AGE}周岁的，需要由监护人表示同意，请选择“监护人”并填写监护人信息`,
      { field: `${path}givenBy` },
    );
  }
}

/** The stored form of a consent event (without `_id`). */
export function consentEventData(
  c: Omit<InlineConsentInput, 'consentId'> & { kind: 'give' | 'withdraw' },
  personId: string,
  stationId: string,
  ctx: ActionContext,
): Omit<PersonConsentEvent, '_id'> & { fp: string } {
  const caller = requireCaller(ctx.access);
  const body = {
    personId,
    stationId,
    kind: c.kind,
    categories: [...c.categories],
    versions: Object.fromEntries(c.categories.map((k) => [k, CONSENT_VERSIONS[k]])),
    givenBy: c.givenBy,
    guardian: c.guardian ?? null,
    day: c.day,
    method: c.method,
    fileId: c.method === 'paper' ? (c.fileId ?? null) : null,
    witnessName: c.method === 'verbal' ? (c.witnessName ?? null) : null,
  };
  return { ...body, fp: fingerprint(body), recordedBy: caller.userId, recordedAt: ctx.now };
}

/**
 * Refuses (after auditing the refusal) a write whose categories or health
 * notes need a consent the person has not given: `failed-precondition`
 * with the fields and the consents missing; nothing is written.
 */
export async function requireConsentFor(
  ctx: ActionContext,
  targetId: string,
  categories: readonly TargetCategory[],
  healthNotes: boolean,
  events: readonly PersonConsentEvent[],
  birth: Birth,
): Promise<void> {
  const allowed = allowedConsents(consentStatusOf(events, birth, todayOf(ctx)));
  const gap = consentGap(categories, healthNotes, allowed);
  if (gap.missing.length === 0) return;
  await auditRefusal(ctx, ctx.access, targetId);
  throw new AppError('failed-precondition', consentGapMessage(gap), {
    reason: 'consent-required',
    missing: gap.missing,
    categories: gap.categories,
    healthNotes: gap.healthNotes,
  });
}

/** A person's consent events as domain values. */
export const consentEvents = async (ctx: ActionContext, personId: string): Promise<PersonConsentEvent[]> =>
  (await repo.consentEventsOf(ctx.db, personId)).map(repo.toConsentEvent);

/** The whole file as `view` shows it (household, members, consents, requests: four reads in parallel). */
export async function detailOf(ctx: ActionContext, doc: repo.RawDoc, view: FileView): Promise<PersonDetail> {
  const householdId = typeof doc.householdId === 'string' && doc.householdId ? doc.householdId : null;
  const [household, members, consents, requests] = await Promise.all([
    householdId ? repo.getHousehold(ctx.db, householdId) : Promise.resolve(null),
    householdId ? repo.membersOf(ctx.db, householdId) : Promise.resolve([]),
    consentEvents(ctx, doc._id),
    repo.requestsOf(ctx.db, doc._id, MAX_FILE_REQUESTS),
  ]);
  return toPersonDetail(doc, view, { today: todayOf(ctx), household, members, consents, requests });
}
