import type { SupervisionInputs } from '@sgz/shared';
import type { OutboxItem } from './outbox/core';

/**
 * Supervision sessions (督导记录) and training records (学时) as the phone's
 * outbox keeps them, and the submit calls made of them (issue 12). Pure (no
 * Taro, no zod): it lands in the main package with the outbox kinds.
 */

/** The session as submitSession takes it (the outbox item's payload as is: no attachments). */
export type SessionRecord = SupervisionInputs['submitSession']['payload'];

/** The training record as the outbox keeps it: the wire payload without the photo's file id. */
export type TrainingRecord = Omit<SupervisionInputs['submitTraining']['payload'], 'certificateFileId'>;

/** Kind names and id prefixes. `training` is also the upload folder the function checks (outbox/training/<id>/). */
export const SESSION_KIND = 'session';
export const SESSION_ID_PREFIX = 'sv';
export const TRAINING_KIND = 'training';
export const TRAINING_ID_PREFIX = 'tr';

/** The submitSession input of an outbox item. */
export const sessionInputOf = (item: OutboxItem<SessionRecord>): SupervisionInputs['submitSession'] => ({
  id: item.id,
  version: item.version,
  payload: item.payload,
});

/** The submitTraining input of an outbox item whose certificate photo (if any) is uploaded. */
export function trainingInputOf(item: OutboxItem<TrainingRecord>): SupervisionInputs['submitTraining'] {
  const fileIds = item.attachments.map((a) => a.fileId).filter((f): f is string => typeof f === 'string');
  return {
    id: item.id,
    version: item.version,
    payload: { ...item.payload, certificateFileId: fileIds[0] ?? null },
    fileIds,
  };
}
