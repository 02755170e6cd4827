import type { VisitsInputs } from '@sgz/shared';
import type { OutboxItem } from './outbox/core';

/**
 * The visit as the phone's outbox keeps it, and the submitVisit call made of it.
 * Pure (no Taro): the outbox bench (emulator/bench/visits.ts) sends through it too.
 */

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
