import { filesContract } from '../../../../shared/src/contracts/files';
import type { PersonConsentDto, PersonDetail } from '../../../../shared/src/contracts/files';
import {
  CATEGORY_CONSENTS,
  HEALTH_NOTES_CONSENT,
  categoryFlags,
  consentStatusOf,
  type PersonConsentEvent,
} from '../../../../shared/src/domain/person';
import { AppError } from '../../../../shared/src/errors';
import { auditOk, loadInScope, requireCaller } from '../../../_lib/authz';
import { defineAction, type ActionContext } from '../../../_lib/context';
import { birthOf, categoriesOf, revOf, toConsentDto } from '../dto';
import * as repo from '../repo';
import {
  checkConsentInput,
  consentEventData,
  consentEvents,
  detailOf,
  personTarget,
  todayOf,
} from './common';
import { CONSENT_ID_TAKEN } from './persons';

/**
 * Removes from the file what a withdrawal no longer allows: the target
 * categories needing a withdrawn consent (and their flags), the health notes
 * when health is withdrawn. Conditional on the revision, retried on a
 * concurrent edit. (Reads hide them by the consent state anyway; deleting
 * them is what PIPL art. 47 asks once consent is withdrawn.)
 */
async function dropWithdrawn(ctx: ActionContext, personId: string, withdrawn: Set<string>): Promise<void> {
  const caller = requireCaller(ctx.access);
  for (let attempt = 0; attempt < 3; attempt++) {
    const doc = await repo.getPerson(ctx.db, personId);
    if (!doc) return;
    const before = categoriesOf(doc);
    const categories = before.filter((c) => !(CATEGORY_CONSENTS[c] ?? []).some((s) => withdrawn.has(s)));
    const dropHealth = withdrawn.has(HEALTH_NOTES_CONSENT) && doc.healthNotes != null;
    if (categories.length === before.length && !dropHealth) return;
    const patch: Record<string, unknown> = {
      categories,
      catFlags: categoryFlags(categories),
      updatedAt: ctx.now,
      updatedBy: caller.userId,
    };
    if (dropHealth) patch.healthNotes = null;
    if (await repo.updatePersonAt(ctx.db, personId, revOf(doc), patch)) return;
  }
  throw new Error('recordConsent: the file kept changing');
}

/**
 * `recordConsent`: a consent given, or withdrawn, at the door — who (the
 * person or a guardian; a child under 14 needs a guardian), which
 * categories, the day, how (a photographed paper form, or verbal with a
 * witness). Append-only. A withdrawal also deletes the fields it no longer
 * allows. The same id and content again is a retry.
 */
export const recordConsent = defineAction({
  contract: filesContract.actions.recordConsent,
  async handle(input, ctx): Promise<{ consent: PersonConsentDto; person: PersonDetail; created: boolean }> {
    const doc = await loadInScope(ctx, ctx.access, input.personId, personTarget(ctx));
    const { consentId, personId, kind, ...fields } = input;
    checkConsentInput({ ...fields, kind }, birthOf(doc), todayOf(ctx));
    const data = consentEventData({ ...fields, kind }, personId, doc.stationId, ctx);
    const outcome = await repo.insertConsentEvent(ctx.db, consentId, data, (e) => e.fp === data.fp);
    if (outcome.status === 'conflict')
      throw new AppError('already-exists', CONSENT_ID_TAKEN, { field: 'consentId' });
    const stored: PersonConsentEvent =
      outcome.status === 'duplicate' ? repo.toConsentEvent(outcome.existing) : { ...data, _id: consentId };
    if (kind === 'withdraw') {
      // What the file may keep now, from every event (a withdrawal dated
      // before a later consent does not undo that consent).
      const state = consentStatusOf(await consentEvents(ctx, personId), birthOf(doc), todayOf(ctx));
      const notAllowed = new Set(input.categories.filter((c) => !state[c].allowed));
      if (notAllowed.size > 0) await dropWithdrawn(ctx, personId, notAllowed);
    }
    await auditOk(ctx, ctx.access, personId);
    const after = (await repo.getPerson(ctx.db, personId)) ?? doc;
    return {
      consent: toConsentDto(stored, 'station'),
      person: await detailOf(ctx, after, 'station'),
      created: outcome.status === 'inserted',
    };
  },
});
