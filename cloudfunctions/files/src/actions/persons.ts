import { filesContract } from '../../../../shared/src/contracts/files';
import type { CreatePersonOutput, PersonDetail } from '../../../../shared/src/contracts/files';
import {
  ACTIVE_STATUS,
  buildPersonDoc,
  categoryFlags,
  type HouseholdId,
  type PersonSource,
} from '../../../../shared/src/domain/person';
import { nextDueDay } from '../../../../shared/src/domain/risk';
import { AppError } from '../../../../shared/src/errors';
import type { CreatePersonInput, InlineConsentInput } from '../../../../shared/src/schemas/files';
import { assertStationScope, auditOk, loadInScope, requireCaller, viewOf } from '../../../_lib/authz';
import { defineAction, type ActionContext } from '../../../_lib/context';
import { visitIntervals } from '../config';
import { birthOf, categoriesOf, revOf, riskOf, statusOf } from '../dto';
import * as repo from '../repo';
import {
  checkCommunity,
  checkConsentInput,
  checkWorker,
  consentEventData,
  consentEvents,
  detailOf,
  fingerprint,
  householdTarget,
  personTarget,
  requireConsentFor,
  resolveBirth,
  todayOf,
} from './common';

/** Shown when a file id is taken by other content. */
export const PERSON_ID_TAKEN = '档案编号已被使用，请返回重新填写后提交';
/** Shown when a consent id is taken by other content. */
export const CONSENT_ID_TAKEN = '同意记录编号已被使用，请返回重新填写后提交';
/** Shown when the file changed since it was read. */
export const STALE = '该档案刚被其他人修改过，请刷新后重新修改';
/** Shown when the household is not one of the station's. */
const NO_HOUSEHOLD = '没有找到该家庭，请返回重新选择';

/** The person fields of createPerson / createPersonFromRequest (without ids, name and phone). */
type PersonFields = Omit<CreatePersonInput, 'personId' | 'stationId' | 'name' | 'phone' | 'consent'>;

/** Everything a new file is made from. */
export interface CreateArgs {
  personId: string;
  stationId: string;
  name: string;
  phone: string | null;
  fields: PersonFields;
  consent: InlineConsentInput | undefined;
  source: PersonSource;
  linkedUserId: string | null;
  /** Fingerprint of the call's input: the same input again is a retry. */
  fp: string;
}

/** The household a file joins: one of the station's (else the same refusal as a missing one). */
async function householdFor(
  ctx: ActionContext,
  stationId: string,
  householdId: string,
): Promise<repo.RawDoc & { stationId: string }> {
  const h = await householdTarget(ctx)(householdId);
  if (!h || h.stationId !== stationId)
    throw new AppError('failed-precondition', NO_HOUSEHOLD, { field: 'householdId' });
  return h;
}

/**
 * Creates a file (createPerson, createPersonFromRequest): checks, then the
 * consent given at the door (if any), then the file, then the household's
 * member list. Idempotent by the phone's ids: the same input again answers
 * the stored file with `created: false`.
 */
