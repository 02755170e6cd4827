import { filesContract } from '../../../shared/src/contracts/files';
import { createHandler } from '../../_lib/handler';
import { recordConsent } from './actions/consent';
import { createHousehold, listCommunities, updateCommunities, updateHousehold } from './actions/households';
import { countDue, countFiles, listDue, listPersons } from './actions/lists';
import { getMyFile } from './actions/my-file';
import { createPerson, getPerson, updatePerson } from './actions/persons';
import { createPersonFromRequest, linkRequest } from './actions/requests';

/**
 * The `files` cloud function: service-user files (一人一档), households, the
 * visit pace by risk, consent at the door, requests attached to files (see
 * README.md). Each action is authorized with its `files.*` permission row.
 */
export const main = createHandler(filesContract, {
  listCommunities,
  updateCommunities,
  createHousehold,
  updateHousehold,
  createPerson,
  updatePerson,
  getPerson,
  listPersons,
  listDue,
  countDue,
  countFiles,
  recordConsent,
  getMyFile,
  linkRequest,
  createPersonFromRequest,
});
