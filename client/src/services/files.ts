import type { filesContract } from '@sgz/shared';
import { service } from './service';

/**
 * The `files` function (service-user files, 一人一档), derived from its contract
 * (`filesContract`). Imported as a TYPE only: the schemas stay in the worker
 * subpackage, which validates its forms with them. Writes that make a record
 * (createPerson, createHousehold, recordConsent) take an id made on the phone,
 * so a retry answers the same record instead of a second one.
 */
export const files = service<typeof filesContract>('files');
export const {
  listCommunities,
  createHousehold,
  updateHousehold,
  createPerson,
  updatePerson,
  getPerson,
  listPersons,
  listDue,
  countDue,
  recordConsent,
} = files;
