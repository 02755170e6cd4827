import { filesContract } from '../../../../shared/src/contracts/files';
import type { CreatePersonOutput, LinkRequestOutput } from '../../../../shared/src/contracts/files';
import { AppError } from '../../../../shared/src/errors';
import { auditOk, loadInScope } from '../../../_lib/authz';
import { defineAction, type ActionContext } from '../../../_lib/context';
import * as repo from '../repo';
import { createPersonCore } from './persons';
import { detailOf, fingerprint, personTarget, requestTarget } from './common';

/**
 * Requests meet files: a request of the station attached to a file
 * (`requests.personId`, written here and nowhere else), or a file made from
 * a request. A request made for oneself can also link the file to the
 * requester's WeChat account (the request proves the account is the person).
 */

/** Shown when the request is attached to another file already. */
const ATTACHED_ELSEWHERE = '该求助已关联到其他档案，请先打开那份档案查看';

/** Links file `personId` to the author of a self request, unless another file is linked to them. */
async function linkAccount(ctx: ActionContext, personId: string, ownerId: string): Promise<boolean> {
  const other = await repo.findLinkedTo(ctx.db, ownerId);
  if (other && other._id !== personId)
    throw new AppError('failed-precondition', '该居民的微信账号已关联其他档案，不能重复关联', {
      personId: other._id,
    });
  if (other) return true;
  const doc = await repo.getPerson(ctx.db, personId);
  if (!doc) return false;
  if (typeof doc.linkedUserId === 'string' && doc.linkedUserId && doc.linkedUserId !== ownerId)
    throw new AppError('failed-precondition', '该档案已关联其他微信账号，请先解除关联', {
      field: 'personId',
    });
  return repo.updatePersonAt(ctx.db, personId, typeof doc.rev === 'number' ? doc.rev : 1, {
    linkedUserId: ownerId,
    updatedAt: ctx.now,
  });
}

/** `linkRequest`: attach a request of the station to a file of the same station. */
export const linkRequest = defineAction({
  contract: filesContract.actions.linkRequest,
  async handle(input, ctx): Promise<LinkRequestOutput> {
    const request = await loadInScope(ctx, ctx.access, input.requestId, requestTarget(ctx));
    const person = await loadInScope(ctx, ctx.access, input.personId, personTarget(ctx));
    if (request.stationId !== person.stationId)
      throw new AppError('failed-precondition', '求助和档案不属于同一个社工站，不能关联', {
        field: 'personId',
      });
    if (input.linkAccount && request.forWhom !== 'self')
      throw new AppError('failed-precondition', '为家人提交的求助，不能把档案关联到求助人的微信账号', {
        field: 'linkAccount',
      });
    if (typeof request.personId === 'string' && request.personId && request.personId !== person._id)
      throw new AppError('failed-precondition', ATTACHED_ELSEWHERE, { personId: request.personId });
    if (!(await repo.attachRequest(ctx.db, request._id, person._id)))
      throw new AppError('failed-precondition', ATTACHED_ELSEWHERE);
    const linked = input.linkAccount ? await linkAccount(ctx, person._id, request.ownerId) : false;
    await auditOk(ctx, ctx.access, person._id);
    return { requestId: request._id, personId: person._id, linked };
  },
});

/**
 * `createPersonFromRequest`: a new file from a request — the name of the
 * person served (the family member named on the request, or the resident's
 * profile name), the contact phone of the request — attached to it, and
 * linked to the requester's account for a request made for oneself.
 */
export const createPersonFromRequest = defineAction({
  contract: filesContract.actions.createPersonFromRequest,
  async handle(input, ctx): Promise<CreatePersonOutput> {
    const request = await loadInScope(ctx, ctx.access, input.requestId, requestTarget(ctx));
    if (typeof request.personId === 'string' && request.personId && request.personId !== input.personId)
      throw new AppError('failed-precondition', ATTACHED_ELSEWHERE, { personId: request.personId });
    const self = request.forWhom !== 'family';
    const ben = request.beneficiary as { name?: unknown } | null | undefined;
    let name = input.name ?? null;
    if (!name && !self && typeof ben?.name === 'string') name = ben.name;
    if (!name && self) {
      const owner = await repo.getUser(ctx.db, request.ownerId);
      name = typeof owner?.name === 'string' && owner.name.trim() ? owner.name.trim() : null;
    }
    if (!name)
      throw new AppError('invalid-argument', '该求助没有留下姓名，请填写服务对象的姓名', { field: 'name' });
    const { requestId: _r, personId, name: _n, consent, ...fields } = input;
    // Link the account only when no other file is linked to it (a second file from another request stays unlinked).
    const linkedElsewhere = self ? await repo.findLinkedTo(ctx.db, request.ownerId) : null;
    const out = await createPersonCore(ctx, {
      personId,
      stationId: request.stationId,
      name,
      phone: typeof request.contactPhone === 'string' && request.contactPhone ? request.contactPhone : null,
      fields,
      consent,
      source: 'request',
      linkedUserId: self && !linkedElsewhere ? request.ownerId : null,
      fp: fingerprint(input),
    });
    if (!(await repo.attachRequest(ctx.db, request._id, personId)))
      throw new AppError('failed-precondition', ATTACHED_ELSEWHERE);
    // The answer shows the request attached.
    const after = await repo.getPerson(ctx.db, personId);
    return after ? { person: await detailOf(ctx, after, 'station'), created: out.created } : out;
  },
});
