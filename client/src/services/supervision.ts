import type { Result, supervisionContract } from '@sgz/shared';
import type { OutboxKind, SendReply } from './outbox';
import { service } from './service';
import {
  SESSION_ID_PREFIX,
  SESSION_KIND,
  sessionInputOf,
  TRAINING_ID_PREFIX,
  TRAINING_KIND,
  trainingInputOf,
  type SessionRecord,
  type TrainingRecord,
} from './supervision-record';

/**
 * The `supervision` cloud function (督导与学时, issue 12) as the phone sees it,
 * and the outbox kinds `session` (the supervisor's sessions) and `training`
 * (学时 records with their certificate photo) that send records saved on the phone.
 */
export const supervision = service<typeof supervisionContract>('supervision');

export * from './supervision-record';

const reply = (r: SendReply): SendReply => ({ status: r.status, version: r.version, message: r.message });

/** The outbox kind of sessions: one submitSession call per item. */
export const sessionKind: OutboxKind<SessionRecord> = {
  kind: SESSION_KIND,
  idPrefix: SESSION_ID_PREFIX,
  send: async (item): Promise<Result<SendReply>> => {
    const res = await supervision.submitSession(sessionInputOf(item));
    return res.ok ? { ok: true, data: reply(res.data) } : res;
  },
};

/** The outbox kind of training records: one submitTraining call per item (photo uploaded first). */
export const trainingKind: OutboxKind<TrainingRecord> = {
  kind: TRAINING_KIND,
  idPrefix: TRAINING_ID_PREFIX,
  send: async (item): Promise<Result<SendReply>> => {
    const res = await supervision.submitTraining(trainingInputOf(item));
    return res.ok ? { ok: true, data: reply(res.data) } : res;
  },
};
