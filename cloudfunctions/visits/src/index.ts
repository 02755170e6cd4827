import { visitsContract } from '../../../shared/src/contracts/visits';
import { createHandler } from '../../_lib/handler';
import { listVisitConflicts, resolveVisitConflict } from './actions/conflicts';
import { getVisit, listMyFollowUps, listVisits } from './actions/read';
import { submitVisit } from './actions/submit';

/**
 * The `visits` cloud function: home visits (走访) sent from the phone's
 * outbox, their follow-ups, and the conflicts the head resolves (see
 * README.md). Each action is authorized with its `visits.*` permission row.
 */
export const main = createHandler(visitsContract, {
  submitVisit,
  listVisits,
  getVisit,
  listMyFollowUps,
  listVisitConflicts,
  resolveVisitConflict,
});
