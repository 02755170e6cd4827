import {
  districtContract,
  type PublicityConsentDto,
  type StoryDto,
} from '../../../../shared/src/contracts/district';
import { MAX_PUBLIC_STORIES } from '../../../../shared/src/domain/district';
import { isUnderGuardianAge } from '../../../../shared/src/domain/person';
import { AppError } from '../../../../shared/src/errors';
import { findUnmaskedPii } from '../../../../shared/src/masking';
import {
  assertStationScope,
  assertTargetScope,
  auditOk,
  requireCaller,
  scopeFilter,
} from '../../../_lib/authz';
import { defineAction, type ActionContext } from '../../../_lib/context';
import type { Condition } from '../../../_lib/store';
import { toPublicStory, toStoryDto } from '../dto';
import * as repo from '../repo';
import { STATION_NOT_FOUND } from './records';

/** Shown when a case story has no standing publicity consent behind it. */
export const CONSENT_MISSING =
  '没有找到该服务对象（或其监护人）同意公开宣传的有效登记，不能提交或发布案例故事。请先征得同意并登记宣传同意';
/** Shown when a story names a phone or ID number. */
export const NOT_ANONYMOUS = '故事中有电话号码或身份证号，请删去后再提交（宣传内容须匿名）';
/** Shown when a case story names the person. */
export const NAMES_PERSON = '故事中出现了服务对象的姓名，请改用化名（如“张阿姨”）后再提交';
/** Shown when the worker is not staff of the station. */
export const WORKER_NOT_HERE = '该社工不在本站在岗，请重新选择';
/** Shown for a person under 14 whose own consent is recorded. */
export const GUARDIAN_REQUIRED = '服务对象未满 14 周岁，须由监护人表示同意，请改为监护人同意';
/** Shown when a story id is reused for other content. */
export const STORY_ID_TAKEN = '该故事编号已被使用，请重新提交';
/** Shown when a story is no longer waiting for approval. */
export const NOT_PENDING = '该故事已发布或已撤下，不能再审核；已撤下的故事如需发布请重新提交';
/** Shown when a story is already withdrawn. */
export const ALREADY_WITHDRAWN = '该故事已撤下';
const STORY_NOT_FOUND = '没有找到该故事，可能已被删除';
const PERSON_NOT_FOUND = '没有找到该服务对象的档案，请返回重新选择';

const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);

/** Station names by id, for story lists. */
async function stationNames(ctx: ActionContext, ids: string[]): Promise<Map<string, string | null>> {
  const docs = await repo.stationsByIds(ctx.db, ids.filter(Boolean));
  return new Map([...docs].map(([id, d]) => [id, str(d.officialName)]));
}

/** Stories as DTOs (their consents and station names read in two queries). */
async function storyDtos(ctx: ActionContext, docs: repo.RawDoc[]): Promise<StoryDto[]> {
  const [consents, names] = await Promise.all([
    repo.consentsByIds(
      ctx.db,
      docs.map((d) => str(d.consentId) ?? ''),
    ),
    stationNames(
      ctx,
      docs.map((d) => str(d.stationId) ?? ''),
    ),
  ]);
  return docs.map((d) => toStoryDto(d, consents, names));
}

/**
 * The consent behind a case story, if it still stands: a `give` for a file of
 * `stationId`, not revoked, and the person's latest publicity consent event
 * (no withdrawal recorded since). Null otherwise.
 */
async function standingConsent(ctx: ActionContext, consentId: string, stationId: string) {
  const c = await repo.getConsent(ctx.db, consentId);
  if (!c || c.kind !== 'give' || c.stationId !== stationId || c.revokedAt) return null;
  const personId = str(c.personId);
  if (!personId) return null;
  const latest = await repo.latestConsentOf(ctx.db, personId);
  return latest && latest._id === c._id ? { consent: c, personId } : null;
}

/**
 * `recordPublicityConsent` (the station's head): a person's consent, or its
 * withdrawal, to an anonymised story about them being shown to residents.
 * Append-only, under the phone's id (a repeat is not stored twice). A
 * withdrawal takes every case story about the person down at once.
 */
