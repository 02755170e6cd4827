import { dashboardContract, type DistrictOverview } from '../../../../shared/src/contracts/dashboard';
import { defineAction } from '../../../_lib/context';
import { roundTrips } from '../../../_lib/db';
import { loadDistrictOverview } from '../../../_lib/district-overview';

/**
 * `getDistrictOverview`: every station's year for the district bureau
 * (`_lib/district-overview.ts`): the four quotas judged by the same engine and
 * policy as each station's dashboard, staff and qualified staff, the station's
 * stage; counts only (no names). Five database calls grouped by station, plus
 * the pipeline's account read: 6, whatever the number of stations.
 */
export const getDistrictOverview = defineAction({
  contract: dashboardContract.actions.getDistrictOverview,
  async handle(input, ctx): Promise<DistrictOverview> {
    const { overview } = await loadDistrictOverview(ctx.db, input.year, ctx.now);
    return { ...overview, meta: { roundTrips: roundTrips() } };
  },
});
