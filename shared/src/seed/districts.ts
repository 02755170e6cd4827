import type {
  AdminUnit,
  AdminUnitKind,
  GeoLocation,
  RoomKind,
  ServiceArea,
  Specialty,
} from '../domain/station';
import type { AdminUnitId, StationId } from '../ids';

/**
 * The district's administrative units and stations as seed data, from the
 * 2022 notice of the Binhai New Area civil affairs bureau (see
 * /work/shared/domain.md). An administrator edits them later; the seed never
 * overwrites an edit (scripts/seed.ts inserts only what is missing).
 *
 * Nothing here is invented: addresses, phones, hours and staff are null until
 * an administrator fills them in. Coordinates are APPROXIMATE centres of each
 * street/township (from general map knowledge, not surveyed, not the station's
 * door) so that "nearest station" works before an administrator sets the real
 * ones; they are marked `approximate: true` and shown as such.
 */

/** Bump when the seed's content changes in a way that existing databases should learn about. */
export const SEED_VERSION = 1;

/** A seed administrative unit (street 街道, township 镇, development zone 开发区). */
export type SeedAdminUnit = AdminUnit;

/** A seed station: one per street/township; fields that nobody has confirmed are null or empty. */
export interface SeedStation {
  id: StationId;
  unitId: AdminUnitId;
  unitKind: Exclude<AdminUnitKind, 'zone'>;
  unitName: string;
  /** 滨海新区XX街道社会工作服务站 / 滨海新区XX镇社会工作服务站 */
  officialName: string;
  /** Display order: streets first, then townships, each in the notice's order. */
  order: number;
  address: string | null;
  hours: string | null;
  phone: string | null;
  specialty: Specialty | null;
  serviceAreas: ServiceArea[];
  rooms: RoomKind[];
  location: GeoLocation | null;
  needsAdminReview: boolean;
}

/** [pinyin id, name without 街道/镇, approximate latitude, approximate longitude] */
type UnitRow = readonly [string, string, number, number];

// Approximate centres (WGS-84), street by street, in the notice's order.
// Not surveyed: an administrator replaces them with the station's real position.
const STREETS: readonly UnitRow[] = [
  ['tanggu', '塘沽', 39.025, 117.655],
  ['hangzhoudao', '杭州道', 39.045, 117.665],
  ['xinhe', '新河', 39.005, 117.625],
  ['dagu', '大沽', 38.985, 117.66],
  ['xinbei', '新北', 39.07, 117.66],
  ['beitang', '北塘', 39.105, 117.715],
  ['hujiayuan', '胡家园', 39.05, 117.58],
  ['xingang', '新港', 39.0, 117.72],
  ['xincun', '新村', 39.03, 117.64],
  ['taida', '泰达', 39.05, 117.71],
  ['hangu', '汉沽', 39.25, 117.8],
  ['zhaishang', '寨上', 39.255, 117.83],
  ['chadian', '茶淀', 39.29, 117.7],
  ['dagang', '大港', 38.84, 117.46],
  ['gulin', '古林', 38.8, 117.5],
  ['haibin', '海滨', 38.76, 117.55],
];

// Approximate centres of the five townships (镇), likewise not surveyed.
const TOWNSHIPS: readonly UnitRow[] = [
  ['xincheng', '新城', 38.95, 117.6],
  ['yangjiabo', '杨家泊', 39.33, 117.87],
  ['taiping', '太平', 38.68, 117.38],
  ['xiaowangzhuang', '小王庄', 38.77, 117.35],
  ['zhongtang', '中塘', 38.87, 117.32],
];

// Development zones (开发区): responsible units beside the streets and
// townships; no station of their own in the notice's name format, but an
// administrator may attach a station to one.
const ZONES: readonly (readonly [string, string])[] = [
  ['zone-teda', '天津经济技术开发区'],
  ['zone-tianjin-port-ftz', '天津港保税区'],
  ['zone-binhai-hitech', '滨海高新区'],
  ['zone-dongjiang', '东疆综合保税区'],
  ['zone-eco-city', '中新天津生态城'],
];

const unitsOf = (rows: readonly UnitRow[], kind: 'street' | 'township', suffix: string): SeedAdminUnit[] =>
  rows.map(([id, name], i) => ({ id: id as AdminUnitId, kind, name: `${name}${suffix}`, order: i }));

/** The 16 streets, 5 townships and 5 development zones. */
export const SEED_ADMIN_UNITS: readonly SeedAdminUnit[] = [
  ...unitsOf(STREETS, 'street', '街道'),
  ...unitsOf(TOWNSHIPS, 'township', '镇'),
  ...ZONES.map(([id, name], i) => ({ id: id as AdminUnitId, kind: 'zone' as const, name, order: i })),
];

const stationsOf = (
  rows: readonly UnitRow[],
  kind: 'street' | 'township',
  suffix: string,
  firstOrder: number,
): SeedStation[] =>
  rows.map(([id, name, latitude, longitude], i) => ({
    id: `st-${id}` as StationId,
    unitId: id as AdminUnitId,
    unitKind: kind,
    unitName: `${name}${suffix}`,
    officialName: `滨海新区${name}${suffix}社会工作服务站`,
    order: firstOrder + i,
    address: null,
    hours: null,
    phone: null,
    specialty: null,
    serviceAreas: [],
    rooms: [],
    location: { latitude, longitude, approximate: true },
    needsAdminReview: true,
  }));

/** The 21 stations: 16 streets then 5 townships, in the notice's order. */
export const SEED_STATIONS: readonly SeedStation[] = [
  ...stationsOf(STREETS, 'street', '街道', 0),
  ...stationsOf(TOWNSHIPS, 'township', '镇', STREETS.length),
];
