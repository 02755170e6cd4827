import { filesContract } from '../../../../shared/src/contracts/files';
import type { CommunitiesOutput, HouseholdDto } from '../../../../shared/src/contracts/files';
import { normalizeCommunities } from '../../../../shared/src/domain/household';
import { AppError } from '../../../../shared/src/errors';
import { assertStationScope, auditOk, loadInScope, requireCaller } from '../../../_lib/authz';
import { defineAction } from '../../../_lib/context';
import { toHouseholdDto } from '../dto';
import * as repo from '../repo';
import { checkCommunity, fingerprint, householdTarget } from './common';

/** Shown when a household id is taken by other content. */
const HOUSEHOLD_ID_TAKEN = '家庭编号已被使用，请返回重新填写后提交';

const communitiesOutput = (stationId: string, doc: repo.RawDoc | null): CommunitiesOutput => ({
  stationId,
  communities: Array.isArray(doc?.communities)
    ? (doc.communities as unknown[]).filter((c): c is string => typeof c === 'string')
    : [],
  updatedAt:
    doc?.updatedAt instanceof Date
      ? doc.updatedAt.toISOString()
      : typeof doc?.updatedAt === 'string'
        ? doc.updatedAt
        : null,
});

/** `listCommunities`: the station's 社区 / 村 list (empty until the head sets it). */
export const listCommunities = defineAction({
  contract: filesContract.actions.listCommunities,
  async handle(input, ctx): Promise<CommunitiesOutput> {
    await assertStationScope(ctx, ctx.access, input.stationId);
    return communitiesOutput(input.stationId, await repo.getCommunities(ctx.db, input.stationId));
  },
});

/** `updateCommunities`: the head replaces the list (trimmed, repeats dropped, order kept). */
export const updateCommunities = defineAction({
  contract: filesContract.actions.updateCommunities,
  async handle(input, ctx): Promise<CommunitiesOutput> {
    await assertStationScope(ctx, ctx.access, input.stationId);
    const caller = requireCaller(ctx.access);
    const normalized = normalizeCommunities(input.communities);
    if (!normalized.ok) throw new AppError('invalid-argument', normalized.message, { field: 'communities' });
    await repo.putCommunities(ctx.db, input.stationId, normalized.communities, caller.userId, ctx.now);
    await auditOk(ctx, ctx.access, input.stationId);
    return communitiesOutput(input.stationId, await repo.getCommunities(ctx.db, input.stationId));
  },
});

/** `createHousehold`: a household at an address of the station (id made on the phone; a retry answers it). */
export const createHousehold = defineAction({
  contract: filesContract.actions.createHousehold,
  async handle(input, ctx): Promise<{ household: HouseholdDto; created: boolean }> {
    await assertStationScope(ctx, ctx.access, input.stationId);
    const caller = requireCaller(ctx.access);
    const fp = fingerprint(input);
    const existing = await repo.getHousehold(ctx.db, input.householdId);
    if (existing) {
      if (existing.fp !== fp)
        throw new AppError('already-exists', HOUSEHOLD_ID_TAKEN, { field: 'householdId' });
      return {
        household: toHouseholdDto(existing, 'station', await repo.membersOf(ctx.db, existing._id)),
        created: false,
      };
    }
    await checkCommunity(ctx, input.stationId, input.community);
    const data = {
      stationId: input.stationId,
      community: input.community,
      address: input.address,
      contact: input.contact
        ? {
            name: input.contact.name,
            phone: input.contact.phone,
            relationship: input.contact.relationship ?? null,
          }
        : null,
      members: [],
      rev: 1,
      fp,
      createdAt: ctx.now,
      createdBy: caller.userId,
      updatedAt: ctx.now,
      updatedBy: caller.userId,
    };
    const outcome = await repo.insertHousehold(ctx.db, input.householdId, data, (e) => e.fp === fp);
    if (outcome.status === 'conflict')
      throw new AppError('already-exists', HOUSEHOLD_ID_TAKEN, { field: 'householdId' });
    await auditOk(ctx, ctx.access, input.householdId);
    const stored = outcome.status === 'duplicate' ? outcome.existing : { ...data, _id: input.householdId };
    return { household: toHouseholdDto(stored, 'station', []), created: outcome.status === 'inserted' };
  },
});

/** `updateHousehold`: the address (社区/村 from the list; copied onto the members' files) or the contact. */
export const updateHousehold = defineAction({
  contract: filesContract.actions.updateHousehold,
  async handle(input, ctx): Promise<{ household: HouseholdDto }> {
    const caller = requireCaller(ctx.access);
    const h = await loadInScope(ctx, ctx.access, input.householdId, householdTarget(ctx));
    const patch: Record<string, unknown> = { updatedAt: ctx.now, updatedBy: caller.userId };
    if (input.community !== undefined && input.community !== h.community) {
      await checkCommunity(ctx, h.stationId, input.community);
      patch.community = input.community;
    }
    if (input.address !== undefined) patch.address = input.address;
    if (input.contact !== undefined)
      patch.contact = input.contact
        ? {
            name: input.contact.name,
            phone: input.contact.phone,
            relationship: input.contact.relationship ?? null,
          }
        : null;
    await repo.updateHousehold(ctx.db, h._id, patch);
    if (typeof patch.community === 'string') await repo.setCommunityOfMembers(ctx.db, h._id, patch.community);
    await auditOk(ctx, ctx.access, h._id);
    const after = (await repo.getHousehold(ctx.db, h._id)) ?? h;
    return { household: toHouseholdDto(after, 'station', await repo.membersOf(ctx.db, h._id)) };
  },
});
