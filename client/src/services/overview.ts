import type { dashboardContract, ledgerContract } from '@sgz/shared';
import { service } from './service';

/** The district's overview of every station (`dashboard.getDistrictOverview`). */
export const { getDistrictOverview } = service<typeof dashboardContract>('dashboard');
/** The district-wide workbook (`ledger.exportDistrictWorkbook`). */
export const { exportDistrictWorkbook } = service<typeof ledgerContract>('ledger');
