import { ledgerContract } from '../../../shared/src/contracts/ledger';
import { getCloud, getDb } from '../../_lib/db';
import { createHandler } from '../../_lib/handler';
import { exportDistrictWorkbook } from './actions/district';
import { exportLedger } from './actions/export';
import { cleanupExports } from './cleanup';
import { firedAt, isTimerEvent } from './timer';

/**
 * The `ledger` cloud function: the station's 台账 as one .xlsx (see
 * README.md). Its own function because exceljs is large (bundled) and a
 * year's ledger of a busy station needs more time and memory than the others
 * (config.json: 60 s, 1024 MB). Its timer (`cleanup`, daily 03:00 Beijing)
 * deletes exports older than 7 days.
 */
const api = createHandler(ledgerContract, { exportLedger, exportDistrictWorkbook });

export const main = async (event: unknown, context?: Parameters<typeof api>[1]) => {
  if (isTimerEvent(event)) {
    const now = firedAt(event, new Date());
    return { ok: true, data: await cleanupExports(getCloud(), getDb(), now) };
  }
  return api(event, context);
};
