import type { Result, visitsContract } from '@sgz/shared';
import type { OutboxKind, SendReply } from './outbox';
import { service } from './service';
import { submitInputOf, VISIT_ID_PREFIX, VISIT_KIND, type VisitRecord } from './visit-record';

/**
 * The `visits` cloud function (走访, issue 10) as the phone sees it, and the
 * outbox kind `visit` that sends a record saved on the phone.
 */
export const visits = service<typeof visitsContract>('visits');
export const { listVisits, getVisit, listMyFollowUps, listVisitConflicts, resolveVisitConflict } = visits;

export {
  submitInputOf,
  VISIT_ID_PREFIX,
  VISIT_KIND,
  type VisitRecord,
  type VisitWirePayload,
} from './visit-record';

/** The outbox kind: one submitVisit call per item. */
export const visitKind: OutboxKind<VisitRecord> = {
  kind: VISIT_KIND,
  idPrefix: VISIT_ID_PREFIX,
  send: async (item): Promise<Result<SendReply>> => {
    const res = await visits.submitVisit(submitInputOf(item));
    return res.ok
      ? { ok: true, data: { status: res.data.status, version: res.data.version, message: res.data.message } }
      : res;
  },
};
