import type { ServiceItemId, StationId } from '../ids';
import type { ServiceArea } from './station';

/**
 * A service item (服务项目) a station offers, e.g. 高龄老人上门探访. Station
 * heads edit their station's items; residents pick one (or "其他需求" with a
 * service area) when they ask for help.
 */
export interface ServiceItem {
  id: ServiceItemId;
  stationId: StationId;
  title: string;
  area: ServiceArea;
  /** Short description shown to residents. */
  description: string;
  /** True when a resident books a time slot; false for items the station schedules itself. */
  bookable: boolean;
  /** Length of one slot, minutes. */
  durationMinutes: number;
  /** Residents per slot (名额). */
  capacityPerSlot: number;
  /** False when the head has taken the item off the list (kept for old requests). */
  active: boolean;
  /** True for seed demo data that a station head should review. */
  demo: boolean;
  /** Display order within the station. */
  order: number;
}

/** Smallest and largest slot length, minutes, and the step slots are cut on. */
export const SERVICE_ITEM_DURATION = { min: 15, max: 240, step: 15 } as const;
/** Largest capacity per slot (a group activity room seats a few dozen). */
export const MAX_CAPACITY_PER_SLOT = 50;
/** Longest item title and description, characters. */
export const SERVICE_ITEM_TEXT = { title: 30, description: 200 } as const;

/** Label of the choice "no listed item fits" (其他需求); the resident then names a service area. */
export const OTHER_NEED_LABEL = '其他需求';

/** The id a new item gets: station + a short slug the function generates. */
export const serviceItemIdOf = (stationId: string, slug: string): ServiceItemId =>
  `si-${stationId}-${slug}` as ServiceItemId;
