import { createHmac } from 'crypto';
import { devConstant } from '../../_lib/audit';

/**
 * Ids of what an import creates, derived from the station and the person (or
 * household) so that importing the same rows again finds the same ids and
 * creates nothing new (store.insertWithId / insertManyWithIds: a taken id is
 * "already present"). Keyed HMAC, not a plain hash: an 18-digit ID number
 * has few enough possibilities (region × birth day × sequence) that a plain
 * hash of it could be reversed by trying them all, and person ids appear in
 * lists and in the audit log.
 *
 * Production sets SGZ_ROSTER_ID_KEY once and never changes it (a new key
 * gives new ids, so a re-import would no longer be recognised by id; the
 * preview's match by ID number and by name + birth still finds the files).
 */
export const DEV_ROSTER_ID_KEY = 'sgz-dev-roster-id-key-not-for-production';

const keyOf = (): string =>
  process.env.SGZ_ROSTER_ID_KEY || devConstant('SGZ_ROSTER_ID_KEY', DEV_ROSTER_ID_KEY);
const mac = (text: string): string =>
  createHmac('sha256', keyOf()).update(text, 'utf8').digest('hex').slice(0, 32);

/** `_id` of the file of the person with duplicate key `personKey` (shared personDedupKey) at `stationId`. */
export const personIdFor = (stationId: string, personKey: string): string =>
  `ro-${mac(`person|${stationId}|${personKey}`)}`;

/** `_id` of the household with key `householdKey` (shared householdKeyOf) at `stationId`. */
export const householdIdFor = (stationId: string, householdKey: string): string =>
  `rh-${mac(`household|${stationId}|${householdKey}`)}`;
