import type { filesContract, rosterContract } from '@sgz/shared';
import { service } from './service';

/**
 * The `roster` function (花名册 import, issue 9 part 5), derived from its contract:
 * getRosterTemplate, previewRoster (of an .xlsx uploaded to `roster-uploads/<stationId>/…`),
 * importRoster (by the preview id; the rows come from the stored preview).
 */
export const roster = service<typeof rosterContract>('roster');
export const { getRosterTemplate, previewRoster, importRoster } = roster;

/**
 * The actions of the `files` function these screens use (社区/村 list, counts for the
 * district, the supervisor's masked list, the resident's own file). A local derived
 * service: services/files.ts belongs to the worker's screens.
 */
export const filesForRoles = service<typeof filesContract>('files');
export const { listCommunities, updateCommunities, countFiles, listPersons, getMyFile } = filesForRoles;
