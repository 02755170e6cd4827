import type { districtContract } from '@sgz/shared';
import { service } from './service';

/**
 * The `district` function, derived from its contract (issue 14): the bureau's station
 * records with their history, the quota policy editor, the qualification registry and
 * good-practice stories (and the approved ones residents see on a station's page).
 */
export const district = service<typeof districtContract>('district');
export const {
  getStationRecord,
  listStationRecordHistory,
  updateStationRecord,
  listQuotaPolicies,
  saveQuotaPolicy,
  listQualificationRegistry,
  submitStory,
  approveStory,
  withdrawStory,
  listStories,
  listStationStories,
} = district;