export const recordPublicityConsent = defineAction({
  contract: districtContract.actions.recordPublicityConsent,
  async handle(input, ctx) {
    const caller = requireCaller(ctx.access);
    const person = await repo.getPersonForConsent(ctx.db, input.personId);
    const stationId = str(person?.stationId);
    // Another station's file and a missing one: the same denial.
    await assertTargetScope(ctx, ctx.access, person ? { stationId } : null, input.personId, PERSON_NOT_FOUND);
    const birth = {
      birthDate: str(person?.birthDate),
      birthYear: typeof person?.birthYear === 'number' ? person.birthYear : null,
    };
    if (input.kind === 'give' && input.givenBy === 'self' && isUnderGuardianAge(birth, input.day))
      throw new AppError('invalid-argument', GUARDIAN_REQUIRED, { field: 'givenBy' });
    const data = {
      personId: input.personId,
      stationId,
      kind: input.kind,
      givenBy: input.givenBy,
      guardianName: input.guardianName ?? null,
      day: input.day,
      method: input.method,
      fileId: input.fileId ?? null,
      witnessName: input.witnessName ?? null,
      recordedBy: caller.userId,
      recordedAt: ctx.now,
    };
    const same = (e: repo.RawDoc) =>
      e.personId === data.personId &&
      e.kind === data.kind &&
      e.day === data.day &&
      e.givenBy === data.givenBy;
    const outcome = await repo.insertConsent(ctx.db, input.consentId, data, same);
    if (outcome.status === 'conflict')
      throw new AppError('already-exists', '该同意记录编号已被使用，请重新登记', { reason: 'id-taken' });
    let withdrawnStories = 0;
    if (input.kind === 'withdraw') {
      withdrawnStories = await repo.withdrawStoriesOfPerson(ctx.db, input.personId, {
        status: 'withdrawn',
        withdrawnAt: ctx.now,
        withdrawnBy: caller.userId,
        withdrawReason: '服务对象撤回了宣传同意',
        consentWithdrawn: true,
      });
    }
    if (outcome.status === 'inserted') await auditOk(ctx, ctx.access, input.personId);
    const consent: PublicityConsentDto = {
      consentId: input.consentId,
      kind: input.kind,
      givenBy: input.givenBy,
      method: input.method,
      day: input.day,
    };
    return { consent, created: outcome.status === 'inserted', withdrawnStories };
  },
});

/**
 * `submitStory` (the station's head for their station, or the district): a
 * case story (anonymised; the person's standing publicity consent required)
 * or an outstanding worker (a worker of the station, who agreed). Waits for
 * the district's approval. Phone and ID numbers are refused in the text, and
 * so is the person's name in a case story.
 */
export const submitStory = defineAction({
  contract: districtContract.actions.submitStory,
  async handle(input, ctx) {
    const caller = requireCaller(ctx.access);
    await assertStationScope(ctx, ctx.access, input.stationId);
    const station = await repo.getStation(ctx.db, input.stationId);
    if (!station) throw new AppError('not-found', STATION_NOT_FOUND);
    if (findUnmaskedPii(`${input.title}\n${input.text}`))
      throw new AppError('invalid-argument', NOT_ANONYMOUS, { field: 'text' });
    let personId: string | null = null;
    let workerName: string | null = null;
    if (input.kind === 'case_story') {
      const standing = await standingConsent(ctx, input.consentId ?? '', input.stationId);
      if (!standing)
        throw new AppError('failed-precondition', CONSENT_MISSING, { reason: 'consent-required' });
      personId = standing.personId;
      const person = await repo.getPersonForConsent(ctx.db, personId);
      const name = str(person?.name);
      if (name && Array.from(name).length >= 2 && `${input.title}${input.text}`.includes(name))
        throw new AppError('invalid-argument', NAMES_PERSON, { field: 'text' });
    } else {
      const worker = await repo.getUser(ctx.db, input.workerId ?? '');
      if (
        !worker ||
        worker.stationId !== input.stationId ||
        worker.active === false ||
        (worker.role !== 'social_worker' && worker.role !== 'station_head')
      )
        throw new AppError('invalid-argument', WORKER_NOT_HERE, { field: 'workerId' });
      workerName = str(worker.name);
    }
    const data = {
      stationId: input.stationId,
      kind: input.kind,
      title: input.title,
      text: input.text,
      status: 'pending',
      personId,
      consentId: input.kind === 'case_story' ? (input.consentId ?? null) : null,
      workerId: input.kind === 'outstanding_worker' ? (input.workerId ?? null) : null,
      workerName,
      workerConsent:
        input.kind === 'outstanding_worker' ? { recordedBy: caller.userId, recordedAt: ctx.now } : null,
      submittedBy: caller.userId,
      submittedAt: ctx.now,
      approvedAt: null,
      approvedBy: null,
      withdrawnAt: null,
      withdrawnBy: null,
      withdrawReason: null,
    };
    const same = (e: repo.RawDoc) =>
      e.stationId === data.stationId &&
      e.kind === data.kind &&
      e.title === data.title &&
      e.text === data.text;
    const outcome = await repo.insertStory(ctx.db, input.storyId, data, same);
    if (outcome.status === 'conflict')
      throw new AppError('already-exists', STORY_ID_TAKEN, { reason: 'id-taken' });
    const doc = outcome.status === 'duplicate' ? outcome.existing : { _id: input.storyId, ...data };
    if (outcome.status === 'inserted') await auditOk(ctx, ctx.access, input.storyId);
    const [story] = await storyDtos(ctx, [doc]);
    return { story: story!, created: outcome.status === 'inserted' };
  },
});

