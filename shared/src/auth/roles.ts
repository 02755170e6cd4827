/**
 * Roles and scopes: who a caller is, and how far an allowed action reaches.
 * Pure: no platform imports, no clock.
 */

/** The five roles. Every WeChat user is at least a `resident`. */
export const ROLES = ['resident', 'social_worker', 'station_head', 'supervisor', 'district_admin'] as const;
/** One of {@link ROLES}. */
export type Role = (typeof ROLES)[number];

/** Roles given by an invite or by configuration (not by being a WeChat user). */
export const STAFF_ROLES = ['social_worker', 'station_head', 'supervisor', 'district_admin'] as const;
/** One of {@link STAFF_ROLES}. */
export type StaffRole = (typeof STAFF_ROLES)[number];

/** Roles that belong to exactly one station (a station head is also a social worker). */
export const STATION_ROLES = ['social_worker', 'station_head'] as const;
/** One of {@link STATION_ROLES}. */
export type StationRole = (typeof STATION_ROLES)[number];

/** Chinese label shown on the role badge. */
export const ROLE_LABELS: Record<Role, string> = {
  resident: '居民',
  social_worker: '社工',
  station_head: '站长',
  supervisor: '督导',
  district_admin: '区民政局',
};

/**
 * How far an allowed action reaches:
 * - `public`: no target restriction and no identity needed (public information);
 * - `own`: only the caller's own records (own profile, own consents, own requests);
 * - `station`: records of the caller's one station;
 * - `assigned`: records of the stations a supervisor is assigned to today
 *   (`supervisor_assignments` active on the Beijing day, issue 12);
 * - `all`: every record (district).
 */
export const SCOPES = ['public', 'own', 'station', 'assigned', 'all'] as const;
/** One of {@link SCOPES}. */
export type Scope = (typeof SCOPES)[number];

/** True when `value` is one of {@link ROLES}. */
export const isRole = (value: unknown): value is Role =>
  typeof value === 'string' && (ROLES as readonly string[]).includes(value);

/** True when `role` is a staff role. */
export const isStaffRole = (role: Role): role is StaffRole => role !== 'resident';

/** True when `role` belongs to one station. */
export const isStationRole = (role: Role): role is StationRole =>
  role === 'social_worker' || role === 'station_head';
