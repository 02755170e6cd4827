import type { AdminUnitId, StationId } from '../ids';

/** Kind of administrative unit: street 街道, township 镇, development zone 开发区. */
export type AdminUnitKind = 'street' | 'township' | 'zone';

/** Service areas (服务领域) named by the 2022 notice: six core, four later extensions. */
export const SERVICE_AREAS = [
  '社会救助',
  '养老服务',
  '儿童福利',
  '社区建设',
  '社会事务',
  '社会组织发展',
  '司法矫正',
  '卫生健康',
  '妇女保护',
  '拥军优属',
] as const;
/** One of {@link SERVICE_AREAS}. */
export type ServiceArea = (typeof SERVICE_AREAS)[number];

/** Specialties for 一站一品 (one station, one brand). */
export const SPECIALTIES = [
  '老年社会工作',
  '企业社会工作',
  '医务社会工作',
  '学校社会工作',
  '救助社会工作',
] as const;
/** One of {@link SPECIALTIES}. */
export type Specialty = (typeof SPECIALTIES)[number];

/** Rooms a station may have (活动场所). */
export const ROOM_KINDS = ['个案工作室', '小组活动室', '多功能室', '档案室'] as const;
/** One of {@link ROOM_KINDS}. */
export type RoomKind = (typeof ROOM_KINDS)[number];

/** A street, township or development zone (seed data an administrator can edit). */
export interface AdminUnit {
  id: AdminUnitId;
  kind: AdminUnitKind;
  /** e.g. 塘沽街道, 新城镇, 中新天津生态城 */
  name: string;
  /** Display order within its kind. */
  order: number;
}

/** A point on the map; `approximate` marks seed coordinates that are not surveyed. */
export interface GeoLocation {
  latitude: number;
  longitude: number;
  approximate: boolean;
}

/** Station as shown in lists. */
export interface StationSummary {
  id: StationId;
  /** 滨海新区XX街道社会工作服务站 */
  officialName: string;
  /** The unit's name, e.g. 塘沽街道 */
  unitName: string;
  unitKind: Exclude<AdminUnitKind, 'zone'>;
  specialty: Specialty | null;
}

/** Full station detail (getStation). Empty fields are `null`: never invented. */
export interface StationDetail extends StationSummary {
  unitId: AdminUnitId;
  /** Development zone the station is attached to by an administrator, if any. */
  zone: { id: AdminUnitId; name: string } | null;
  address: string | null;
  /** Opening hours as text, e.g. 周一至周五 9:00-17:00 */
  hours: string | null;
  phone: string | null;
  serviceAreas: ServiceArea[];
  rooms: RoomKind[];
  location: GeoLocation | null;
  /** True while address/hours/phone are unset or demo values that an administrator must edit. */
  needsAdminReview: boolean;
}

/**
 * CONFIGURATION — the district's service line (区社会工作服务热线), offered on a
 * station's page when that station has published no phone, so that 电话 is
 * never a dead end. Set the district's real number (and `demo: false`) before
 * release. The shipped number is fictional (Tianjin numbers never start with
 * 0 after the area code), in the style of the demo data: marked 演示 wherever
 * it shows.
 */
export const DISTRICT_SERVICE_LINE: Readonly<{
  /** Shown beside the number. */
  name: string;
  /** Dialled as it is (makePhoneCall). */
  phone: string;
  /** True while the number is the fictional demo value. */
  demo: boolean;
}> = {
  name: '滨海新区社会工作服务热线',
  phone: '022-00000000',
  demo: true,
};