export async function createPersonCore(ctx: ActionContext, a: CreateArgs): Promise<CreatePersonOutput> {
  const caller = requireCaller(ctx.access);
  const today = todayOf(ctx);

  // A retry of a create that went through: answer the stored file.
  const existing = await repo.getPerson(ctx.db, a.personId);
  if (existing) {
    if (existing.fp !== a.fp) throw new AppError('already-exists', PERSON_ID_TAKEN, { field: 'personId' });
    return { person: await detailOf(ctx, existing, 'station'), created: false };
  }

  const f = a.fields;
  const birth = resolveBirth(
    {
      birthDate: f.birthDate ?? null,
      birthYear: f.birthYear ?? null,
      sex: f.sex ?? null,
      idNumber: f.idNumber ?? null,
    },
    today,
  );
  let community = f.community ?? null;
  const householdId = f.householdId ?? null;
  if (householdId) {
    const h = await householdFor(ctx, a.stationId, householdId);
    community = typeof h.community === 'string' ? h.community : community;
  } else if (community) {
    await checkCommunity(ctx, a.stationId, community);
  }
  if (f.assignedWorkerId) await checkWorker(ctx, a.stationId, f.assignedWorkerId);
  if (f.lastVisitDay && f.lastVisitDay > today)
    throw new AppError('invalid-argument', '最近一次走访日期不能晚于今天', { field: 'lastVisitDay' });
  if (birth.idNumber) {
    const dup = await repo.findByIdNumber(ctx.db, a.stationId, birth.idNumber, a.personId);
    if (dup)
      throw new AppError('already-exists', '本站已有身份证号相同的档案，请打开该档案，不要重复建档', {
        reason: 'duplicate-person',
        personId: dup._id,
      });
  }

  // Consent given at the door with this form, checked before anything is written.
  const categories = f.categories ?? [];
  const healthNotes = f.healthNotes ?? null;
  const consent = a.consent
    ? consentEventData({ ...a.consent, kind: 'give' }, a.personId, a.stationId, ctx)
    : null;
  if (a.consent && consent) {
    checkConsentInput(a.consent, birth, today, 'consent.');
    const taken = await repo.getConsentEvent(ctx.db, a.consent.consentId);
    if (taken && taken.fp !== consent.fp)
      throw new AppError('already-exists', CONSENT_ID_TAKEN, { field: 'consent.consentId' });
  }
  const events = consent && a.consent ? [{ ...consent, _id: a.consent.consentId }] : [];
  await requireConsentFor(ctx, a.personId, categories, healthNotes !== null, events, birth);

  const intervals = await visitIntervals(ctx.db, ctx.now);
  const data = {
    ...buildPersonDoc(
      {
        stationId: a.stationId,
        householdId,
        relationship: householdId ? (f.relationship ?? null) : null,
        community,
        name: a.name,
        sex: birth.sex,
        birthDate: birth.birthDate,
        birthYear: birth.birthYear,
        phone: a.phone,
        idNumber: birth.idNumber,
        categories,
        livingSituation: f.livingSituation,
        status: f.status ?? ACTIVE_STATUS,
        risk: f.risk,
        assignedWorkerId: f.assignedWorkerId ?? null,
        notes: f.notes ?? null,
        healthNotes,
        linkedUserId: a.linkedUserId,
        lastVisitDay: f.lastVisitDay ?? null,
        source: a.source,
      },
      { now: ctx.now, openedDay: today, by: caller.userId, intervals },
    ),
    fp: a.fp,
  };
  // The file first: a consent event never names a file that is not there.
  const outcome = await repo.insertPerson(ctx.db, a.personId, data, (e) => e.fp === a.fp);
  if (outcome.status === 'conflict')
    throw new AppError('already-exists', PERSON_ID_TAKEN, { field: 'personId' });
  if (a.consent && consent) {
    await repo.insertConsentEvent(ctx.db, a.consent.consentId, consent, (e) => e.fp === consent.fp);
  }
  if (householdId)
    await repo.addMember(ctx.db, householdId, { personId: a.personId, relationship: f.relationship ?? null });
  await auditOk(ctx, ctx.access, a.personId);
  const stored = (await repo.getPerson(ctx.db, a.personId)) ?? { ...data, _id: a.personId };
  return { person: await detailOf(ctx, stored, 'station'), created: outcome.status === 'inserted' };
}

/** `createPerson`: a new file at the caller's station (staff), optionally with the consent given at the door. */
export const createPerson = defineAction({
  contract: filesContract.actions.createPerson,
  async handle(input, ctx): Promise<CreatePersonOutput> {
    await assertStationScope(ctx, ctx.access, input.stationId);
    const { personId, stationId, name, phone, consent, ...fields } = input;
    return createPersonCore(ctx, {
      personId,
      stationId,
      name,
      phone: phone ?? null,
      fields,
      consent,
      source: 'manual',
      linkedUserId: null,
      fp: fingerprint(input),
    });
  },
});

/** `getPerson`: one file, whole for the station's staff, masked for supervisors (audited by the pipeline). */
export const getPerson = defineAction({
  contract: filesContract.actions.getPerson,
  async handle(input, ctx): Promise<{ person: PersonDetail }> {
    const doc = await loadInScope(ctx, ctx.access, input.personId, personTarget(ctx));
    const view = viewOf(ctx.access, doc) === 'station' ? 'station' : 'oversight';
    return { person: await detailOf(ctx, doc, view) };
  },
});

/**
 * `updatePerson`: changed fields only, at the revision the editor read. A
 * new set of categories or health notes needs its consent; a change of risk
 * or status recomputes the next due day; a change of household moves the
 * member and copies the household's 社区/村.
 */
