import type { dashboardContract } from '@sgz/shared';
import { service } from './service';

/**
 * The `dashboard` function (the station head's year and month, issue 13), derived from
 * its contract. Imported as a TYPE only: no schema reaches the bundle.
 */
export const dashboard = service<typeof dashboardContract>('dashboard');
export const { getStationDashboard } = dashboard;
