import type { CasesInputs } from '@sgz/shared';
import type { OutboxItem } from './outbox/core';

/**
 * An intervention note (介入记录, issue 11) as the phone's outbox keeps it, and
 * the addCaseNote call made of it. Pure (no Taro): the offline cycles harness
 * sends through it too.
 */

/** The note as addCaseNote takes it (`payload`); the outbox item's payload is exactly this. */
export type CaseNoteRecord = CasesInputs['addCaseNote']['payload'];

/** The outbox kind name and id prefix of case notes (`cn…`). */
export const CASE_NOTE_KIND = 'caseNote';
export const CASE_NOTE_ID_PREFIX = 'cn';

/** The addCaseNote input of an outbox item (notes have no attachments). */
export function addCaseNoteInputOf(item: OutboxItem<CaseNoteRecord>): CasesInputs['addCaseNote'] {
  return {
    id: item.id,
    version: item.version,
    baseVersion: item.ackedVersion,
    payload: item.payload,
  };
}
