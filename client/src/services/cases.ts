import type { casesContract, Result } from '@sgz/shared';
import type { OutboxKind, SendReply } from './outbox';
import { service } from './service';
import {
  addCaseNoteInputOf,
  CASE_NOTE_ID_PREFIX,
  CASE_NOTE_KIND,
  type CaseNoteRecord,
} from './case-note-record';

/**
 * The `cases` cloud function (个案, issue 11) as the phone sees it, and the
 * outbox kind `caseNote` that sends an intervention note written on the phone
 * (one addCaseNote per item; the id is made on the phone, so a resend is a
 * duplicate, never a second note).
 */
export const cases = service<typeof casesContract>('cases');

export {
  addCaseNoteInputOf,
  CASE_NOTE_ID_PREFIX,
  CASE_NOTE_KIND,
  type CaseNoteRecord,
} from './case-note-record';

/** The outbox kind: one addCaseNote call per item. */
export const caseNoteKind: OutboxKind<CaseNoteRecord> = {
  kind: CASE_NOTE_KIND,
  idPrefix: CASE_NOTE_ID_PREFIX,
  send: async (item): Promise<Result<SendReply>> => {
    const res = await cases.addCaseNote(addCaseNoteInputOf(item));
    return res.ok
      ? { ok: true, data: { status: res.data.status, version: res.data.version, message: res.data.message } }
      : res;
  },
};