/** A story in the caller's scope (a head: their station's; missing and not-yours: the same denial). */
async function storyInScope(ctx: ActionContext, storyId: string): Promise<repo.RawDoc> {
  const doc = await repo.getStory(ctx.db, storyId);
  return assertTargetScope(
    ctx,
    ctx.access,
    doc ? { ...doc, stationId: str(doc.stationId) } : null,
    storyId,
    STORY_NOT_FOUND,
  );
}

/**
 * `approveStory` (the district): a pending story goes on the station's page.
 * A case story's consent is checked again (it may have been withdrawn since).
 */
export const approveStory = defineAction({
  contract: districtContract.actions.approveStory,
  async handle(input, ctx) {
    const caller = requireCaller(ctx.access);
    const doc = await storyInScope(ctx, input.storyId);
    if (doc.status !== 'pending')
      throw new AppError('failed-precondition', NOT_PENDING, { reason: 'not-pending' });
    if (
      doc.kind === 'case_story' &&
      !(await standingConsent(ctx, str(doc.consentId) ?? '', str(doc.stationId) ?? ''))
    )
      throw new AppError('failed-precondition', CONSENT_MISSING, { reason: 'consent-required' });
    const patch = { status: 'approved', approvedAt: ctx.now, approvedBy: caller.userId };
    if (!(await repo.moveStory(ctx.db, input.storyId, ['pending'], patch)))
      throw new AppError('failed-precondition', NOT_PENDING, { reason: 'not-pending' });
    await auditOk(ctx, ctx.access, input.storyId);
    const [story] = await storyDtos(ctx, [{ ...doc, ...patch }]);
    return { story: story! };
  },
});

/**
 * `withdrawStory` (the district, or the station's head): the story leaves the
 * residents' page at once. `consentWithdrawn`: the person (or worker) took
 * their agreement back, told to the head; for a case story the consent then
 * no longer serves any story.
 */
export const withdrawStory = defineAction({
  contract: districtContract.actions.withdrawStory,
  async handle(input, ctx) {
    const caller = requireCaller(ctx.access);
    const doc = await storyInScope(ctx, input.storyId);
    if (doc.status === 'withdrawn')
      throw new AppError('failed-precondition', ALREADY_WITHDRAWN, { reason: 'withdrawn' });
    const patch = {
      status: 'withdrawn',
      withdrawnAt: ctx.now,
      withdrawnBy: caller.userId,
      withdrawReason: input.reason,
      consentWithdrawn: input.consentWithdrawn === true,
    };
    if (!(await repo.moveStory(ctx.db, input.storyId, ['pending', 'approved'], patch)))
      throw new AppError('failed-precondition', ALREADY_WITHDRAWN, { reason: 'withdrawn' });
    const consentId = str(doc.consentId);
    if (input.consentWithdrawn === true && doc.kind === 'case_story' && consentId)
      await repo.markConsentRevoked(ctx.db, consentId, { revokedAt: ctx.now, revokedBy: caller.userId });
    await auditOk(ctx, ctx.access, input.storyId);
    const [story] = await storyDtos(ctx, [{ ...doc, ...patch }]);
    return { story: story! };
  },
});

/** `listStories`: the stories of the caller's reach (a head: their station), any status, newest first. */
export const listStories = defineAction({
  contract: districtContract.actions.listStories,
  async handle(input, ctx) {
    if (input.stationId) await assertStationScope(ctx, ctx.access, input.stationId);
    const where: Condition = {
      ...scopeFilter(ctx.db, ctx.access),
      ...(input.stationId ? { stationId: input.stationId } : {}),
      ...(input.status ? { status: input.status } : {}),
    };
    const page = await repo.storiesPage(ctx.db, where, { cursor: input.cursor, limit: input.limit ?? 20 });
    return { items: await storyDtos(ctx, page.items), nextCursor: page.nextCursor };
  },
});

/** `listStationStories` (public): a station's published stories, latest first; withdrawn ones are gone at once. */
export const listStationStories = defineAction({
  contract: districtContract.actions.listStationStories,
  async handle(input, ctx) {
    const docs = await repo.approvedStories(ctx.db, input.stationId, MAX_PUBLIC_STORIES);
    return { items: docs.map(toPublicStory) };
  },
});
