import type { districtContract } from '@sgz/shared';
import { service } from './service';

/** The `district` function, derived from its contract (station records, policies, registry, stories). */
export const district = service<typeof districtContract>('district');
/** The public list of a station's published good-practice stories (the resident's station page). */
export const { listStationStories } = district;
/** The bureau's pages (subpackages/district): records with history, quota policies, registry, stories. */
export const {
  getStationRecord,
  listStationRecordHistory,
  updateStationRecord,
  listQuotaPolicies,
  saveQuotaPolicy,
  listQualificationRegistry,
  recordPublicityConsent,
  submitStory,
  approveStory,
  withdrawStory,
  listStories,
} = district;