export const updatePerson = defineAction({
  contract: filesContract.actions.updatePerson,
  async handle(input, ctx): Promise<{ person: PersonDetail }> {
    const caller = requireCaller(ctx.access);
    const doc = await loadInScope(ctx, ctx.access, input.personId, personTarget(ctx));
    if (revOf(doc) !== input.rev) throw new AppError('failed-precondition', STALE, { reason: 'stale' });
    const today = todayOf(ctx);
    const stationId = doc.stationId;
    const stored = birthOf(doc);
    const has = <K extends keyof typeof input>(k: K): boolean => input[k] !== undefined;

    const patch: Record<string, unknown> = {};
    if (has('birthDate') || has('birthYear') || has('sex') || has('idNumber')) {
      const b = resolveBirth(
        {
          birthDate: has('birthDate') ? (input.birthDate ?? null) : stored.birthDate,
          birthYear:
            has('birthDate') && input.birthDate
              ? null
              : has('birthYear')
                ? (input.birthYear ?? null)
                : stored.birthYear,
          sex: has('sex')
            ? (input.sex ?? null)
            : typeof doc.sex === 'string'
              ? (doc.sex as '男' | '女')
              : null,
          idNumber: has('idNumber')
            ? (input.idNumber ?? null)
            : typeof doc.idNumber === 'string'
              ? doc.idNumber
              : null,
        },
        today,
      );
      if (b.birthDate === null && b.birthYear === null)
        throw new AppError('invalid-argument', '请填写出生日期，或至少填写出生年份', { field: 'birthDate' });
      if (b.idNumber && b.idNumber !== doc.idNumber) {
        const dup = await repo.findByIdNumber(ctx.db, stationId, b.idNumber, doc._id);
        if (dup)
          throw new AppError('already-exists', '本站已有身份证号相同的档案，请打开该档案，不要重复建档', {
            reason: 'duplicate-person',
            personId: dup._id,
          });
      }
      Object.assign(patch, {
        birthDate: b.birthDate,
        birthYear: b.birthYear,
        sex: b.sex,
        idNumber: b.idNumber,
      });
    }
    const birth = {
      birthDate: (patch.birthDate as string | null | undefined) ?? stored.birthDate,
      birthYear: (patch.birthYear as number | null | undefined) ?? stored.birthYear,
    };

    // Consent for what this write adds.
    const categories = input.categories ?? categoriesOf(doc);
    const writesHealth = typeof input.healthNotes === 'string';
    if (input.categories !== undefined || writesHealth) {
      await requireConsentFor(
        ctx,
        doc._id,
        input.categories ?? [],
        writesHealth,
        await consentEvents(ctx, doc._id),
        birth,
      );
    }
    if (input.categories !== undefined)
      Object.assign(patch, { categories, catFlags: categoryFlags(categories) });
    if (has('healthNotes')) patch.healthNotes = input.healthNotes ?? null;

    for (const k of ['name', 'phone', 'livingSituation', 'notes', 'risk', 'status'] as const)
      if (has(k)) patch[k] = input[k] ?? null;
    if (has('linkedUserId')) patch.linkedUserId = null;
    if (has('assignedWorkerId')) {
      if (input.assignedWorkerId) await checkWorker(ctx, stationId, input.assignedWorkerId);
      patch.assignedWorkerId = input.assignedWorkerId ?? null;
    }
    if (has('lastVisitDay')) {
      if (input.lastVisitDay && input.lastVisitDay > today)
        throw new AppError('invalid-argument', '最近一次走访日期不能晚于今天', { field: 'lastVisitDay' });
      patch.lastVisitDay = input.lastVisitDay ?? null;
    }

    // Household and 社区/村.
    const oldHousehold =
      typeof doc.householdId === 'string' && doc.householdId ? (doc.householdId as HouseholdId) : null;
    const newHousehold = has('householdId') ? (input.householdId ?? null) : oldHousehold;
    if (newHousehold !== oldHousehold || has('relationship')) {
      if (newHousehold) {
        const h = await householdFor(ctx, stationId, newHousehold);
        patch.community = typeof h.community === 'string' ? h.community : null;
      }
      patch.householdId = newHousehold;
      patch.relationship = newHousehold
        ? has('relationship')
          ? (input.relationship ?? null)
          : (doc.relationship ?? null)
        : null;
    }
    if (!newHousehold && has('community')) {
      if (input.community) await checkCommunity(ctx, stationId, input.community);
      patch.community = input.community ?? null;
    }

    // The pace.
    if (has('risk') || has('status') || has('lastVisitDay')) {
      const intervals = await visitIntervals(ctx.db, ctx.now);
      patch.nextDueDay = nextDueDay(
        {
          risk: input.risk ?? riskOf(doc),
          active: (input.status ?? statusOf(doc)) === ACTIVE_STATUS,
          lastVisitDay: has('lastVisitDay')
            ? (input.lastVisitDay ?? null)
            : typeof doc.lastVisitDay === 'string'
              ? doc.lastVisitDay
              : null,
          openedDay: typeof doc.openedDay === 'string' ? doc.openedDay : today,
        },
        intervals,
      );
    }
    if (Object.keys(patch).length === 0) return { person: await detailOf(ctx, doc, 'station') };

    const changed = await repo.updatePersonAt(ctx.db, doc._id, input.rev, {
      ...patch,
      updatedAt: ctx.now,
      updatedBy: caller.userId,
    });
    if (!changed) throw new AppError('failed-precondition', STALE, { reason: 'stale' });
    if (oldHousehold !== newHousehold && oldHousehold) await repo.removeMember(ctx.db, oldHousehold, doc._id);
    if (newHousehold && (oldHousehold !== newHousehold || has('relationship')))
      await repo.setMember(ctx.db, newHousehold, {
        personId: doc._id,
        relationship: (patch.relationship as string | null | undefined) ?? null,
      });
    await auditOk(ctx, ctx.access, doc._id);
    const after = (await repo.getPerson(ctx.db, doc._id)) ?? doc;
    return { person: await detailOf(ctx, after, 'station') };
  },
});
