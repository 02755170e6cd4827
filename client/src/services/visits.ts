import type { Result, visitsContract, VisitsInputs } from '@sgz/shared';
import type { OutboxItem, OutboxKind, SendReply } from './outbox';
import { service } from './service';

/**
 * The `visits` cloud function (走访, issue 10) as the phone sees it, and the
 * outbox kind `visit` that sends a record saved on the phone.
 */
export const visits = service<typeof visitsContract>('visits');
export const { listVisits, getVisit, listMyFollowUps, listVisitConflicts, resolveVisitConflict } = visits;

/** The record as submitVisit takes it. */
export type VisitWirePayload = VisitsInputs['submitVisit']['payload'];

/**
 * A visit as the outbox keeps it (the item's `payload`): the wire record
 * without file ids, which exist only once the attachments are uploaded.
 * Attachments are the photos in order, then the signature when there is one
 * (`signatureIndex` says where; null: no signature, `noSignatureReason` says why).
 * A draft may be incomplete; the server checks the submitted one.
 */
export interface VisitRecord extends Omit<VisitWirePayload, 'photoFileIds' | 'confirmation'> {
  confirmation: { noSignatureReason: string | null };
  signatureIndex: number | null;
}

/** The outbox kind name and id prefix of visits (`vs…`). */
export const VISIT_KIND = 'visit';
export const VISIT_ID_PREFIX = 'vs';

/** The submitVisit input of an outbox item whose attachments are uploaded. */
export function submitInputOf(item: OutboxItem<VisitRecord>): VisitsInputs['submitVisit'] {
  const { signatureIndex, confirmation, ...rest } = item.payload;
  const fileIds = item.attachments.map((a) => a.fileId).filter((f): f is string => typeof f === 'string');
  const photoFileIds = item.attachments
    .filter((_, i) => i !== signatureIndex)
    .map((a) => a.fileId)
    .filter((f): f is string => typeof f === 'string');
  const signature = signatureIndex === null ? null : (item.attachments[signatureIndex]?.fileId ?? null);
  return {
    id: item.id,
    version: item.version,
    baseVersion: item.ackedVersion,
    payload: {
      ...rest,
      photoFileIds,
      confirmation: signature
        ? { signatureFileId: signature, noSignatureReason: null }
        : { signatureFileId: null, noSignatureReason: confirmation.noSignatureReason },
    },
    fileIds,
  };
}

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
