import { districtContract } from '../../../shared/src/contracts/district';
import { createHandler } from '../../_lib/handler';
import { listQuotaPolicies, saveQuotaPolicy } from './actions/policies';
import { getStationRecord, listStationRecordHistory, updateStationRecord } from './actions/records';
import { listQualificationRegistry } from './actions/registry';
import {
  approveStory,
  listStationStories,
  listStories,
  recordPublicityConsent,
  submitStory,
  withdrawStory,
} from './actions/stories';

/**
 * The `district` cloud function (issue 14): the bureau's station records with
 * their history, the quota policy editor, the qualification registry and
 * good-practice stories (see README.md). Each action is authorized with its
 * `district.*` permission row.
 */
export const main = createHandler(districtContract, {
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
  listStationStories,
});
