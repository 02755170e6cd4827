import { dashboardContract } from '../../../shared/src/contracts/dashboard';
import { createHandler } from '../../_lib/handler';
import { getStationDashboard } from './actions/station';

/**
 * The `dashboard` cloud function: the station head's year on one screen
 * (issue 13; see README.md). Each action is authorized with its
 * `dashboard.*` permission row.
 */
export const main = createHandler(dashboardContract, { getStationDashboard });
