import { casesContract } from '../../../shared/src/contracts/cases';
import { createHandler } from '../../_lib/handler';
import { addCaseNote } from './actions/notes';
import { openCase } from './actions/open';
import {
  countCompletedCases,
  getCase,
  listCaseNotes,
  listCasesForPerson,
  listMyCaseFollowUps,
  listMyCases,
  listPendingApprovals,
  listStationCases,
} from './actions/read';
import {
  addCaseAttachment,
  advanceCase,
  completeCaseFollowUp,
  decideApproval,
  referCase,
  reopenCase,
  saveStageRecord,
  updateCaseTeam,
} from './actions/write';

/**
 * The `cases` cloud function: casework (个案) through the six stages, its
 * approvals, intervention notes from the outbox, transfer and referral, and
 * the quota count (see README.md). Each action is authorized with its
 * `cases.*` permission row; inside it, src/access.ts decides who may open a case.
 */
export const main = createHandler(casesContract, {
  openCase,
  getCase,
  saveStageRecord,
  advanceCase,
  decideApproval,
  reopenCase,
  addCaseNote,
  listCaseNotes,
  updateCaseTeam,
  referCase,
  addCaseAttachment,
  completeCaseFollowUp,
  listMyCases,
  listStationCases,
  listPendingApprovals,
  listCasesForPerson,
  listMyCaseFollowUps,
  countCompletedCases,
});
