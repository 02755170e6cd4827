import type { Role } from '../auth/roles';
import type { StationId } from '../ids';

/** Roles a demo account can have (the accounts work's {@link Role}). */
export type DemoRole = Role;

/** A clearly fake account offered by the emulator's dev login; never exists in production. */
export interface DemoUser {
  /** Starts with `demo-` so it can never be mistaken for a real WeChat OPENID. */
  openid: string;
  /** Chinese label, marked 演示 (demo). */
  label: string;
  role: DemoRole;
  /** The one station of a social worker or station head. */
  stationId?: StationId;
  /** The stations assigned to a supervisor (督导). */
  stationIds?: StationId[];
}

const st = (id: string) => id as StationId;

/** Demo accounts for the dev login page and the tests; one per role, plus a second resident and a worker elsewhere. */
export const DEMO_USERS: readonly DemoUser[] = [
  { openid: 'demo-resident-1', label: '演示居民一', role: 'resident' },
  { openid: 'demo-resident-2', label: '演示居民二', role: 'resident' },
  {
    openid: 'demo-worker-tanggu',
    label: '演示社工（塘沽街道）',
    role: 'social_worker',
    stationId: st('st-tanggu'),
  },
  {
    openid: 'demo-head-tanggu',
    label: '演示站长（塘沽街道）',
    role: 'station_head',
    stationId: st('st-tanggu'),
  },
  {
    openid: 'demo-worker-dagang',
    label: '演示社工（大港街道）',
    role: 'social_worker',
    stationId: st('st-dagang'),
  },
  {
    openid: 'demo-supervisor-1',
    label: '演示督导',
    role: 'supervisor',
    stationIds: [st('st-tanggu'), st('st-xinhe')],
  },
  { openid: 'demo-admin-1', label: '演示区民政局管理员', role: 'district_admin' },
];
