import type { RequestDto } from '../../../shared/src/contracts/requests';
import type { DB } from '../../_lib/db';
import { toStationDetailDto } from './dto';
import * as repo from './repo';

/**
 * The station's detail of one request (issue 15, item 10): read with the
 * requester's profile name (`users`) and, for a request for a family member,
 * its consent record (`consents`, `c-rq-<requestId>`). Only for a caller whose
 * view of the request is `station` (worker / head of its station): callers
 * check that first. Two reads by id, in parallel.
 */
export async function stationDetailOf(db: DB, doc: repo.RawDoc, now: Date): Promise<RequestDto> {
  const [requesterName, familyConsentWithdrawnAt] = await Promise.all([
    repo.getUserName(db, typeof doc.ownerId === 'string' ? doc.ownerId : ''),
    doc.forWhom === 'family' ? repo.familyConsentWithdrawnAt(db, String(doc._id)) : Promise.resolve(null),
  ]);
  return toStationDetailDto(doc, now, { requesterName, familyConsentWithdrawnAt });
}
