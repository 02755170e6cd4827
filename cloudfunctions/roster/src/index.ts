import { rosterContract } from '../../../shared/src/contracts/roster';
import { createHandler } from '../../_lib/handler';
import { importRoster } from './actions/import';
import { previewRoster } from './actions/preview';
import { getRosterTemplate } from './actions/template';

/**
 * The `roster` cloud function: the Excel roster (花名册) import into the
 * service-user files (see README.md). Its own function because exceljs is
 * large (bundled, ~2.6 MB) and a 5,000-row file needs more time and memory
 * than the others (config.json: 60 s, 512 MB).
 */
export const main = createHandler(rosterContract, { getRosterTemplate, previewRoster, importRoster });
