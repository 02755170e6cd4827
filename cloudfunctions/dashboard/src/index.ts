import { dashboardContract } from '../../../shared/src/contracts/dashboard';
import { createHandler } from '../../_lib/handler';
import { getDistrictOverview } from './actions/overview';
import { getStationDashboard } from './actions/station';

/**
 * The `dashboard` cloud function: the station head's year on one screen
 * (issue 13) and the district bureau's overview of every station (issue 14;
 * see README.md). Each action is authorized with its `dashboard.*` permission
 * row.
 */
export const main = createHandler(dashboardContract, { getStationDashboard, getDistrictOverview });
