import type { ledgerContract } from '@sgz/shared';
import { service } from './service';

/**
 * The `ledger` function (the station's 台账 as one .xlsx, issue 13 part 5), derived from
 * its contract. Imported as a TYPE only. Opening the file it answers is platform code:
 * services/ledger-file.{weapp,h5}.ts.
 */
export const ledger = service<typeof ledgerContract>('ledger');
export const { exportLedger } = ledger;
