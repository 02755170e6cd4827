import { supervisionContract } from '../../../shared/src/contracts/supervision';
import { createHandler } from '../../_lib/handler';
import { assignSupervisor, endAssignment, listAssignments, listMyAssignments } from './actions/assignments';
import {
  confirmSession,
  disputeSession,
  getSession,
  listMySessions,
  listStationSessions,
  submitSession,
} from './actions/sessions';
import { getStationSummary, listQualifiedStaff } from './actions/station';
import {
  confirmTraining,
  getTrainingSummary,
  listStationTraining,
  listTraining,
  returnTraining,
  submitTraining,
} from './actions/training';

/**
 * The `supervision` cloud function (issue 12): supervisor assignments,
 * supervision sessions confirmed per station, training records (学时),
 * qualified staff and the station's standing (see README.md). Each action is
 * authorized with its `supervision.*` permission row.
 */
export const main = createHandler(supervisionContract, {
  assignSupervisor,
  endAssignment,
  listAssignments,
  listMyAssignments,
  submitSession,
  listMySessions,
  getSession,
  confirmSession,
  disputeSession,
  listStationSessions,
  submitTraining,
  confirmTraining,
  returnTraining,
  listTraining,
  listStationTraining,
  getTrainingSummary,
  getStationSummary,
  listQualifiedStaff,
});
